"""HTML view of a collation: one self-contained page (``--format html``).

    render(c, version=...)   the page as a str: CSS and JS inline, nothing loaded
    build(c)                 the view model the template reads (Page)

Three linked levels, built for 20 witnesses × a novel:

* the *overview*: one inline SVG, a column per witness and a band per few
  rows, coloured by the most serious category in which the witness departs
  from the base there; runs of one colour are one ``<rect>`` inside a link
  to the first row of the run (navigation without script);
* the *matrix*: one line per row (its id, the base's first words, a cell per
  witness: status and colour, counts); the witness columns carry sigla;
* the *drill-down* under each line (a closed ``<details>``): the row's text
  with its sites marked, read as the base or, with "Read as", as any one
  witness (every witness's text is there, as base text plus readings, never
  N copies), and the apparatus, one line per site.

Filters (categories, row kinds) and "read as" are radio buttons and check
boxes that CSS ``:has()`` obeys, so they work without script; the small
script adds keyboard navigation (j/k sites, ]/[ rows, o open, a open all)
and opens the drill-down a link points into. It only toggles classes and
attributes: no document string ever becomes markup (Jinja autoescapes it).

Rows are grouped in chunks with ``content-visibility: auto`` so off-screen
rows cost no layout. Deterministic: the same collation, the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..display import html_visible as _visible
from ..model import Category
from ..render.html import _whitespace_shown, content_security_policy
from .build import Collation
from .model import CellStatus, Row, RowKind, Site
from .rules import RULES

if TYPE_CHECKING:
    from jinja2 import Environment

_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates"
STATIC = _HERE / "static"

# Rows per chunk of the page laid out together (content-visibility).
CHUNK = 40
# Most bands of the overview.
BANDS = 400
# Sigla longer than this are written as ids (w3) in the apparatus; the witness table says which.
SIGLUM_MAX = 10
INCIPIT = 72

CODE = {
    Category.WHITESPACE: "ws",
    Category.TYPOGRAPHY: "ty",
    Category.FORMATTING: "fo",
    Category.CASE: "ca",
    Category.PUNCTUATION: "pu",
    Category.SPELLING: "sp",
    Category.BOILERPLATE: "bo",
    Category.SUBSTANTIVE: "su",
}
STATUS = {
    CellStatus.BASE: "b",
    CellStatus.EQUAL: "e",
    CellStatus.CHANGED: "c",
    CellStatus.SPLIT: "s",
    CellStatus.MERGED: "m",
    CellStatus.MOVED: "v",
}
STATUS_WORDS = {
    "b": "base",
    "e": "equal",
    "c": "changed",
    "s": "split",
    "m": "merged",
    "v": "moved",
    "a": "absent",
}
# Most serious first: how legends and filters list the categories.
CATEGORIES = tuple(sorted(Category, reverse=True))


@dataclass(frozen=True, slots=True)
class WitnessInfo:
    id: str
    siglum: str
    path: str
    verdict: str
    similarity: str
    rows: int
    substantive: int
    accidental: int
    singular: int
    region: str


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    code: str
    name: str
    rule: str
    sites: int
    ignored: bool


class Reading(NamedTuple):
    wits: str  # " w1 w3 ": padded, for the [data-w~=w1] selectors
    sigla: str  # "1818 Thomas"
    text: str
    cls: str  # "" or "cat-sp": how it differs from the base


@dataclass(frozen=True, slots=True)
class SiteView:
    is_site = True
    id: str
    cat: str
    type: str
    boundary: bool
    readings: tuple[Reading, ...]  # the base's first


@dataclass(frozen=True, slots=True)
class TextPart:
    is_site = False
    text: str


@dataclass(frozen=True, slots=True)
class AppLine:
    id: str
    code: str  # the category's code (cat-su ...)
    cat: str  # the category's name
    type: str
    lemma: str
    readings: tuple[Reading, ...]  # the others, not the base's


@dataclass(frozen=True, slots=True)
class CellView:
    status: str  # one letter (STATUS, "a" for absent)
    cat: str  # category code of the witness's worst departure here, or ""
    label: str  # for screen readers and tooltips: "1823: changed, spelling"


@dataclass(frozen=True, slots=True)
class RowView:
    id: str
    kind: str
    worst: str  # category code or ""
    has: str  # " w1 w2 "
    lacks: str  # sigla of the witnesses without the row
    incipit: str
    cells: tuple[CellView, ...]
    cells_label: str  # who departs how, in words (the cells' tooltip)
    counts: str
    parts: tuple[TextPart | SiteView, ...]
    apparatus: tuple[AppLine, ...]
    base: str  # siglum of the base


@dataclass(frozen=True, slots=True)
class Rect:
    x: int
    y: int
    h: int
    cls: str
    href: str


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    version: str
    verdict: str
    reference: str
    profile: str
    ignored: str
    witnesses: tuple[WitnessInfo, ...]
    excluded: tuple[str, ...]
    kinds: tuple[tuple[str, int], ...]
    categories: tuple[CategoryInfo, ...]
    chunks: tuple[tuple[RowView, ...], ...]
    rects: tuple[Rect, ...]
    bands: int
    width: int
    sites: int


def _incipit(text: str) -> str:
    flat = " ".join(text.split())
    return _visible(flat if len(flat) <= INCIPIT else flat[: INCIPIT - 1] + "…")


def _departures(c: Collation, row: Row) -> list[Category | None]:
    """Per witness: the most serious category in which it reads other than the base here."""
    worst: list[Category | None] = [None] * len(c.witnesses)
    for k in row.sites:
        for rd in c.sites[k].readings:
            if rd.category is None:
                continue
            for w in rd.witnesses:
                cur = worst[w]
                if cur is None or rd.category > cur:
                    worst[w] = rd.category
    return worst


def _reading(c: Collation, site: Site, k: int) -> Reading:
    rd = site.readings[k]
    ids = " ".join(c.witnesses[w].id for w in rd.witnesses)
    short = all(len(w.siglum) <= SIGLUM_MAX for w in c.witnesses)
    sigla = " ".join(c.witnesses[w].siglum if short else c.witnesses[w].id for w in rd.witnesses)
    cls = "" if rd.category is None else f"cat-{CODE[rd.category]}"
    return Reading(ids, _visible(sigla), _visible(rd.text), cls)


def _shown(text: str) -> str:
    """A reading as the apparatus lists it: whitespace made visible when it is all there is."""
    if text and not text.strip():
        return _whitespace_shown(text)
    return _visible(" ".join(text.split()) if "\n" in text else text)


def _row_view(c: Collation, row: Row) -> RowView:
    base = c.witnesses[row.base]
    cell = row.cells[row.base]
    assert cell is not None
    text = base.document.text
    worst = _departures(c, row)
    cells = []
    for w, x in zip(c.witnesses, row.cells, strict=True):
        if x is None:
            cells.append(CellView("a", "", f"{w.siglum}: absent"))
            continue
        cat = worst[c.witnesses.index(w)]
        code = STATUS[x.status]
        label = f"{w.siglum}: {STATUS_WORDS[code]}" + (f", {cat.value}" if cat else "")
        cells.append(CellView(code, CODE[cat] if cat else "", _visible(label)))
    parts: list[TextPart | SiteView] = []
    apparatus = []
    pos = cell.span.start
    subst = acc = 0
    for k in row.sites:
        site = c.sites[k]
        if site.base.start > pos:
            parts.append(TextPart(_visible(text[pos : site.base.start])))
        readings = tuple(_reading(c, site, i) for i in range(len(site.readings)))
        code = CODE[site.category]
        parts.append(
            SiteView(site.id, code, site.type.value, site.kind.value == "boundary", readings)
        )
        listed = tuple(
            r._replace(text=_shown(site.readings[i].text)) for i, r in enumerate(readings)
        )
        apparatus.append(
            AppLine(site.id, code, site.category.value, site.type.value, listed[0].text, listed[1:])
        )
        pos = site.base.end
        if site.type.value == "substantive":
            subst += 1
        else:
            acc += 1
    if cell.span.end > pos:
        parts.append(TextPart(_visible(text[pos : cell.span.end])))
    counts = []
    if subst:
        counts.append(f"{subst} subst")
    if acc:
        counts.append(f"{acc} acc")
    lacks = " ".join(w.siglum for w, x in zip(c.witnesses, row.cells, strict=True) if x is None)
    has = " ".join(w.id for w, x in zip(c.witnesses, row.cells, strict=True) if x is not None)
    return RowView(
        id=row.id,
        kind=row.kind.value,
        worst=CODE[row.worst] if row.worst else "",
        has=f" {has} ",
        lacks=_visible(lacks),
        incipit=_incipit(text[cell.span.start : cell.span.end]),
        cells=tuple(cells),
        cells_label="; ".join(x.label for x in cells if x.status not in ("e", "b") or x.cat),
        counts=" · ".join(counts),
        parts=tuple(parts),
        apparatus=tuple(apparatus),
        base=_visible(base.siglum),
    )


def _overview(c: Collation) -> tuple[tuple[Rect, ...], int]:
    """Bands × witnesses, each band its rows' worst state; runs of one state merged."""
    n = len(c.rows)
    bands = max(1, min(BANDS, n))
    states: list[list[str]] = [["a"] * bands for _ in c.witnesses]
    first_row: list[str] = [""] * bands
    rank = {"a": 0, "eq": 1, **{CODE[cat]: 2 + i for i, cat in enumerate(Category)}}
    for r, row in enumerate(c.rows):
        band = r * bands // max(n, 1)
        if not first_row[band]:
            first_row[band] = row.id
        worst = _departures(c, row)
        for w, cell in enumerate(row.cells):
            if cell is None:
                continue
            state = CODE[worst[w]] if worst[w] is not None else "eq"  # type: ignore[index]
            if rank[state] > rank[states[w][band]]:
                states[w][band] = state
    rects = []
    for w, col in enumerate(states):
        start = 0
        for b in range(1, bands + 1):
            if b == bands or col[b] != col[start]:
                rects.append(Rect(w, start, b - start, col[start], f"#{first_row[start]}"))
                start = b
    return tuple(rects), bands


def build(c: Collation, version: str = "") -> Page:
    s = c.summary
    ignored = {cat.value for cat in c.ignored}
    witnesses = []
    for w, ws in zip(c.witnesses, s.witnesses, strict=True):
        subst = ws.departures.get(Category.SUBSTANTIVE, 0)
        region = (
            ""
            if w.region is None
            else f"characters {w.region.start}–{w.region.end}; {len(w.outside)} paragraphs outside"
        )
        witnesses.append(
            WitnessInfo(
                w.id,
                _visible(w.siglum),
                _visible(w.document.path),
                "reference" if w is c.witnesses[c.reference] else ws.verdict.value,
                f"{ws.similarity:.3f}",
                ws.rows,
                subst,
                sum(ws.departures.values()) - subst,
                sum(ws.singular.values()),
                region,
            )
        )
    views = [_row_view(c, row) for row in c.rows]
    chunks = tuple(tuple(views[i : i + CHUNK]) for i in range(0, len(views), CHUNK))
    rects, bands = _overview(c)
    ref = c.witnesses[c.reference]
    return Page(
        title=f"Collation of {len(c.witnesses)} witnesses",
        version=version,
        verdict=s.verdict.value,
        reference=_visible(ref.siglum),
        profile=c.profile,
        ignored=", ".join(cat.value for cat in CATEGORIES if cat.value in ignored) or "none",
        witnesses=tuple(witnesses),
        excluded=tuple(_visible(f"{e.path} ({e.reason})") for e in c.excluded),
        kinds=tuple((k.value, s.rows.get(k, 0)) for k in RowKind),
        categories=tuple(
            CategoryInfo(
                CODE[cat], cat.value, RULES[cat], s.sites.get(cat, 0), cat.value in ignored
            )
            for cat in CATEGORIES
        ),
        chunks=chunks,
        rects=rects,
        bands=bands,
        width=len(c.witnesses),
        sites=len(c.sites),
    )


def _witness_css(ids: Sequence[str]) -> str:
    """The "read as" rules: one per witness (CSS cannot take the id from the radio button)."""
    out = []
    for wid in ids:
        sel = f"body:has(#as-{wid}:checked)"
        out.append(
            f'{sel} .rd:not(.base):not([data-w~="{wid}"]){{display:none}}'
            f'{sel} .site:has(>[data-w~="{wid}"])>.base{{display:none}}'
            f'{sel} .row:not([data-has~="{wid}"]) .text{{display:none}}'
            f'{sel} .row:not([data-has~="{wid}"]) .lacking{{display:block}}'
            f'{sel} .wh[data-w="{wid}"]{{outline:2px solid currentColor}}'
        )
    width = min(260, max(40, 12 * len(ids)))
    out.append(f".overview svg{{width:{width}px}}")
    return "\n".join(out) + "\n"


@functools.lru_cache(maxsize=1)
def _static() -> tuple[str, str]:
    css = (STATIC / "collate.css").read_text(encoding="utf-8")
    js = (STATIC / "collate.js").read_text(encoding="utf-8")
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise ValueError("collate.css/collate.js must not contain a closing tag or <!--")
    return css, js


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..display import number, plural

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = number  # the one way counts are written (display)
    env.filters["count"] = plural
    return env


def render(c: Collation, *, version: str) -> str:
    """The whole page for ``c``: one self-contained HTML document."""
    from markupsafe import Markup

    static_css, js = _static()
    css = static_css + _witness_css([w.id for w in c.witnesses])
    csp = content_security_policy(css, js)
    return (
        _environment()
        .get_template("collate.html.j2")
        .render(
            p=build(c, version),
            csp=csp,
            css=Markup(css),  # our static file plus rules built from witness ids (w1, w2 ...)
            js=Markup(js),
        )
    )
