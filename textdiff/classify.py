"""classify: categories, block kinds, region, coverage, similarity and verdict.

Every non-equal segment gets the least serious category that explains it
(``textdiff.normalize.LEVELS``), which is the most serious category among
the differences it holds: a curly quote next to a changed word is
substantive. A segment in boilerplate paragraphs is boilerplate at most.

The verdict follows ``comparison-1.md``: ``identical`` for equal texts;
``unrelated`` when too little aligns; ``equivalent`` when inside the region
every edit is of an ignored category and no text paragraph is inserted or
deleted; ``variant`` otherwise. The *host* (the bulletin that reprints a
speech: most of it other material, its coverage far below the other side's)
may hold other articles outside the region, set off from it by a heading or
page furniture, and a short lead-in just before it; nothing else may be
missing or added: a copy that drops its last paragraph is a variant even
though that paragraph lies outside the region.
"""

# No ``from __future__ import annotations``: it makes typing.NamedTuple compile
# every field's annotation from a string (see textdiff.model).

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from .display import number, plural
from .model import (
    Block,
    BlockKind,
    Category,
    Op,
    Paragraph,
    Reason,
    ReasonKind,
    Role,
    Segment,
    Span,
    Summary,
    Verdict,
)
from .normalize import classify_text, explain
from .normalize.rules import CODE_WRAPPER
from .options import Options
from .userrules import RuleSet

# Below this share of either side aligned, the texts are unrelated.
UNRELATED_COVERAGE = 0.2
# ...or when fewer words than this align at all.
UNRELATED_MIN_WORDS = 8
# A side is the host (a bulletin holding other articles around the text) when
# most of it is other material and its coverage is well below the other side's.
HOST_MARGIN = 0.2
HOST_MAX_COVERAGE = 0.6
# A lead-in: one paragraph of at most this many characters just before the region.
LEAD_IN_MAX_CHARS = 300


class SideInfo(NamedTuple):
    text: str
    paragraphs: Sequence[Paragraph]
    words: Sequence[int]  # word count of each paragraph
    # Words of each unpaired paragraph that the other text has in runs of evidence
    # (``Aligned.found``); empty, or 0 for a paragraph, when none.
    found: Sequence[int] = ()


def blank(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the parts inside ``spans`` (sorted) turned to spaces.

    >>> blank("ab--cd", 0, 6, [(2, 4)])
    'ab  cd'
    """
    out = text[start:end]
    if not spans:
        return out
    k = bisect_right(spans, (start, start)) - 1
    for s0, s1 in spans[max(k, 0) :]:
        if s0 >= end:
            break
        lo, hi = max(s0, start), min(s1, end)
        if lo < hi:
            out = out[: lo - start] + " " * (hi - lo) + out[hi - start :]
    return out


class UserSides(NamedTuple):
    """Rules of the user's own, and where their ignore rules matched each side."""

    rules: RuleSet
    ignored_a: Sequence[tuple[int, int, str]]  # (start, end, rule), sorted
    ignored_b: Sequence[tuple[int, int, str]]


def categorize(
    segments: Sequence[Segment],
    text_a: str,
    text_b: str,
    boilerplate: bool,
    furniture: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]] = ((), ()),
    user: UserSides | None = None,
    boilerplate_rule: str = "boilerplate-paragraph",
) -> tuple[Segment, ...]:
    """Give every non-equal segment its category and the rule that explains it.

    ``boilerplate``: the block is all page furniture, so nothing in it is
    substantive (``boilerplate_rule`` names why). ``furniture``: spans of page
    furniture left inside rejoined paragraphs; an edit that is only such furniture
    is boilerplate. A source file's wrapper around the text (``rules.CODE_WRAPPER``)
    is boilerplate too. ``user``: rules of the user's own, tried last, on what no
    built-in rule explains (``by_user_rule``).
    """
    out = []
    for k, s in enumerate(segments):
        if s.op is Op.EQUAL:
            out.append(s)
            continue
        # The words the edit sits in, taken from the equal text on either side (the
        # same on both sides): "-5" is a number, a bare "-" is not; "IV." after a
        # full stop or at the start of the block is numbering, after a word it is not.
        left = _before(text_a, segments[k - 1].a0, s.a0) if k else "\n"
        right = _run_after(text_a, s.a1, segments[k + 1].a1) if k + 1 < len(segments) else ""
        seg_a, seg_b = text_a[s.a0 : s.a1], text_b[s.b0 : s.b1]
        cat, rule = explain(left + seg_a + right, left + seg_b + right)
        if cat is Category.SUBSTANTIVE:
            if boilerplate:
                cat, rule = Category.BOILERPLATE, boilerplate_rule
            elif _only_furniture(s, text_a, text_b, furniture):
                cat, rule = Category.BOILERPLATE, "page-furniture"
            elif not (seg_a and seg_b) and _CODE_WRAPPER.fullmatch(seg_a or seg_b):
                cat, rule = Category.BOILERPLATE, "code-wrapper"
            elif user is not None:
                cat, rule = by_user_rule(segments, k, text_a, text_b, user) or (cat, rule)
        out.append(Segment(s.op, s.a0, s.a1, s.b0, s.b1, cat, rule))
    return tuple(out)


_CODE_WRAPPER = re.compile(CODE_WRAPPER)


def by_user_rule(
    segments: Sequence[Segment], k: int, text_a: str, text_b: str, user: UserSides
) -> tuple[Category, str] | None:
    """The category and rule of the edit ``segments[k]`` if the user's rules explain it.

    The edit is read with enough text either side (up to the neighbouring segments) to
    hold a whole spelling variant. Text an ignore rule matched is blanked on each side,
    each variant is written as its group's form, and the built-in rules judge what is
    left. A rule counts only where it touched the edit itself; the category is the most
    serious of what the built-ins found, ``spelling`` for a respelled variant and
    ``boilerplate`` for ignored text (as page furniture is), and the rule reported is
    the user's rule that decided it.
    """
    s = segments[k]
    w = user.rules.speller.window
    a0 = max(s.a0 - w, segments[k - 1].a0) if k else s.a0
    b0 = max(s.b0 - w, segments[k - 1].b0) if k else s.b0
    a1 = min(s.a1 + w, segments[k + 1].a1) if k + 1 < len(segments) else s.a1
    b1 = min(s.b1 + w, segments[k + 1].b1) if k + 1 < len(segments) else s.b1
    a, ign_a = _blank_ignored(text_a, a0, a1, s.a0, s.a1, user.ignored_a)
    b, ign_b = _blank_ignored(text_b, b0, b1, s.b0, s.b1, user.ignored_b)
    a, spell_a, spans_a = user.rules.speller.respell(a)
    b, spell_b, spans_b = user.rules.speller.respell(b)
    spelled = [
        *(n for n, sp in zip(spell_a, spans_a, strict=False) if _touches(sp, s.a0 - a0, s.a1 - a0)),
        *(n for n, sp in zip(spell_b, spans_b, strict=False) if _touches(sp, s.b0 - b0, s.b1 - b0)),
    ]
    ignored = ign_a + ign_b
    if not spelled and not ignored:
        return None
    cat, _ = explain(a, b)
    if cat is Category.SUBSTANTIVE:
        return None
    if ignored:
        return max(cat, Category.BOILERPLATE), ignored[0]
    return max(cat, Category.SPELLING), spelled[0]


def _touches(span: tuple[int, int], e0: int, e1: int) -> bool:
    """Does ``span`` overlap the edit [e0, e1) (or hold its position, if it is empty)?"""
    return span[0] < max(e1, e0 + 1) and span[1] > e0


def _blank_ignored(
    text: str, lo: int, hi: int, e0: int, e1: int, spans: Sequence[tuple[int, int, str]]
) -> tuple[str, list[str]]:
    """``text[lo:hi]`` with ignored spans blanked; the rules of those touching [e0, e1)."""
    if not spans:
        return text[lo:hi], []
    near = []
    for sp in spans[max(bisect_right(spans, (lo, lo, "")) - 1, 0) :]:
        if sp[0] >= hi:
            break
        if sp[1] > lo:
            near.append(sp)
    out = blank(text, lo, hi, [(s0, s1) for s0, s1, _ in near])
    return out, [name for s0, s1, name in near if _touches((s0, s1), e0, e1)]


def _before(text: str, lo: int, hi: int) -> str:
    """The word just before ``hi`` (not before ``lo``) with the space after it; a line
    break when nothing but space comes before it in the block."""
    i = hi
    while i > lo and text[i - 1].isspace():
        i -= 1
    space = text[i:hi]
    j = i
    while j > lo and not text[j - 1].isspace() and i - j < 32:
        j -= 1
    if j == i and j == lo:
        return "\n" + space
    return text[j:hi]


def _run_after(text: str, lo: int, hi: int) -> str:
    """The non-space characters just after ``lo`` (not after ``hi``)."""
    i = lo
    while i < hi and not text[i].isspace() and i - lo < 32:
        i += 1
    return text[lo:i]


def _only_furniture(
    s: Segment,
    text_a: str,
    text_b: str,
    furniture: tuple[Sequence[tuple[int, int]], Sequence[tuple[int, int]]],
) -> bool:
    fa, fb = furniture
    if not fa and not fb:
        return False
    a = blank(text_a, s.a0, s.a1, fa)
    b = blank(text_b, s.b0, s.b1, fb)
    if a == text_a[s.a0 : s.a1] and b == text_b[s.b0 : s.b1]:
        return False
    return classify_text(a, b) is not Category.SUBSTANTIVE


def refine_kind(kind: BlockKind, segments: Sequence[Segment]) -> BlockKind:
    """A paired block whose only edits are whitespace is ``equal``; one the aligner
    offered as equal (paragraphs regrouped) with more than whitespace is ``changed``."""
    if kind in (BlockKind.CHANGED, BlockKind.EQUAL):
        plain = all(s.op is Op.EQUAL or s.category is Category.WHITESPACE for s in segments)
        return BlockKind.EQUAL if plain else BlockKind.CHANGED
    return kind


def _region(side: SideInfo, blocks: Sequence[Block], key: str) -> Span | None:
    # A document with no text paragraph at all (a headline, a title page) is
    # all headings: then the aligned headings make its region.
    roles = {Role.TEXT} if any(p.role is Role.TEXT for p in side.paragraphs) else set(Role)
    idx = [
        i
        for blk in blocks
        if blk.kind.aligned
        for i in getattr(blk, key)
        if side.paragraphs[i].role in roles
    ]
    if not idx:
        return None
    return Span(side.paragraphs[min(idx)].start, side.paragraphs[max(idx)].end)


def nonspace(s: str) -> int:
    """Characters of ``s`` that are not whitespace (as ``str.split`` reads whitespace),
    counted without building anything: a 50 MB text is not split into millions of
    strings, nor copied, to count them.

    >>> nonspace(" a  b\\u2003c\\n"), nonspace("x\\x1cy")
    (3, 2)
    """
    if s.isascii():
        return len(s) - sum(map(s.count, _ASCII_SPACES))
    if len(s) < 4096:
        return len("".join(s.split()))
    return len(s) - sum(map(s.count, SPACES))


# Every character str.isspace() holds for (tests/test_normalize_runs.py checks the list).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_ASCII_SPACES = SPACES[:10]


def _found(side: SideInfo, blocks: Sequence[Block], key: str) -> tuple[float, float]:
    """(coverage, shared) of one side: shares of its non-whitespace characters.

    Coverage: what the other text has too. In aligned paragraphs: all their text but
    what an edit added or removed there outright (text that only this side has: an
    inserted sentence, the other articles of a bulletin run onto one line). In
    paragraphs that no paragraph of the other text pairs with: the share of their
    words the other text has in runs of evidence (``SideInfo.found``: phrases kept
    through a paraphrase, sentences reused across paragraph lines that the other
    text draws differently). So it does not depend on paragraphing: a paragraph
    linked to a whole text run onto one line covers what it shares with it, never
    the whole line; and reused text counts whether or not its paragraph is paired.

    Shared: what the other text has too: equal segments and edits of accidentals (a
    spelling, a quote mark), nothing rewritten. What decides ``unrelated``, whatever
    the paragraphing: a paragraph of A linked to a whole other text run onto one line
    shares only its own words with it.
    """
    total = nonspace(side.text)
    if not total:
        return 0.0, 0.0
    covered = 0.0
    shared = 0
    text = side.text
    for blk in blocks:
        if not blk.kind.aligned:
            for i in getattr(blk, key):
                if side.found and side.found[i]:
                    p = side.paragraphs[i]
                    covered += nonspace(text[p.start : p.end]) * side.found[i] / side.words[i]
            continue
        for s in blk.segments:
            start, end = (s.a0, s.a1) if key == "a" else (s.b0, s.b1)
            if s.category not in _NOT_FOUND:
                n = nonspace(text[start:end])
                covered += n
                shared += n
            elif s.op is Op.REPLACE:
                covered += nonspace(text[start:end])
            # else: only on this side, inserted or deleted outright
    return round(min(1.0, covered / total), 4), shared / total


# Edits whose text, added or removed outright, is not found on the other side.
_NOT_FOUND = frozenset({Category.SUBSTANTIVE, Category.BOILERPLATE})


def _inside(p: Paragraph, span: Span | None) -> bool:
    return span is not None and span.start <= p.start and p.end <= span.end


def _in_region(
    blocks: Sequence[Block], a: SideInfo, b: SideInfo, region: tuple[Span, Span] | None
) -> tuple[Block, ...]:
    """The blocks with ``in_region`` set: has either side a paragraph inside the region?"""
    if region is None:
        return tuple(blk._replace(in_region=False) for blk in blocks)
    in_a = [_inside(p, region[0]) for p in a.paragraphs]
    in_b = [_inside(p, region[1]) for p in b.paragraphs]
    return tuple(
        blk._replace(
            in_region=any(map(in_a.__getitem__, blk.a)) or any(map(in_b.__getitem__, blk.b))
        )
        for blk in blocks
    )


class Findings(NamedTuple):
    """What classify adds to finished blocks: the facts renderers and clients read."""

    blocks: tuple[Block, ...]  # with ``in_region`` set
    region: tuple[Span, Span] | None
    coverage: tuple[float, float]
    similarity: float
    summary: Summary


def summarize(a: SideInfo, b: SideInfo, blocks: Sequence[Block], options: Options) -> Findings:
    """Region, coverage, similarity and summary (verdict, host, reasons) of finished blocks."""
    ra, rb = _region(a, blocks, "a"), _region(b, blocks, "b")
    region = (ra, rb) if ra is not None and rb is not None else None
    (cov_a, shared_a), (cov_b, shared_b) = _found(a, blocks, "a"), _found(b, blocks, "b")
    coverage, shared = (cov_a, cov_b), (shared_a, shared_b)
    blocks = _in_region(blocks, a, b, region)

    matched = 0.0
    for blk in blocks:
        if blk.in_region and blk.kind.aligned:
            la = sum(a.words[i] for i in blk.a)
            lb = sum(b.words[j] for j in blk.b)
            matched += blk.similarity * (la + lb) / 2
    total_a = sum(a.words[p.index] for p in a.paragraphs if _inside(p, ra))
    total_b = sum(b.words[p.index] for p in b.paragraphs if _inside(p, rb))
    identical = a.text == b.text
    if identical:
        similarity = 1.0
    elif total_a + total_b:
        similarity = round(min(1.0, 2 * matched / (total_a + total_b)), 4)
    else:
        similarity = 0.0

    edits: Counter[Category] = Counter()
    region_edits: Counter[Category] = Counter()
    for blk in blocks:
        for s in blk.segments:
            if s.category is not None:
                edits[s.category] += 1
                if blk.in_region:
                    region_edits[s.category] += 1
    kinds = Counter(blk.kind for blk in blocks)
    host = _host(coverage)
    judge = _Judge(a, b, blocks, region, host, options)
    verdict, reasons = judge.verdict(coverage, shared, matched, identical, region_edits)
    summary = Summary(
        verdict=verdict,
        blocks={k: kinds[k] for k in BlockKind if kinds[k]},
        edits={c: edits[c] for c in Category if edits[c]},
        region_edits={c: region_edits[c] for c in Category if region_edits[c]},
        host=host,
        reasons=reasons,
    )
    return Findings(blocks, region, coverage, similarity, summary)


def _host(coverage: tuple[float, float]) -> str | None:
    """The side holding the other's text among other material, if either: most of it
    is other material, and its coverage is well below the other side's."""
    ca, cb = coverage
    if ca <= HOST_MAX_COVERAGE and ca + HOST_MARGIN < cb:
        return "a"
    if cb <= HOST_MAX_COVERAGE and cb + HOST_MARGIN < ca:
        return "b"
    return None


# Unaligned text beyond the region is the text's own (a dropped last paragraph),
# not web or page clutter, when it reads as prose: a sentence of this many words,
# or this many words however they end.
PROSE_MIN_WORDS = 3
PROSE_ANY_WORDS = 12
_CLOSERS = " \"'”’»)]*_"




class _Judge:
    """The verdict and the reasons for it, from blocks whose ``in_region`` is set."""

    def __init__(
        self,
        a: SideInfo,
        b: SideInfo,
        blocks: Sequence[Block],
        region: tuple[Span, Span] | None,
        host: str | None,
        options: Options,
    ) -> None:
        self.a, self.b, self.blocks, self.region = a, b, blocks, region
        self.host, self.options = host, options

    def verdict(
        self,
        coverage: tuple[float, float],
        shared: tuple[float, float],
        matched: float,
        identical: bool,
        region_edits: Counter[Category],
    ) -> tuple[Verdict, tuple[Reason, ...]]:
        a, b, options = self.a, self.b, self.options
        if identical:
            return Verdict.IDENTICAL, (Reason(ReasonKind.IDENTICAL, "the texts are identical"),)
        shorter = min(sum(a.words), sum(b.words))
        too_few = matched < min(UNRELATED_MIN_WORDS, shorter / 2)
        if self.region is None or max(shared) < UNRELATED_COVERAGE or too_few:
            message = (
                f"too little is shared to compare: {shared[0]:.0%} of A's text is in B "
                f"and {shared[1]:.0%} of B's in A"
            )
            return Verdict.UNRELATED, (Reason(ReasonKind.UNRELATED, message),)
        reasons = [r for r in (self._edits(region_edits), self._one_sided(), self._moved()) if r]
        missing = self._missing()
        if missing:
            reasons.append(missing)
        if reasons:
            return Verdict.VARIANT, tuple(reasons)
        ignored = [c.value for c in Category if region_edits[c]]
        message = (
            "inside the region only " + ", ".join(ignored) + " edits, which the "
            f"{options.profile} profile ignores"
            if ignored
            else "no differences inside the region"
        )
        return Verdict.EQUIVALENT, (Reason(ReasonKind.IGNORED_ONLY, message),)

    def _edits(self, region_edits: Counter[Category]) -> Reason | None:
        counted = [c for c in Category if region_edits[c] and c not in self.options.ignored]
        if not counted:
            return None
        where = tuple(
            k
            for k, blk in enumerate(self.blocks)
            if blk.in_region
            and any(s.category is not None and s.category in counted for s in blk.segments)
        )
        parts = ", ".join(f"{number(region_edits[c])} {c.value}" for c in reversed(counted))
        n = sum(region_edits[c] for c in counted)
        return Reason(ReasonKind.REGION_EDITS, f"inside the region: {parts} {_edit_word(n)}", where)

    def _one_sided(self) -> Reason | None:
        """Text paragraphs only on one side, inside the region."""
        where, gone, added = [], 0, 0
        for k, blk in enumerate(self.blocks):
            if not blk.in_region or blk.kind.aligned:
                continue
            side, idx = (self.a, blk.a) if blk.kind is BlockKind.DELETED else (self.b, blk.b)
            n = sum(side.paragraphs[i].role is Role.TEXT for i in idx)
            if n:
                where.append(k)
                if blk.kind is BlockKind.DELETED:
                    gone += n
                else:
                    added += n
        if not where:
            return None
        said = []
        if gone:
            said.append(f"{plural(gone, 'text paragraph')} of A not in B")
        if added:
            said.append(f"{plural(added, 'text paragraph')} of B not in A")
        return Reason(
            ReasonKind.REGION_PARAGRAPHS, "inside the region: " + "; ".join(said), tuple(where)
        )

    def _moved(self) -> Reason | None:
        if not self.options.moves_count:
            return None
        where = tuple(
            k for k, blk in enumerate(self.blocks) if blk.kind is BlockKind.MOVED and blk.in_region
        )
        if not where:
            return None
        n = len(where)
        return Reason(
            ReasonKind.MOVED,
            f"{plural(n, 'paragraph')} in another order, which the "
            f"{self.options.profile} profile counts",
            where,
        )

    def _missing(self) -> Reason | None:
        """A side's own text beyond the region: prose that runs on from it, on a side
        that is not the host of other material (or is, but with nothing to set it off)."""
        assert self.region is not None
        where, words = [], {"A": 0, "B": 0}
        for k, blk in enumerate(self.blocks):
            if blk.in_region or blk.kind.aligned:
                continue
            if blk.kind is BlockKind.DELETED:
                side, idx, span, name, host = self.a, blk.a, self.region[0], "A", self.host == "a"
            else:
                side, idx, span, name, host = self.b, blk.b, self.region[1], "B", self.host == "b"
            prose = [i for i in idx if side.paragraphs[i].role is Role.TEXT and _prose(side, i)]
            if not prose:
                continue
            if host and _other_material(side, idx, span):
                continue
            where.append(k)
            words[name] += sum(side.words[i] for i in prose)
        if not where:
            return None
        said = [
            f"{plural(n, 'word')} of {name}'s text not in {'B' if name == 'A' else 'A'}"
            for name, n in words.items()
            if n
        ]
        return Reason(
            ReasonKind.MISSING_TEXT, "beyond the region: " + "; ".join(said), tuple(where)
        )


def _edit_word(n: int) -> str:
    return "edit" if n == 1 else "edits"


def _prose(side: SideInfo, i: int) -> bool:
    """Does paragraph i read as the text's own prose rather than clutter ("Share this",
    "Posted by admin | 3 comments")? A sentence, or a long run of words."""
    p = side.paragraphs[i]
    words = side.words[i]
    if words >= PROSE_ANY_WORDS:
        return True
    core = side.text[p.start : p.end].rstrip(_CLOSERS)
    return words >= PROSE_MIN_WORDS and core[-1:] in ".!?…"


def _other_material(side: SideInfo, idx: Sequence[int], span: Span) -> bool:
    """Is this unaligned run the host's own material, not a part of the text it lost?

    It is when a heading or page furniture stands between it and the region
    (another article), or when it is a short lead-in just before the region
    ("The respected Comrade ... made the following closing address:"). Text
    that runs straight on from the region is part of the text.
    """
    paras = side.paragraphs
    first = next(p.index for p in paras if p.start >= span.start)
    last = max(p.index for p in paras if p.end <= span.end)
    between = range(idx[-1] + 1, first) if idx[-1] < first else range(last + 1, idx[0])
    if any(paras[i].role is not Role.TEXT for i in between):
        return True
    lead_in = idx[-1] + 1 == first and len(idx) == 1
    return lead_in and paras[idx[0]].end - paras[idx[0]].start <= LEAD_IN_MAX_CHARS
