"""JSON renderer: the public contract, ``textdiff.comparison/1``.

Deterministic: keys in a fixed order, no timestamps, floats rounded where
they are computed. ``to_dict`` is the structure, ``dumps`` the bytes.

Provenance is additive, present only for a PDF, web page or Word file: per
document ``source`` (reader, engine, pages, view) and ``regions`` (running
heads, folios, notes, hyphen breaks, boilerplate, tracked changes; offsets
into the text like everything else), per paragraph ``loc``, and ``region.loc``:
where each side's region lies in the original (pages and columns, xpaths and
source offsets, Word parts and paragraphs).
"""

from __future__ import annotations

import json
from typing import Any

from ..formats import Where, locate
from ..model import Block, Comparison, Document, Segment, Side

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
        "paragraphs": [
            {
                "index": p.index,
                "start": p.start,
                "end": p.end,
                "role": p.role.value,
                **({"loc": _loc(locate(d, p.start, p.end))} if located else {}),
            }
            for p in side.paragraphs
        ],
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


def to_dict(c: Comparison, version: str, blocks: bool = True) -> dict[str, Any]:
    """The comparison as the contract's JSON object (``blocks=False``: an empty
    list in their place, for a writer that writes them one by one)."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "textdiff", "version": version},
        "options": c.options,
        "documents": [_document(c.a, "a"), _document(c.b, "b")],
        "region": _region(c),
        "coverage": {"a": c.coverage[0], "b": c.coverage[1]},
        "similarity": c.similarity,
        "blocks": [_block(b) for b in c.blocks] if blocks else [],
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


def dumps(c: Comparison, version: str, indent: int | None = None) -> str:
    """The JSON text, newline-terminated; same comparison, same bytes.

    Compact JSON (the default) is written block by block: the bytes ``json.dumps``
    gives for the whole object, without holding a tree of dicts and a list of
    millions of small strings for a 50 MB pair at once.
    """
    from ..display import json_inert

    if indent is not None:
        obj = to_dict(c, version)
        text = json.dumps(obj, ensure_ascii=True, indent=indent, separators=(",", ": "))
        return json_inert(text) + "\n"
    top = to_dict(c, version, blocks=False)
    pieces = ["{"]
    for n, (key, value) in enumerate(top.items()):
        if n:
            pieces.append(",")
        pieces.append(_compact(key) + ":")
        if key == "blocks":
            pieces.append("[")
            pieces.append(",".join(_compact(_block(b)) for b in c.blocks))
            pieces.append("]")
        else:
            pieces.append(_compact(value))
    pieces.append("}\n")
    return json_inert("".join(pieces))


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))
