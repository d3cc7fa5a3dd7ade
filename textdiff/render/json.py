"""JSON renderer: the public contract, ``textdiff.comparison/1``.

Deterministic: keys in a fixed order, no timestamps, floats rounded where
they are computed. ``to_dict`` is the structure, ``dumps`` the bytes (``chunks``: the same bytes in
pieces, for writing a large comparison without holding its whole text).

Provenance is additive, present only for a PDF, web page or Word file: per
document ``source`` (reader, engine, pages, view) and ``regions`` (running
heads, folios, notes, hyphen breaks, boilerplate, tracked changes; offsets
into the text like everything else), per paragraph ``loc``, and ``region.loc``:
where each side's region lies in the original (pages and columns, xpaths and
source offsets, Word parts and paragraphs).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from ..formats import Where, locate
from ..model import Block, Comparison, Document, Paragraph, Segment, Side

SCHEMA = "textdiff.comparison/1"


def _loc(where: Where) -> dict[str, Any]:
    """Where a range came from, as JSON: only the keys its format has."""
    out: dict[str, Any] = {}
    if where.columns:
        out["pages"] = list(where.pages)
        out["columns"] = [list(pc) for pc in where.columns]
    if where.xpaths:
        out["xpaths"] = list(where.xpaths)
    if where.source is not None:
        out["source"] = list(where.source)
    if where.parts:
        out["parts"] = [list(pp) for pp in where.parts]
    return out


def provenance(d: Document) -> dict[str, Any]:
    """The reader's record of a document (``source``, ``regions``); {} for plain text."""
    if d.source is None:
        return {}
    src = d.source
    source: dict[str, Any] = {"kind": src.kind, "reader": src.reader, "engine": src.engine}
    if src.pages:
        source["pages"] = src.pages
    if src.view:
        source["view"] = src.view
    return {
        "source": source,
        "regions": [
            {
                "kind": r.kind.value,
                "start": r.start,
                "end": r.end,
                **({"attrs": dict(r.attrs)} if r.attrs else {}),
            }
            for r in d.regions
        ],
    }


def _paragraph(d: Document, p: Paragraph, located: bool) -> dict[str, Any]:
    return {
        "index": p.index,
        "start": p.start,
        "end": p.end,
        "role": p.role.value,
        **({"loc": _loc(locate(d, p.start, p.end))} if located else {}),
    }


def _document(side: Side, ident: str) -> dict[str, Any]:
    d = side.document
    located = bool(d.origins)
    out: dict[str, Any] = {
        "id": ident,
        "path": d.path,
        "encoding": d.encoding,
        "encoding_confidence": d.confidence,
        "encoding_method": d.method,
        "sha256": d.sha256,
        "bytes": d.size,
        "chars": d.chars,
        "format": d.format,
        **provenance(d),
        "paragraphs": _Many(side.paragraphs, lambda p: _paragraph(d, p, located)),
    }
    if d.invalid:
        # Additive (method utf-8-lenient): the bytes that were not UTF-8, each read as one
        # character. Absent when there are none, so other outputs keep their bytes.
        out["invalid_bytes"] = invalid_bytes_json(d)
    return out


def invalid_bytes_json(d: Document) -> list[dict[str, Any]]:
    """``offset`` in the text, ``byte_offset`` in the input, the byte, what it was read as."""
    return [
        {"offset": b.offset, "byte_offset": b.byte_offset, "byte": b.value, "read_as": b.read_as}
        for b in d.invalid
    ]


def _region(c: Comparison) -> dict[str, Any] | None:
    if c.region is None:
        return None
    ra, rb = c.region
    out: dict[str, Any] = {"a": [ra.start, ra.end], "b": [rb.start, rb.end]}
    loc = {
        ident: _loc(locate(side.document, span.start, span.end))
        for ident, side, span in (("a", c.a, ra), ("b", c.b, rb))
        if side.document.origins
    }
    if loc:
        out["loc"] = loc
    return out


def _segment(s: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"op": s.op.value, "a": [s.a0, s.a1], "b": [s.b0, s.b1]}
    if s.category is not None:
        out["category"] = s.category.value
    if s.rule is not None:
        out["rule"] = s.rule
    return out


def _block(b: Block) -> dict[str, Any]:
    return {
        "kind": b.kind.value,
        "a": list(b.a),
        "b": list(b.b),
        "similarity": b.similarity,
        "segments": [_segment(s) for s in b.segments],
        "in_region": b.in_region,
    }


def to_dict(c: Comparison, version: str) -> dict[str, Any]:
    """The comparison as the contract's JSON object."""
    out: dict[str, Any] = _plain(_tree(c, version))
    return out


def _tree(c: Comparison, version: str) -> dict[str, Any]:
    """The JSON object, with its long lists (paragraphs, blocks) left as ``_Many``."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "textdiff", "version": version},
        "options": c.options,
        "documents": [_document(c.a, "a"), _document(c.b, "b")],
        "region": _region(c),
        "coverage": {"a": c.coverage[0], "b": c.coverage[1]},
        "similarity": c.similarity,
        "blocks": _Many(c.blocks, _block),
        "summary": {
            "verdict": c.summary.verdict.value,
            "blocks": {k.value: n for k, n in c.summary.blocks.items()},
            "edits": {k.value: n for k, n in c.summary.edits.items()},
            "region_edits": {k.value: n for k, n in c.summary.region_edits.items()},
            "host": c.summary.host,
            "reasons": [
                {"kind": r.kind.value, "message": r.message, "blocks": list(r.blocks)}
                for r in c.summary.reasons
            ],
        },
    }


class _Many(NamedTuple):
    """A long list of the JSON object: its items and how each becomes JSON."""

    items: Sequence[Any]
    render: Callable[[Any], Any]


def _plain(value: Any) -> Any:
    """The object with every ``_Many`` made a list."""
    if isinstance(value, _Many):
        return [value.render(x) for x in value.items]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _lazy(value: Any) -> bool:
    if isinstance(value, _Many):
        return True
    if isinstance(value, dict):
        return any(_lazy(v) for v in value.values())
    return isinstance(value, list) and any(_lazy(v) for v in value)


def dumps(c: Comparison, version: str, indent: int | None = None) -> str:
    """The JSON text, newline-terminated; same comparison, same bytes."""
    return "".join(chunks(c, version, indent))


# Items of a long list rendered per piece of compact JSON: pieces large enough that
# writing them costs nothing, small enough that a 50 MB pair never holds a tree of
# dicts for its blocks or paragraphs, or its whole JSON text, at once.
ITEMS_PER_CHUNK = 2048


def chunks(c: Comparison, version: str, indent: int | None = None) -> Iterator[str]:
    """The JSON text of ``dumps``, in pieces to write one after another.

    Compact JSON (the default) is made piece by piece: exactly the bytes
    ``json.dumps`` gives for ``to_dict``, the paragraphs and blocks a few thousand
    at a time. ``json_inert`` applies piece by piece: no piece ends in ``#`` (they
    end in a quote, digit, bracket, brace or colon), so no ``##[`` is cut in two.
    """
    from ..display import json_inert

    if indent is not None:
        text = json.dumps(
            to_dict(c, version), ensure_ascii=True, indent=indent, separators=(",", ": ")
        )
        yield json_inert(text) + "\n"
        return
    for piece in _pieces(_tree(c, version)):
        yield json_inert(piece)
    yield "\n"


def _pieces(value: Any) -> Iterator[str]:
    if not _lazy(value):
        yield _compact(value)
    elif isinstance(value, _Many):
        yield "["
        items, render = value.items, value.render
        for k in range(0, len(items), ITEMS_PER_CHUNK):
            # One encoder call per piece (not per item): the list's JSON without its brackets.
            part = _compact([render(x) for x in items[k : k + ITEMS_PER_CHUNK]])[1:-1]
            yield ("," if k else "") + part
        yield "]"
    elif isinstance(value, dict):
        for n, (key, v) in enumerate(value.items()):
            yield ("," if n else "{") + _compact(key) + ":"
            yield from _pieces(v)
        yield "}"
    else:
        for n, v in enumerate(value):
            yield "," if n else "["
            yield from _pieces(v)
        yield "]"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))
