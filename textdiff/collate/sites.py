"""sites: the word diff of each cell against its row's base -> variant sites, readings, groups.

Inside a row every witness's cell is diffed against the base cell with the
word diff and classifier of ``compare`` (so a cell against the base says
exactly what compare says of that block). The edits of all witnesses, in base
coordinates, are merged where they overlap into *sites*: no two sites
overlap, so the row reads as parallel segmentation, and between sites every
witness has exactly the base's text.

    Edits                 one witness's categorized segments against the base
    site_spans(edits)     overlapping edits of all witnesses -> site spans in the base
    split_common(...)     a site where many readings meet, aligned token by token and cut finer
    readings_at(...)      each witness's literal reading of one site
    group(...)            readings -> groups equal up to the categories the profile ignores

>>> site_spans([[(0, 3), (9, 9)], [(2, 5), (9, 9), (12, 14)]])
[(0, 5), (9, 9), (12, 14)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from ..model import Category, Op, Segment, Span
from ..normalize import classify_text, tokenize


class Edits(NamedTuple):
    """A witness's segments against the base, with lookup arrays for mapping base offsets."""

    segments: tuple[Segment, ...]
    a0: list[int]  # base start of each non-empty segment
    a1: list[int]  # base end of each non-empty segment
    solid: list[Segment]  # the segments with a0 < a1, in order
    inserts: dict[int, Segment]  # base offset -> the insertion there
    end: int  # the witness's cell end
    edits: list[Segment]  # the non-equal segments, in order
    edit_a0: list[int]  # ... and where each starts in the base

    @classmethod
    def of(cls, segments: tuple[Segment, ...], end: int) -> Edits:
        solid = [s for s in segments if s.a1 > s.a0]
        inserts = {s.a0: s for s in segments if s.a1 == s.a0 and s.op is not Op.EQUAL}
        edits = [s for s in segments if s.op is not Op.EQUAL]
        return cls(
            segments, [s.a0 for s in solid], [s.a1 for s in solid], solid, inserts, end,
            edits, [s.a0 for s in edits],
        )  # fmt: skip

    def spans(self) -> list[tuple[int, int]]:
        return [(s.a0, s.a1) for s in self.segments if s.op is not Op.EQUAL]

    def after(self, x: int) -> int:
        """The witness offset of base offset ``x``, after anything inserted at x."""
        k = bisect_right(self.a1, x)  # first solid segment ending after x
        if k == len(self.solid):
            return self.end
        s = self.solid[k]
        return s.b0 + (x - s.a0) if s.op is Op.EQUAL else s.b0

    def before(self, x: int) -> int:
        """The witness offset of base offset ``x``, before anything inserted at x."""
        k = bisect_left(self.a0, x) - 1  # last solid segment starting before x
        if k < 0:
            s0 = self.segments[0] if self.segments else None
            return s0.b0 if s0 is not None else self.end
        s = self.solid[k]
        return s.b0 + (x - s.a0) if s.op is Op.EQUAL else s.b1

    def reading(self, start: int, end: int, joined: bool = False) -> tuple[int, int]:
        """The witness's span for the site [start, end) of the base.

        A site holds what is inserted at its end, and at its start unless
        ``joined`` (the site before it ends there and holds that): see ``site_spans``.
        """
        if start == end:
            ins = self.inserts.get(start)
            if ins is not None:
                return ins.b0, ins.b1
            pos = self.before(start)
            return pos, pos
        return (self.after(start) if joined else self.before(start)), self.after(end)

    def category(self, start: int, end: int, joined: bool = False) -> Category | None:
        """The most serious category of this witness's edits inside the site, None if none."""
        worst: Category | None = None
        edits = self.edits
        k = bisect_left(self.edit_a0, start)
        while k < len(edits) and edits[k].a0 <= end:
            s = edits[k]
            k += 1
            if s.category is None:
                continue
            if start == end:
                inside = s.a0 == s.a1 == start
            else:
                inside = s.a1 <= end and not (joined and s.a0 == s.a1 == start)
            if inside and (worst is None or s.category > worst):
                worst = s.category
        return worst


def site_spans(edits: Sequence[Sequence[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The union of every witness's edit spans (base coordinates), as disjoint sites.

    Spans that overlap join; so does an insertion inside or at either end of
    another edit (one witness adds a comma where another rewrites the words
    that follow: where three or more readings meet, ``split_common`` cuts the
    site again). Two replacements that only touch stay apart; an insertion
    where they touch goes with the first.

    >>> site_spans([[(4, 4)], [(4, 9)], [(9, 12)]])
    [(4, 9), (9, 12)]
    """
    spans = sorted({s for e in edits for s in e})
    out: list[tuple[int, int]] = []
    for x, y in spans:
        if out:
            s, e = out[-1]
            if x < e or (x == e and (s == e or x == y)):
                out[-1] = (s, max(e, y))
                continue
        out.append((x, y))
    return out


def split_common(
    readings: dict[int, tuple[str, int, int]], base: int, cache: dict[str, str]
) -> list[dict[int, Span]]:
    """Where three or more readings meet: align their tokens and cut into the finest sites.

    ``readings``: witness -> (its text, start, end of its reading). Distinct
    readings are aligned token by token (literal tokens, progressively: the
    base first, then by how many witnesses read each), giving columns; a
    replacement puts its tokens in the columns of those it replaces. A column
    where some readings differ belongs to a site; such columns next to each
    other form one site, and so do columns with only shared whitespace between
    them that split the readings alike. Returns the sites as spans per witness.
    """
    by_text: dict[str, list[int]] = {}
    for w in sorted(readings, key=lambda w: (w != base, w)):
        whole, x0, x1 = readings[w]
        by_text.setdefault(whole[x0:x1], []).append(w)
    order = sorted(by_text, key=lambda t: (base not in by_text[t], -len(by_text[t]), by_text[t][0]))
    toks = [tokenize(*readings[by_text[t][0]], cache) for t in order]
    # columns[c][r]: token index of reading r in column c, or -1 (a gap).
    columns: list[list[int]] = [[i] for i in range(len(toks[0].texts))]
    for r in range(1, len(order)):
        rep = [toks[_first(col)].texts[col[_first(col)]] for col in columns]
        mine = toks[r].texts
        out: list[list[int]] = []
        for op, i1, i2, j1, j2 in _opcodes(rep, mine):
            if op == "equal":
                out.extend([*columns[i1 + k], j1 + k] for k in range(i2 - i1))
                continue
            # A replacement: token for token into the same columns, the rest on its own.
            both = min(i2 - i1, j2 - j1) if op == "replace" else 0
            out.extend([*columns[i1 + k], j1 + k] for k in range(both))
            out.extend([*col, -1] for col in columns[i1 + both : i2])
            out.extend([*([-1] * r), j] for j in range(j1 + both, j2))
        columns = out

    def text(col: list[int], r: int) -> str:
        return toks[r].texts[col[r]] if col[r] >= 0 else ""

    differ: list[tuple[int, tuple[int, ...]]] = []  # (column, partition of readings)
    for c, col in enumerate(columns):
        seen: dict[str, int] = {}
        part = tuple(seen.setdefault(text(col, r), len(seen)) for r in range(len(order)))
        if len(seen) > 1:
            differ.append((c, part))
    groups: list[tuple[int, int]] = []  # [first column, last column] of each site
    last_part: tuple[int, ...] = ()
    for c, part in differ:
        if groups:
            c0, c1 = groups[-1]
            between = columns[c1 + 1 : c]
            # Next to each other they are one site; across shared whitespace only when they
            # split the readings alike; a shared word always parts them.
            if not between or (
                part == last_part and all(not text(col, 0).strip() for col in between)
            ):
                groups[-1] = (c0, c)
                last_part = part
                continue
        groups.append((c, c))
        last_part = part
    pieces = []
    for c0, c1 in groups:
        piece: dict[int, Span] = {}
        for r, t in enumerate(order):
            tk = toks[r]
            rep_w = by_text[t][0]
            x0_rep = readings[rep_w][1]
            used = [col[r] for col in columns[c0 : c1 + 1] if col[r] >= 0]
            if used:
                lo, hi = tk.starts[used[0]], tk.ends[used[-1]]
            else:
                before = [col[r] for col in columns[:c0] if col[r] >= 0]
                lo = hi = tk.ends[before[-1]] if before else x0_rep
            for w in by_text[t]:
                shift = readings[w][1] - x0_rep
                piece[w] = Span(lo + shift, hi + shift)
        pieces.append(piece)
    return pieces


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """Longest-common-subsequence opcodes of two token lists (rapidfuzz, in C++), a deletion
    next to an insertion made one replacement.

    >>> _opcodes(["a", " ", "b"], ["a", " ", "c"])
    [('equal', 0, 2, 0, 2), ('replace', 2, 3, 2, 3)]
    """
    out: list[tuple[str, int, int, int, int]] = []
    for op in Indel.opcodes(a, b):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if out and tag != "equal" and out[-1][0] in ("delete", "insert", "replace"):
            _, p1, _p2, q1, _q2 = out[-1]
            out[-1] = ("replace", p1, i2, q1, j2)
            continue
        out.append((tag, i1, i2, j1, j2))
    return out


def _first(col: list[int]) -> int:
    """The first reading that has a token in this column."""
    return next(r for r, i in enumerate(col) if i >= 0)


class Candidate(NamedTuple):
    text: str
    witnesses: list[int]
    category: Category | None


def group(
    readings: Sequence[Candidate], ignored: frozenset[Category], left: str, right: str
) -> list[int]:
    """The group of each reading; readings[0] is the base's and starts group 0.

    A reading joins the base's group when its difference from the base is one
    the profile ignores; otherwise the first group whose first reading differs
    from it only in ignored categories (in the context of the site), or a new
    group. Readings come in a fixed order, so the groups do too.
    """
    groups: list[int] = []
    heads: list[str] = []  # the first reading of each group
    for k, r in enumerate(readings):
        if k == 0 or r.category is None or r.category in ignored:
            if not heads:
                heads.append(r.text)
            groups.append(0)
            continue
        for g, head in enumerate(heads[1:], 1):
            if classify_text(left + head + right, left + r.text + right) in ignored:
                groups.append(g)
                break
        else:
            heads.append(r.text)
            groups.append(len(heads) - 1)
    return groups


def context(text: str, start: int, end: int, lo: int, hi: int) -> tuple[str, str]:
    """The non-space characters just around [start, end) within [lo, hi): the word a site sits in.

    >>> context("the red cat", 4, 7, 0, 11)
    ('', '')
    >>> context("unknowable", 2, 4, 0, 10)
    ('un', 'owable')
    """
    i = start
    while i > lo and not text[i - 1].isspace() and start - i < 32:
        i -= 1
    j = end
    while j < hi and not text[j].isspace() and j - end < 32:
        j += 1
    return text[i:start], text[end:j]
