"""sites: the word diff of each cell against its row's base -> variant sites, readings, groups.

Inside a row every witness's cell is diffed against the base cell with the
word diff and classifier of ``compare`` (so a cell against the base says
exactly what compare says of that block). The edits of all witnesses, in base
coordinates, are merged where they overlap into *sites*: no two sites
overlap, so the row reads as parallel segmentation, and between sites every
witness has exactly the base's text.

    Edits                 one witness's categorized segments against the base
    site_spans(edits)     overlapping edits of all witnesses -> site spans in the base
    readings_at(...)      each witness's literal reading of one site
    group(...)            readings -> groups equal up to the categories the profile ignores

>>> site_spans([[(0, 3), (9, 9)], [(2, 5), (9, 9), (12, 14)]])
[(0, 5), (9, 9), (12, 14)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from ..model import Category, Op, Segment
from ..normalize import classify_text


class Edits(NamedTuple):
    """A witness's segments against the base, with lookup arrays for mapping base offsets."""

    segments: tuple[Segment, ...]
    a0: list[int]  # base start of each non-empty segment
    a1: list[int]  # base end of each non-empty segment
    solid: list[Segment]  # the segments with a0 < a1, in order
    inserts: dict[int, Segment]  # base offset -> the insertion there
    end: int  # the witness's cell end

    @classmethod
    def of(cls, segments: tuple[Segment, ...], end: int) -> Edits:
        solid = [s for s in segments if s.a1 > s.a0]
        inserts = {s.a0: s for s in segments if s.a1 == s.a0 and s.op is not Op.EQUAL}
        return cls(segments, [s.a0 for s in solid], [s.a1 for s in solid], solid, inserts, end)

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

    def reading(self, start: int, end: int) -> tuple[int, int]:
        """The witness's span for the base span [start, end) (a site)."""
        if start == end:
            ins = self.inserts.get(start)
            if ins is not None:
                return ins.b0, ins.b1
            pos = self.before(start)
            return pos, pos
        return self.after(start), self.before(end)

    def category(self, start: int, end: int) -> Category | None:
        """The most serious category of this witness's edits inside the site, None if none."""
        worst: Category | None = None
        for s in self.segments:
            if s.op is Op.EQUAL or s.category is None:
                continue
            inside = (start <= s.a0 and s.a1 <= end) if start < end else (s.a0 == s.a1 == start)
            if inside and (worst is None or s.category > worst):
                worst = s.category
        return worst


def site_spans(edits: Sequence[Sequence[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The union of every witness's edit spans (base coordinates), as disjoint sites.

    Spans that overlap join; so does an insertion strictly inside another
    edit, or at the same point as another insertion. Spans that only touch
    stay apart (an insertion just before a replacement is its own site).
    """
    spans = sorted({s for e in edits for s in e})
    out: list[tuple[int, int]] = []
    for x, y in spans:
        if out:
            s, e = out[-1]
            if x < e or (x == s == e == y):
                out[-1] = (s, max(e, y))
                continue
        out.append((x, y))
    return out


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
