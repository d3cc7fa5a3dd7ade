"""report: the scan's outputs, all read from a finished Collection.

    SCHEMA                          "textdiff.scan/1", the JSON Lines contract (docs/scan.md)
    records(coll, stats)            pair records, then family records, then one summary record
    jsonl(coll, stats)              the same as text, one compact JSON object a line
    summary(coll, stats, engine)    the terminal summary
    html_pages(coll, stats, documents, index_path, reports)
                                    the HTML output, page by page: the first ``reports``
                                    pairs' reports (``textdiff.render.html``, as ``textdiff
                                    report`` writes them, with a link back and the documents'
                                    titles and dates), then index.html: every family, with a
                                    table of contents, filters by relation, search and sort
                                    (Jinja2 template, CSS and JS under templates/, strict CSP)
    pair_page(coll, pair)           a pair report's path: named by the pair, not its rank

Records are sorted (families largest first, then by their first member in
source and id order; pairs in family order), hold no timings and no absolute
state, so the same collection gives the same bytes whatever the engine.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any, NamedTuple

from .. import __version__
from ..display import escape, number, plural
from ..options import Options
from ..pipeline import compare_documents
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
        "shared": {"a": p.share[0], "b": p.share[1]},
        "passages": [{"a": [q.a0, q.a1], "b": [q.b0, q.b1]} for q in p.passages],
        "shared_shingles": p.shared,
        "own_shingles": p.own,
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
    return escape(d.name + (f"  ({' · '.join(extra)})" if extra else ""))


def _counts_line(counts: dict[str, int]) -> str:
    return " · ".join(f"{k} {v:,}" for k, v in counts.items()) or "none"




def summary(
    coll: Collection,
    stats: ScanStats,
    documents: int,
    engine: str,
    largest: int = 5,
    see_all: str = "run again with --format html -o FOLDER (a browsable index) or --format jsonl",
) -> str:
    """The terminal summary: what was read, found, and the largest families.

    When there are more families than ``largest``, a line says how many more
    and, in ``see_all``, how to see them all.
    """
    outputs = f", {plural(stats.outputs_skipped, 'earlier output')} skipped" * bool(
        stats.outputs_skipped
    )
    lines = [
        f"textdiff scan: {plural(documents, 'document')} in the index; this run read "
        f"{stats.documents_read:,} ({stats.documents_added:,} new or changed, "
        f"{stats.documents_unchanged:,} unchanged) from {plural(stats.sources, 'source')} "
        f"({stats.sources_skipped:,} unchanged, not read{outputs}); "
        f"{len(stats.problems):,} bad input",
        f"candidates {stats.candidates:,} · verified {stats.verified:,} · "
        f"{plural(len(coll.pairs), 'pair')} in {plural(len(coll.families), 'family')}",
        f"pairs by relation: {_counts_line(pair_counts(coll))}",
        f"families by relation: {_counts_line(family_counts(coll))}",
    ]
    for f in coll.families[:largest]:
        lines.append(
            f"family {f.number:,} ({plural(len(f.members), 'document')}; "
            f"{_counts_line(f.relations)})"
        )
        for m in f.members[:6]:
            lines.append(f"    {_label(coll.documents[m])}")
        if len(f.members) > 6:
            lines.append(f"    … and {len(f.members) - 6:,} more")
    hidden = len(coll.families) - largest
    if hidden > 0:
        lines.append(f"… and {plural(hidden, 'more family')}; to see them all: {escape(see_all)}")
    if stats.unfinished:
        lines.append(_unfinished(stats.unfinished))
    secs = stats.seconds
    if secs:
        lines.append(
            f"time: read {secs['read']:.1f}s · candidates {secs['candidates']:.1f}s · "
            f"verify {secs['verify']:.1f}s ({engine})"
        )
    return "\n".join(lines) + "\n"


def _unfinished(pending: int) -> str:
    """What a report-only run says of an index a scan left unfinished (it writes nothing)."""
    what = (
        "its candidates are not of the documents it holds"
        if pending < 0
        else f"{pending:,} candidate pairs are not verified yet"
    )
    return f"note: the index is unfinished ({what}); scan its inputs again to finish it"


class Page(NamedTuple):
    """One file of the HTML output: its path under the output folder, and its text."""

    path: str
    text: str


INDEX_PAGE = "index.html"
PAIRS_FOLDER = "pairs"


def pair_page(coll: Collection, p: PairRow) -> str:
    """The path of a pair's report under the output folder, named by the pair's documents.

    Named by what the pair is (both documents' source and id), not by its rank:
    a link keeps pointing at the same pair's report when a rerun adds documents.
    """
    a, b = coll.documents[p.a], coll.documents[p.b]
    ident = json.dumps([a.source, a.key, b.source, b.key], ensure_ascii=True)
    digest = hashlib.sha256(ident.encode("ascii")).hexdigest()[:20]
    return f"{PAIRS_FOLDER}/{digest}.html"


def html_pages(
    coll: Collection, stats: ScanStats, documents: int, index_path: str, reports: int
) -> Iterator[Page]:
    """The HTML output: the first ``reports`` pairs' reports, then ``index.html``.

    The index comes last so that a writer that replaces files one by one never
    shows an index linking to a report not yet written.
    """
    from ..render.html import Context, render  # lazy: jinja2 only for HTML

    family_of = {(p.a, p.b): f.number for f in coll.families for p in f.pairs}
    links: dict[tuple[int, int], str] = {}
    for p in coll.pairs[:reports]:
        texts = read_documents(index_path, [p.a, p.b])
        c = compare_documents(document(texts[p.a]), document(texts[p.b]), Options())
        number = family_of[(p.a, p.b)]
        a, b = coll.documents[p.a], coll.documents[p.b]
        context = Context(
            back=f"../{INDEX_PAGE}#family-{number}",
            back_text=f"back to family {number:,} ({p.relation}) in the scan index",
            facts=_facts(a, b),
        )
        name = pair_page(coll, p)
        links[(p.a, p.b)] = name
        yield Page(name, render(c, version=__version__, context=context))
    yield Page(INDEX_PAGE, _index_page(coll, stats, documents, links))


def _facts(a: DocInfo, b: DocInfo) -> tuple[tuple[str, str, str], ...]:
    """Rows a pair's report adds to its documents table: where each came from, title, date."""

    def source(d: DocInfo) -> str:
        return d.source if d.line is None else f"{d.source}, line {d.line:,}"

    rows = [("Source", source(a), source(b))]
    for key in ("title", "date"):
        va, vb = _meta(a, key), _meta(b, key)
        if va or vb:
            rows.append((key.capitalize(), va, vb))
    return tuple(rows)


def _meta(d: DocInfo, key: str) -> str:
    value = d.meta.get(key)
    return "" if value is None else str(value)


def _index_page(
    coll: Collection, stats: ScanStats, documents: int, links: dict[tuple[int, int], str]
) -> str:
    import jinja2  # lazy: only the HTML output needs it
    from markupsafe import Markup

    from ..display import html_visible
    from ..render.html import content_security_policy

    css, js = _static()
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("textdiff.scan", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Control and bidi characters in ids and metadata are shown, never obeyed.
        finalize=lambda v: (
            html_visible(v) if isinstance(v, str) and not isinstance(v, Markup) else v
        ),
    )
    env.filters["num"] = number
    env.filters["count"] = plural
    fams = []
    for f in coll.families:
        members = [coll.documents[m] for m in f.members]
        dates = sorted(d for m in members if (d := _meta(m, "date")))
        title = next((t for m in members if (t := _meta(m, "title"))), members[0].name)
        fams.append(
            {
                "number": f.number,
                "relations": f.relations,
                "first": title,
                "date": dates[0] if dates else "",
                "members": [
                    {
                        "name": d.name,
                        "date": _meta(d, "date"),
                        "title": _meta(d, "title"),
                        "chars": d.chars,
                    }
                    for d in members
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
        )
    return env.get_template("index.html.j2").render(
        version=__version__,
        schema=SCHEMA,
        csp=content_security_policy(css, js),
        css=Markup(css),  # our own static files, checked by _static(); never document text
        js=Markup(js),
        documents=documents,
        pairs=len(coll.pairs),
        pair_counts=pair_counts(coll),
        family_counts=family_counts(coll),
        relations=[r for r in RELATIONS if r in family_counts(coll)],
        bad_input=len(stats.problems),
        reports=len(links),
        families=fams,
    )


_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


@functools.lru_cache(maxsize=1)
def _static() -> tuple[str, str]:
    with open(os.path.join(_TEMPLATES, "index.css"), encoding="utf-8") as fh:
        css = fh.read()
    with open(os.path.join(_TEMPLATES, "index.js"), encoding="utf-8") as fh:
        js = fh.read()
    # Inserted verbatim into raw text elements: they must not be able to close them.
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise ValueError("index.css/index.js must not contain a closing tag or <!--")
    return css, js
