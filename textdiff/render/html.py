"""HTML renderer: a finished Comparison -> one self-contained, navigable page.

    render(c, version=...)   the whole page as a str: CSS and JS inline, no requests
    Context                  a link back to, and facts from, the page a report is part of
    build(c)                 the view model the template reads (Report), built here in Python
    content_security_policy  the CSP <meta> value with hashes of the exact inline code

View model, from the top of the page down:

    Report      header facts (DocInfo, CategoryInfo, counts) and the body items
    Row         one aligned block: gutter (change number, kind), cell A, cell B, note
    Fold        rows collapsed behind a <details>: text outside the region, long equal runs
    Cell        one side of a row: where it is (paragraph, lines) and its runs
    Run         a piece of the word diff: equal text, or an <ins>/<del> of one category
    Bucket      one band of the minimap (heat strip): how many edits fall in it

The template (``templates/report.html.j2``) only walks these structures;
every document string reaches it as plain ``str`` and Jinja's autoescape
escapes it. No string in this module is HTML except the static CSS and JS,
which are our own files, checked to hold no closing tag and passed as Markup
so that their CSP hashes cover exactly the bytes on the page.

Deterministic: the same comparison gives the same bytes. A timestamp is
written only when ``SOURCE_DATE_EPOCH`` is set (reproducible-builds.org).
"""

from __future__ import annotations

import base64
import bisect
import dataclasses
import functools
import hashlib
import itertools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..display import Lines, html_visible, invalid_bytes, number, plural
from ..errors import OptionsError
from ..model import (
    Block,
    BlockKind,
    Category,
    Comparison,
    Document,
    Op,
    Paragraph,
    Role,
    Side,
    Verdict,
)
from ..userrules import PREFIX as USER_PREFIX

if TYPE_CHECKING:
    from jinja2 import Environment

_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates"
STATIC = _HERE / "static"

# Runs of at least FOLD_RUN equal rows are folded, keeping CONTEXT rows visible at each end.
FOLD_RUN = 6
CONTEXT = 1
# Bands of the minimap; report.css lays the strip out as this many grid rows.
BUCKETS = 100
# Weight of a row in the minimap beyond its characters: the gutter and the gap.
ROW_WEIGHT = 60

# Severity order, most serious first: how the legend, filters and counts are listed.
CATEGORIES: tuple[Category, ...] = tuple(sorted(Category, reverse=True))

_METHODS = {
    "bom": "byte-order mark",
    "utf-8": "valid UTF-8",
    "utf-16": "UTF-16 told by its NUL bytes (no byte-order mark)",
    "utf-8-lenient": "UTF-8 but for a few invalid bytes",
    "detected": "detected",
    "given": "given by the user",
    "pdf": "the PDF's text layer, in reading order",
    "docx": "the Word file's XML (UTF-8)",
}

_KIND_WORDS = {
    BlockKind.EQUAL: "equal",
    BlockKind.CHANGED: "changed",
    BlockKind.SPLIT: "split",
    BlockKind.MERGED: "merged",
    BlockKind.MOVED: "moved",
    BlockKind.DELETED: "only in A",
    BlockKind.INSERTED: "only in B",
}

_WS_SYMBOLS = {"\n": "↵", "\t": "⇥", "\u00a0": "⍽", "\r": ""}


def _whitespace_shown(s: str) -> str:
    """A whitespace edit made visible: ↵ for a line break, · for a space.

    >>> _whitespace_shown(" \\n\\t")
    '·↵⇥'
    """
    return "".join(_WS_SYMBOLS.get(ch, "·" if ch.isspace() else ch) for ch in s)


# ---------------------------------------------------------------- view model


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of one cell: ``op`` is eq, ins or del; ``parts`` are text, None a paragraph break.

    ``redline`` marks a deletion placed in B's cell for the inline view only;
    ``whole`` a run that is a whole one-sided paragraph (styled by its row, not underlined);
    ``rule`` the user's rule that explained the edit ("user:romanization"), if one did.
    """

    op: str
    cat: str
    parts: tuple[str | None, ...]
    redline: bool = False
    whole: bool = False
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """Paragraphs (0-based, as ``textdiff compare`` numbers them) and lines (1-based) of a side."""

    label: str  # "A" or "B"
    p0: int
    p1: int
    l0: int
    l1: int
    origin: str = ""  # where in the original: "p. 7, col. 2" (PDF), an xpath, a Word part

    def __str__(self) -> str:
        """``A ¶14 · line 29``, ``B ¶3–5 · lines 7–12 · p. 4, col. 2``."""
        where = f" · {self.origin}" if self.origin else ""
        return f"{self.label} {self.paras} · {self.lines}{where}"

    @property
    def paras(self) -> str:
        return f"¶{self.p0}" if self.p0 == self.p1 else f"¶{self.p0}–{self.p1}"

    @property
    def lines(self) -> str:
        return f"line {self.l0}" if self.l0 == self.l1 else f"lines {self.l0}–{self.l1}"

    def to(self, other: Place) -> Place:
        """From the start of this place to the end of ``other``."""
        return Place(self.label, self.p0, other.p1, self.l0, other.l1, _span_origin(self, other))


@dataclass(frozen=True, slots=True)
class Cell:
    side: str  # "a" or "b"
    place: Place | None  # None when the side has no paragraph in the row
    role: str  # text, heading, boilerplate; "" when absent
    runs: tuple[Run, ...]
    absent: str  # what to say in an empty cell: "not in A"

    @property
    def where(self) -> str:
        return "" if self.place is None else str(self.place)


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    is_fold: ClassVar[bool] = False
    kind: str  # a BlockKind value, or "moved-from" for where a moved block was in A
    kind_words: str
    ident: str  # element id: change-N, change-N-origin, or ""
    number: int  # change number (1-based), 0 for rows that are not changes
    block: int  # index into Comparison.blocks (data-block), -1 for where a move stood
    cats: str  # "substantive:6 punctuation:1": what the filters and minimap read
    bucket: int  # minimap band
    similarity: str
    a: Cell
    b: Cell
    note: Link | None


@dataclass(frozen=True, slots=True)
class Fold:
    is_fold: ClassVar[bool] = True
    reason: str  # "outside" (of the region) or "equal" (a long unchanged run)
    summary: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Bucket:
    heat: int  # 0..4
    target: str  # id of the first change in the band, or ""
    label: str


@dataclass(frozen=True, slots=True)
class DocInfo:
    label: str  # "A" or "B"
    name: str
    path: str
    encoding: str
    method: str
    size: str
    chars: str
    paragraphs: str
    lines: str
    sha256: str
    invalid: str = ""  # the invalid UTF-8 bytes and what they were read as, or ""


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    name: str
    edits: int  # in the whole comparison
    region: int  # inside the region (what the verdict reads)
    steps: int  # in the rows that navigation steps through (what the filters act on)
    ignored: bool


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    version: str
    generated: str
    verdict: str
    verdict_text: str
    similarity: str
    coverage_a: str
    coverage_b: str
    where: str
    docs: tuple[DocInfo, DocInfo]
    kinds: tuple[tuple[str, int], ...]
    categories: tuple[CategoryInfo, ...]
    profile: str
    ignored: str
    changes: int
    items: tuple[Row | Fold, ...]
    buckets: tuple[Bucket, ...]
    pair: str = ""  # which files were compared (see textdiff.commands.report.pair_key), or ""


@dataclass(frozen=True, slots=True)
class Context:
    """Where a report belongs when it is part of a larger page (a scan's HTML index).

    ``back`` is a relative link to that page (written by textdiff, never from
    document text); ``facts`` are extra rows of the documents table, (label,
    value for A, value for B), such as the title and date a collection records.
    """

    back: str
    back_text: str
    facts: tuple[tuple[str, str, str], ...] = ()


# ---------------------------------------------------------------- positions


class _Lines(Lines):
    """Line numbers of offsets (``display.Lines``); and, for a PDF, web page or Word
    file, where a range is in the original."""

    def __init__(self, doc: Document) -> None:
        super().__init__(doc.text)
        self.doc = doc

    def origin(self, start: int, end: int) -> str:
        if not self.doc.origins:
            return ""
        from ..formats import locate  # the core's lookup; only documents with origins

        return str(locate(self.doc, start, end))


def _span_origin(a: Place, b: Place) -> str:
    """The origin of a run of places from its first to its last (page ranges join)."""
    if not a.origin or not b.origin or a.origin == b.origin:
        return a.origin or b.origin
    first = re.match(r"pp?\. (\d+)", a.origin)
    last = re.search(r"(\d+)(?:, cols?\. [\d–]+)?$", b.origin)
    if first and last and a.origin.startswith("p") and b.origin.startswith("p"):
        lo, hi = first.group(1), last.group(1)
        return f"p. {lo}" if lo == hi else f"pp. {lo}–{hi}"
    return f"{a.origin} … {b.origin}"


def _place(
    label: str, idx: Sequence[int], paras: Sequence[Paragraph], lines: _Lines
) -> Place | None:
    if not idx:
        return None
    start, end = paras[idx[0]].start, paras[idx[-1]].end
    l0 = lines.line(start)
    l1 = lines.line(max(paras[idx[-1]].start, end - 1))
    return Place(label, idx[0], idx[-1], l0, l1, lines.origin(start, end))


def _role(idx: Sequence[int], paras: Sequence[Paragraph]) -> str:
    roles = {paras[i].role for i in idx}
    if not roles:
        return ""
    return roles.pop().value if len(roles) == 1 else Role.TEXT.value


class _Splitter:
    """Cuts a span of one side into text and paragraph breaks.

    The text between two paragraphs of a block (blank lines, a page break) is
    shown as one break, however many segments cover it; text inside a
    paragraph keeps its hard wraps, which the page's whitespace rules fold.
    """

    def __init__(self, text: str, paras: Sequence[Paragraph], idx: Sequence[int]) -> None:
        self.text = text
        spans = [paras[i] for i in idx]
        self.gaps = [(p.end, q.start) for p, q in itertools.pairwise(spans)]
        self.seen: set[int] = set()

    def parts(self, x0: int, x1: int, whitespace: bool) -> tuple[str | None, ...]:
        out: list[str | None] = []
        pos = x0
        for n, (g0, g1) in enumerate(self.gaps):
            if g1 <= pos or g0 >= x1:
                continue
            if g0 > pos:
                out.append(self._show(pos, g0, whitespace))
            if n not in self.seen:
                self.seen.add(n)
                out.append(None)
            pos = min(g1, x1)
        if pos < x1:
            out.append(self._show(pos, x1, whitespace))
        return tuple(p for p in out if p != "")

    def _show(self, x0: int, x1: int, whitespace: bool) -> str:
        s = html_visible(self.text[x0:x1])
        return _whitespace_shown(s) if whitespace else s


def _cells(c: Comparison, blk: Block, lines: tuple[_Lines, _Lines]) -> tuple[Cell, Cell]:
    ta, tb = c.a.document.text, c.b.document.text
    pa, pb = c.a.paragraphs, c.b.paragraphs
    sa, sb = _Splitter(ta, pa, blk.a), _Splitter(tb, pb, blk.b)
    redline = _Splitter(ta, pa, blk.a)  # A's text again, for deletions in B's inline view
    whole = blk.kind in (BlockKind.INSERTED, BlockKind.DELETED)
    runs_a: list[Run] = []
    runs_b: list[Run] = []
    for s in blk.segments:
        if s.op is Op.EQUAL:
            if s.a1 > s.a0:
                runs_a.append(Run("eq", "", sa.parts(s.a0, s.a1, False)))
            if s.b1 > s.b0:
                runs_b.append(Run("eq", "", sb.parts(s.b0, s.b1, False)))
            continue
        cat = s.category.value if s.category is not None else Category.SUBSTANTIVE.value
        ws = s.category is Category.WHITESPACE
        rule = s.rule if s.rule and s.rule.startswith(USER_PREFIX) else ""
        if s.a1 > s.a0:
            runs_a.append(Run("del", cat, sa.parts(s.a0, s.a1, ws), whole=whole, rule=rule))
            if blk.b:
                runs_b.append(
                    Run("del", cat, redline.parts(s.a0, s.a1, ws), redline=True, rule=rule)
                )
        if s.b1 > s.b0:
            runs_b.append(Run("ins", cat, sb.parts(s.b0, s.b1, ws), whole=whole, rule=rule))
    cell_a = Cell(
        "a", _place("A", blk.a, pa, lines[0]), _role(blk.a, pa), tuple(runs_a), "not in A"
    )
    cell_b = Cell(
        "b", _place("B", blk.b, pb, lines[1]), _role(blk.b, pb), tuple(runs_b), "not in B"
    )
    return cell_a, cell_b


def _plain_cell(c: Comparison, blk: Block, lines: _Lines) -> Cell:
    """A's side of a moved block, as plain text: shown where the block used to be."""
    sa = _Splitter(c.a.document.text, c.a.paragraphs, blk.a)
    first, last = c.a.paragraphs[blk.a[0]], c.a.paragraphs[blk.a[-1]]
    run = Run("eq", "", sa.parts(first.start, last.end, False))
    place = _place("A", blk.a, c.a.paragraphs, lines)
    return Cell("a", place, _role(blk.a, c.a.paragraphs), (run,), "")


def _counts(blk: Block) -> dict[Category, int]:
    out: dict[Category, int] = {}
    for s in blk.segments:
        if s.op is not Op.EQUAL and s.category is not None:
            out[s.category] = out.get(s.category, 0) + 1
    return out


def _cats(counts: dict[Category, int]) -> str:
    return " ".join(f"{cat.value}:{counts[cat]}" for cat in CATEGORIES if cat in counts)


# ---------------------------------------------------------------- rows and folds


class _Plan:
    """Per block: is it context (foldable, outside the region), and its change number.

    Read from the result, never re-derived: ``Block.in_region``, ``Summary.host``
    and the blocks each of ``Summary.reasons`` rests on. A block a reason cites (what
    makes the pair a variant, inside the region or not) is always a numbered change.
    """

    def __init__(self, c: Comparison) -> None:
        self.outside: list[bool] = []
        self.number: list[int] = []
        decisive = {k for r in c.summary.reasons for k in r.blocks}
        n = 0
        for k, blk in enumerate(c.blocks):
            out = k not in decisive and self._outside(c, blk)
            self.outside.append(out)
            if blk.kind is not BlockKind.EQUAL and not out:
                n += 1
                self.number.append(n)
            else:
                self.number.append(0)
        self.changes = n

    @staticmethod
    def _outside(c: Comparison, blk: Block) -> bool:
        """Context outside the region: the host's other articles, or furniture around the text.

        Equal rows and one-sided rows only: an aligned change is always shown.
        (Long equal runs are folded separately, wherever they are.)
        """
        if c.region is None or blk.in_region:
            return False
        if blk.kind is BlockKind.EQUAL:
            # Around a reprint in a host, an equal heading or salutation among the
            # host's other text is part of that text; otherwise it is just equal.
            return c.summary.host is not None
        return blk.kind in (BlockKind.INSERTED, BlockKind.DELETED)


def _rows(c: Comparison, plan: _Plan) -> tuple[list[Row], list[bool]]:
    """Every block as a row, in B's order, plus a row where each moved block stood in A."""
    lines = (_Lines(c.a.document), _Lines(c.b.document))
    main: list[Row] = []
    for i, blk in enumerate(c.blocks):
        a, b = _cells(c, blk, lines)
        num = plan.number[i]
        note = None
        if blk.kind is BlockKind.MOVED and num:
            where = _place("A", blk.a, c.a.paragraphs, lines[0])
            note = Link(f"#change-{num}-origin", f"Moved from {where}: see where it stood")
        plain = blk.kind in (BlockKind.EQUAL, BlockKind.INSERTED, BlockKind.DELETED)
        sim = "" if plain else f"similarity {blk.similarity:.2f}"
        main.append(
            Row(
                kind=blk.kind.value,
                kind_words=_KIND_WORDS[blk.kind],
                ident=f"change-{num}" if num else "",
                number=num,
                block=i,
                cats=_cats(_counts(blk)),
                bucket=0,
                similarity=sim,
                a=a,
                b=b,
                note=note,
            )
        )
    # Where each moved block stood in A: before the first later block (not itself
    # moved) whose A paragraphs come after it; A's order is monotone among those.
    anchored = [
        (blk.a[0], j) for j, blk in enumerate(c.blocks) if blk.kind is not BlockKind.MOVED and blk.a
    ]
    starts = [a0 for a0, _ in anchored]
    ghosts: dict[int, list[Row]] = {}
    for i, blk in enumerate(c.blocks):
        if blk.kind is not BlockKind.MOVED or not blk.a or not plan.number[i]:
            continue
        num = plan.number[i]
        k = bisect.bisect_right(starts, blk.a[-1])
        at = anchored[k][1] if k < len(anchored) else len(c.blocks)
        where_b = _place("B", blk.b, c.b.paragraphs, lines[1])
        ghosts.setdefault(at, []).append(
            Row(
                kind="moved-from",
                kind_words="moved away",
                ident=f"change-{num}-origin",
                number=0,
                block=-1,
                cats="",
                bucket=0,
                similarity="",
                a=_plain_cell(c, blk, lines[0]),
                b=Cell("b", None, "", (), "moved"),
                note=Link(f"#change-{num}", f"Moved from here to {where_b}: change {num}"),
            )
        )
    rows: list[Row] = []
    outside: list[bool] = []
    for i, row in enumerate(main):
        for g in ghosts.get(i, []):
            rows.append(g)
            outside.append(False)
        rows.append(row)
        outside.append(plan.outside[i])
    for g in ghosts.get(len(main), []):
        rows.append(g)
        outside.append(False)
    return rows, outside


def _side_span(rows: Sequence[Row], side: str) -> tuple[int, str]:
    """How many paragraphs of one side a fold holds, and where: ``(115, "¶0–114, lines 5–248")``."""
    places = [p for r in rows if (p := (r.a if side == "a" else r.b).place) is not None]
    if not places:
        return 0, ""
    span = places[0].to(places[-1])
    where = f", {span.origin}" if span.origin else ""
    return sum(p.p1 - p.p0 + 1 for p in places), f"{span.paras}, {span.lines}{where}"


def _fold_summary(reason: str, rows: Sequence[Row]) -> str:
    """What a fold holds, in words, for its <summary>.

    >>> row = Row("inserted", "", "", 0, 3, "", 0, "", Cell("a", None, "", (), ""),
    ...           Cell("b", Place("B", 0, 114, 5, 248), "text", (), ""), None)
    >>> _fold_summary("outside", [row])
    '115 paragraphs of B outside the compared region (¶0–114, lines 5–248)'
    """
    (na, wa), (nb, wb) = _side_span(rows, "a"), _side_span(rows, "b")

    def paras(n: int) -> str:
        return plural(n, "paragraph")

    if reason == "equal":
        return f"{paras(max(na, nb))} unchanged (A {wa}; B {wb})"
    if not na or not nb:
        n, side, where = (nb, "B", wb) if nb else (na, "A", wa)
        return f"{paras(n)} of {side} outside the compared region ({where})"
    return f"Outside the compared region: {paras(na)} of A ({wa}) and {number(nb)} of B ({wb})"


def _fold(rows: list[Row], outside: list[bool]) -> list[Row | Fold]:
    """Group context: runs outside the region, and the middle of long equal runs."""
    items: list[Row | Fold] = []
    i = 0
    while i < len(rows):
        if outside[i]:
            j = i
            while j < len(rows) and outside[j]:
                j += 1
            items.append(Fold("outside", _fold_summary("outside", rows[i:j]), tuple(rows[i:j])))
            i = j
            continue
        if rows[i].kind == BlockKind.EQUAL.value:
            j = i
            while j < len(rows) and rows[j].kind == BlockKind.EQUAL.value and not outside[j]:
                j += 1
            run = rows[i:j]
            if len(run) >= FOLD_RUN:
                middle = run[CONTEXT : len(run) - CONTEXT]
                items.extend(run[:CONTEXT])
                items.append(Fold("equal", _fold_summary("equal", middle), tuple(middle)))
                items.extend(run[len(run) - CONTEXT :])
            else:
                items.extend(run)
            i = j
            continue
        items.append(rows[i])
        i += 1
    return items


def _cell_chars(cell: Cell) -> int:
    return sum(len(p) for r in cell.runs if not r.redline for p in r.parts if p is not None)


def _minimap(items: list[Row | Fold]) -> tuple[list[Row | Fold], tuple[Bucket, ...]]:
    """Place rows on the heat strip by their share of the page (folds count as one line)."""
    weights: list[int] = []
    for it in items:
        if isinstance(it, Fold):
            weights.append(ROW_WEIGHT)
        else:
            weights.append(max(_cell_chars(it.a), _cell_chars(it.b)) + ROW_WEIGHT)
    total = sum(weights) or 1
    heat = [0] * BUCKETS
    target = [""] * BUCKETS
    out: list[Row | Fold] = []
    pos = 0
    for it, w in zip(items, weights, strict=True):
        band = min(BUCKETS - 1, (pos + w // 2) * BUCKETS // total)
        pos += w
        if isinstance(it, Row) and it.number:
            edits = sum(int(x.split(":")[1]) for x in it.cats.split()) or 1
            heat[band] += edits
            target[band] = target[band] or it.ident
            it = dataclasses.replace(it, bucket=band)
        out.append(it)
    buckets = tuple(
        Bucket(_heat(h), t, plural(h, "edit"))
        for h, t in zip(heat, target, strict=True)
    )
    return out, buckets


def _heat(n: int) -> int:
    """Edits in a band -> one of five shades (report.js computes the same after filtering)."""
    return 0 if n == 0 else 1 if n == 1 else 2 if n <= 3 else 3 if n <= 7 else 4


# ---------------------------------------------------------------- header


def _line_count(text: str) -> int:
    """Lines as an editor counts them: a last line without a newline still counts.

    >>> _line_count(""), _line_count("a\\n"), _line_count("a\\nb")
    (0, 1, 2)
    """
    return text.count("\n") + (1 if text and not text.endswith("\n") else 0)


def _doc_info(label: str, side: Side) -> DocInfo:
    d = side.document
    method = _METHODS.get(d.method, d.method)
    if d.method == "detected":
        method = f"detected (confidence {d.confidence:.2f})"
    return DocInfo(
        label=label,
        name=html_visible(os.path.basename(d.path) or d.path),
        path=html_visible(d.path),
        encoding=d.encoding,
        method=method,
        size=plural(d.size, "byte"),
        chars=number(d.chars),
        paragraphs=number(len(side.paragraphs)),
        lines=number(_line_count(d.text)),
        sha256=d.sha256,
        invalid=invalid_bytes(d),
    )


def _verdict_text(c: Comparison) -> str:
    """The verdict explained in words (the page puts the verdict itself in front)."""
    s = c.summary
    ignored = {Category(x) for x in _ignored(c)}
    profile = _profile(c)
    if s.verdict is Verdict.IDENTICAL:
        return "the two decoded texts are the same, character for character."
    if s.verdict is Verdict.UNRELATED:
        return (
            "too little of the two texts aligns for a comparison to mean much "
            f"(A {c.coverage[0]:.0%} and B {c.coverage[1]:.0%} aligned)."
        )
    if s.verdict is Verdict.EQUIVALENT:
        present = [cat.value for cat in CATEGORIES if cat in s.region_edits]
        why = f" ({', '.join(present)})" if present else ""
        return (
            "inside the region every difference is of a kind the "
            f"{profile} profile ignores{why}, and no paragraph of text is missing on either side."
        )
    counted = [
        f"{cat.value} {s.region_edits[cat]}"
        for cat in CATEGORIES
        if cat in s.region_edits and cat not in ignored
    ]
    if counted:
        return (
            "the texts align but differ inside the region in ways the "
            f"{profile} profile counts: {', '.join(counted)}."
        )
    return "the texts align, but paragraphs of text are present on one side only."


def _profile(c: Comparison) -> str:
    return str(c.options.get("profile", "default"))


def _ignored(c: Comparison) -> list[str]:
    ignored = c.options.get("ignored", [])
    return [str(x) for x in ignored] if isinstance(ignored, list) else []


def _region_words(c: Comparison) -> str:
    if c.region is None:
        return "No region: too little aligns to say where A sits in B."
    la, lb = _Lines(c.a.document), _Lines(c.b.document)
    ra, rb = c.region
    a0, a1 = la.line(ra.start), la.line(max(ra.start, ra.end - 1))
    b0, b1 = lb.line(rb.start), lb.line(max(rb.start, rb.end - 1))
    oa, ob = la.origin(ra.start, ra.end), lb.origin(rb.start, rb.end)
    a = f"A lines {a0}–{a1}" + (f" ({oa})" if oa else "")
    b = f"B lines {b0}–{b1}" + (f" ({ob})" if ob else "")
    return f"{a} correspond to {b}"


def _generated() -> str:
    """The report's date, only when SOURCE_DATE_EPOCH asks for one (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return ""
    try:
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (ValueError, OverflowError, OSError):
        raise OptionsError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a date: it must be whole seconds since 1970"
        ) from None


def build(c: Comparison, version: str = "", pair: str = "") -> Report:
    """The view model of the whole page: header facts, rows and folds, minimap bands."""
    plan = _Plan(c)
    rows, outside = _rows(c, plan)
    items, buckets = _minimap(_fold(rows, outside))
    s = c.summary
    ignored = set(_ignored(c))
    docs = (_doc_info("A", c.a), _doc_info("B", c.b))
    steps: dict[Category, int] = {}
    for blk, num in zip(c.blocks, plan.number, strict=True):
        if num:
            for cat, n in _counts(blk).items():
                steps[cat] = steps.get(cat, 0) + n
    return Report(
        title=f"{docs[0].name} ↔ {docs[1].name}",
        version=version,
        generated=_generated(),
        verdict=s.verdict.value,
        verdict_text=_verdict_text(c),
        similarity=f"{c.similarity:.3f}",
        coverage_a=f"{c.coverage[0]:.0%}",
        coverage_b=f"{c.coverage[1]:.0%}",
        where=_region_words(c),
        docs=docs,
        kinds=tuple((k.value, s.blocks[k]) for k in BlockKind if s.blocks.get(k)),
        categories=tuple(
            CategoryInfo(
                cat.value,
                s.edits.get(cat, 0),
                s.region_edits.get(cat, 0),
                steps.get(cat, 0),
                cat.value in ignored,
            )
            for cat in CATEGORIES
        ),
        profile=_profile(c),
        ignored=", ".join(x for x in (cat.value for cat in CATEGORIES) if x in ignored) or "none",
        changes=plan.changes,
        items=tuple(items),
        buckets=buckets,
        pair=pair,
    )


# ---------------------------------------------------------------- page


def _sha256(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(css: str, js: str) -> str:
    """Nothing may load; only the inline style and script with exactly these hashes may run."""
    return (
        f"default-src 'none'; script-src {_sha256(js)}; style-src {_sha256(css)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


@functools.lru_cache(maxsize=1)
def _static() -> tuple[str, str]:
    css = (STATIC / "report.css").read_text(encoding="utf-8")
    js = (STATIC / "report.js").read_text(encoding="utf-8")
    # The inline code is inserted verbatim (raw text elements are not unescaped),
    # so it must not be able to close its own element.
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise ValueError("report.css/report.js must not contain a closing tag or <!--")
    return css, js


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    # Imported here: jinja2 is only needed for the report (compare never pays for it).
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["count"] = plural  # the one plural rule (display.plural)
    return env


def render(
    c: Comparison, *, version: str, pair: str = "", context: Context | None = None
) -> str:
    """The whole report page for ``c``: one self-contained HTML document.

    ``pair``, if given, is written into a ``textdiff-pair`` meta tag, so that ``textdiff
    report`` can tell later which pair an existing page reports on. ``context``: the page
    it belongs to (a link back) and facts to show per side.
    """
    from markupsafe import Markup

    env = _environment()
    css, js = _static()
    template = env.get_template("report.html.j2")
    if context is not None:
        facts = tuple(
            (html_visible(k), html_visible(a), html_visible(b)) for k, a, b in context.facts
        )
        context = Context(context.back, html_visible(context.back_text), facts)
    return template.render(
        r=build(c, version, pair),
        ctx=context,
        csp=content_security_policy(css, js),
        css=Markup(css),  # our own static file, checked by _static(); never document text
        js=Markup(js),
        buckets=BUCKETS,
    )
