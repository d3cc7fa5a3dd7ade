"""report: the scan's outputs, all read from a finished Collection.

    SCHEMA                          "textdiff.scan/1", the JSON Lines contract (docs/scan.md)
    records(coll, stats)            pair records, then family records, then one summary record
    jsonl(coll, stats)              the same as text, one compact JSON object a line
    summary(coll, stats, engine)    the terminal summary
    write_html(coll, stats, index_path, out_dir, reports)
                                    index.html of families (Jinja2 template under templates/),
                                    linking the first ``reports`` pairs' HTML reports
                                    (``textdiff.render.html``, as ``textdiff report`` writes)

Records are sorted (families largest first, then by their first member in
source and id order; pairs in family order), hold no timings and no absolute
state, so the same collection gives the same bytes whatever the engine.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .. import __version__
from ..options import Options
from ..pipeline import compare_documents
from ..render.text import safe
from .families import Family
from .index import DocInfo, PairRow, read_documents
from .runner import Collection, ScanStats
from .verify import Relation, document

SCHEMA = "textdiff.scan/1"
RELATIONS = [r.value for r in Relation]


def _doc_ref(d: DocInfo) -> dict[str, Any]:
    return {"id": d.name, "source": d.source, "line": d.line}


def _pair(p: PairRow, family: int, docs: dict[int, DocInfo]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "type": "pair",
        "family": family,
        "a": _doc_ref(docs[p.a]),
        "b": _doc_ref(docs[p.b]),
        "relation": p.relation,
        "verdict": p.verdict,
        "coverage": {"a": p.coverage[0], "b": p.coverage[1]},
        "similarity": p.similarity,
        "region": None if p.region is None else {"a": list(p.region[0]), "b": list(p.region[1])},
        "edits": p.edits,
        "shared_shingles": p.shared,
        "score": p.score,
    }


def _member(d: DocInfo) -> dict[str, Any]:
    return {**_doc_ref(d), "chars": d.chars, "words": d.words, "metadata": _finite(d.meta)}


def _finite(value: Any) -> Any:
    """``value`` with NaN and infinities as null: JSON has no such numbers.

    Reading refuses them; an index written by an older textdiff may hold them.

    >>> _finite({"a": [1.5, float("nan")], "b": float("-inf")})
    {'a': [1.5, None], 'b': None}
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _family(f: Family, docs: dict[int, DocInfo]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "type": "family",
        "family": f.number,
        "size": len(f.members),
        "relations": f.relations,
        "members": [_member(docs[m]) for m in f.members],
        "pairs": [
            {"a": docs[p.a].name, "b": docs[p.b].name, "relation": p.relation} for p in f.pairs
        ],
    }


def pair_counts(coll: Collection) -> dict[str, int]:
    counts = Counter(p.relation for p in coll.pairs)
    return {r: counts[r] for r in RELATIONS if counts[r]}


def family_counts(coll: Collection) -> dict[str, int]:
    """Families holding at least one pair of each relation (a family may count twice)."""
    counts: Counter[str] = Counter()
    for f in coll.families:
        counts.update(f.relations.keys())
    return {r: counts[r] for r in RELATIONS if counts[r]}


def _run(stats: ScanStats) -> dict[str, Any]:
    return {
        "sources": stats.sources,
        "sources_unchanged": stats.sources_skipped,
        "documents_read": stats.documents_read,
        "documents_added": stats.documents_added,
        "documents_unchanged": stats.documents_unchanged,
        "bad_input": len(stats.problems),
        "outputs_skipped": stats.outputs_skipped,
        "candidates": stats.candidates,
        "verified": stats.verified,
    }


def records(coll: Collection, stats: ScanStats, documents: int) -> Iterator[dict[str, Any]]:
    """Pair records, then family records, then a summary record."""
    for f in coll.families:
        for p in f.pairs:
            yield _pair(p, f.number, coll.documents)
    for f in coll.families:
        yield _family(f, coll.documents)
    yield {
        "schema": SCHEMA,
        "type": "summary",
        "documents": documents,
        "pairs": len(coll.pairs),
        "families": len(coll.families),
        "pairs_by_relation": pair_counts(coll),
        "families_by_relation": family_counts(coll),
        "run": _run(stats),
    }


# JSON allows these raw inside a string, but str.splitlines() and JavaScript
# before ES2019 break lines on them: a record must stay one line for every reader.
_LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: dict[str, Any]) -> str:
    r"""One record as one line of strict JSON (RFC 8259: no NaN), UTF-8 kept readable.

    >>> json_line({"id": "a\u2029b", "t": "Ü"})
    '{"id":"a\\u2029b","t":"Ü"}\n'
    """
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_LINE_SEPARATORS) + "\n"


def jsonl(coll: Collection, stats: ScanStats, documents: int) -> str:
    return "".join(json_line(r) for r in records(coll, stats, documents))


def _label(d: DocInfo) -> str:
    extra = [str(d.meta[k]) for k in ("date", "title") if d.meta.get(k)]
    return safe(d.name + (f"  ({' · '.join(extra)})" if extra else ""))


def _counts_line(counts: dict[str, int]) -> str:
    return " · ".join(f"{k} {v:,}" for k, v in counts.items()) or "none"


def summary(
    coll: Collection, stats: ScanStats, documents: int, engine: str, largest: int = 5
) -> str:
    """The terminal summary: what was read, found, and the largest families."""
    lines = [
        f"textdiff scan: {documents:,} documents in the index; this run read "
        f"{stats.documents_read:,} ({stats.documents_added:,} new or changed, "
        f"{stats.documents_unchanged:,} unchanged) from {stats.sources:,} sources "
        f"({stats.sources_skipped:,} unchanged, not read); {len(stats.problems):,} bad input",
        f"candidates {stats.candidates:,} · verified {stats.verified:,} · "
        f"{len(coll.pairs):,} pairs in {len(coll.families):,} families",
        f"pairs by relation: {_counts_line(pair_counts(coll))}",
        f"families by relation: {_counts_line(family_counts(coll))}",
    ]
    for f in coll.families[:largest]:
        lines.append(f"family {f.number} ({len(f.members)} documents; {_counts_line(f.relations)})")
        for m in f.members[:6]:
            lines.append(f"    {_label(coll.documents[m])}")
        if len(f.members) > 6:
            lines.append(f"    … and {len(f.members) - 6} more")
    secs = stats.seconds
    if secs:
        lines.append(
            f"time: read {secs['read']:.1f}s · candidates {secs['candidates']:.1f}s · "
            f"verify {secs['verify']:.1f}s ({engine})"
        )
    return "\n".join(lines) + "\n"


def _write(path: str, text: str) -> None:
    tmp = path + ".tmp"
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def write_html(
    coll: Collection,
    stats: ScanStats,
    documents: int,
    index_path: str,
    out_dir: str,
    reports: int,
) -> str:
    """Write ``out_dir/index.html`` and the first ``reports`` pair reports; return its path."""
    import jinja2  # lazy: only the HTML output needs it

    from ..render.html import render  # lazy, like jinja2
    from ..render.text import safe

    os.makedirs(os.path.join(out_dir, "pairs"), exist_ok=True)
    links: dict[tuple[int, int], str] = {}
    for p in coll.pairs[:reports]:
        texts = read_documents(index_path, [p.a, p.b])
        c = compare_documents(document(texts[p.a]), document(texts[p.b]), Options())
        rel = f"pairs/{coll.order[p.a]}-{coll.order[p.b]}.html"
        _write(os.path.join(out_dir, rel), render(c, version=__version__))
        links[(p.a, p.b)] = rel
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("textdiff.scan", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Control and bidi characters in ids and metadata are shown, never obeyed.
        finalize=lambda v: safe(v) if isinstance(v, str) else v,
    )
    page = env.get_template("index.html.j2").render(
        version=__version__,
        schema=SCHEMA,
        documents=documents,
        pairs=len(coll.pairs),
        pair_counts=pair_counts(coll),
        family_counts=family_counts(coll),
        bad_input=len(stats.problems),
        families=[
            {
                "number": f.number,
                "relations": f.relations,
                "members": [
                    {
                        "name": coll.documents[m].name,
                        "date": str(coll.documents[m].meta.get("date", "")),
                        "title": str(coll.documents[m].meta.get("title", "")),
                        "chars": coll.documents[m].chars,
                    }
                    for m in f.members
                ],
                "pairs": [
                    {
                        "a": coll.documents[p.a].name,
                        "b": coll.documents[p.b].name,
                        "relation": p.relation,
                        "verdict": p.verdict,
                        "coverage_a": p.coverage[0],
                        "coverage_b": p.coverage[1],
                        "similarity": p.similarity,
                        "link": links.get((p.a, p.b), ""),
                    }
                    for p in f.pairs
                ],
            }
            for f in coll.families
        ],
    )
    path = os.path.join(out_dir, "index.html")
    _write(path, page)
    return path
