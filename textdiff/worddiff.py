"""worddiff: one aligned block -> segments that tile both of its sides.

Tokens are diffed by their *keys* (see ``textdiff.normalize``), so a curly
quote or a British spelling never throws the word alignment off; then every
token pair whose keys agree but whose text differs becomes its own non-equal
segment, so nothing different ever hides inside an ``equal`` segment.
Adjacent non-equal pieces are merged into one edit ("–" against " - " is one
typography edit, not three).

>>> a, b = "the Party’s behaviour", "the Party's behavior"
>>> for s in diff_span(a, 0, len(a), b, 0, len(b)):
...     print(s.op.value, repr(a[s.a0:s.a1]), repr(b[s.b0:s.b1]))
equal 'the ' 'the '
replace 'Party’s' "Party's"
equal ' ' ' '
replace 'behaviour' 'behavior'
"""

from __future__ import annotations

import re
from itertools import groupby, pairwise

from ._dmp import DELETE, EQUAL, INSERT, diff_codes
from .model import Op, Segment
from .normalize import WS_KEY, Tokens, tokenize


class _Book:
    """Token keys -> single characters that keep the token's nature.

    diff-match-patch's semantic clean-up slides edits to boundaries it scores
    by character class (space, letter or digit, other), so whitespace tokens
    are coded as a space, words as letters and marks as private-use symbols:
    edits then snap to word boundaries as they would in the text itself.
    Codes are given in order of first appearance, so the same inputs always
    get the same codes.
    """

    def __init__(self) -> None:
        self.codes: dict[str, str] = {WS_KEY: " "}
        self.words = 0
        self.marks = 0

    def encode(self, keys: tuple[str, ...]) -> str:
        codes = self.codes
        for k in dict.fromkeys(keys):
            if k not in codes:
                if k[:1].isalnum():
                    codes[k] = _letter(self.words)
                    self.words += 1
                else:
                    codes[k] = chr(_MARKS + self.marks % _MARKS_SIZE)
                    self.marks += 1
        return "".join(map(codes.__getitem__, keys))


_MARKS, _MARKS_SIZE = 0xE000, 0x1900  # the BMP private-use area: neither letter nor space
# A memo of a fixed sequence, grown on demand (most comparisons need a few
# thousand codes; computing all ~90,000 up front would cost every run).
_LETTERS: list[str] = []


def _letter(n: int) -> str:
    """The n-th character (from the CJK block on) that Python counts as a letter."""
    if n >= len(_LETTERS):
        cp = ord(_LETTERS[-1]) + 1 if _LETTERS else 0x4E00
        while len(_LETTERS) <= n and cp < 0x110000:
            ch = chr(cp)
            if ch.isalpha():
                _LETTERS.append(ch)
            cp += 1
        if n >= len(_LETTERS):  # more distinct words than letters: private-use codes
            return chr(0xF0000 + (n - len(_LETTERS)) % 0x1FFFE)
    return _LETTERS[n]


def diff_span(
    text_a: str,
    a0: int,
    a1: int,
    text_b: str,
    b0: int,
    b1: int,
    cache: dict[str, str] | None = None,
    swap: bool = False,
) -> tuple[Segment, ...]:
    """Segments tiling ``text_a[a0:a1]`` and ``text_b[b0:b1]``; non-equal ones uncategorized.

    ``cache`` (token text -> key) may be shared across the blocks of a comparison.
    ``swap`` diffs B against A and mirrors the result: where several edit
    scripts are equally short, the one found depends on the order, so a caller
    that orients both ways alike gets mirrored segments for mirrored inputs.
    """
    if swap:
        return tuple(
            Segment(_MIRROR[s.op], s.b0, s.b1, s.a0, s.a1, s.category)
            for s in diff_span(text_b, b0, b1, text_a, a0, a1, cache)
        )
    if text_a[a0:a1] == text_b[b0:b1]:
        return (Segment(Op.EQUAL, a0, a1, b0, b1),) if a1 > a0 else ()
    if a0 == a1 or b0 == b1:
        return (_edit(a0, a1, b0, b1),)
    cache = {} if cache is None else cache
    if (a1 - a0) + (b1 - b0) > 2 * CHUNK_CHARS:
        cuts = _cuts(text_a, a0, a1, text_b, b0, b1)
        if len(cuts) > 2:
            out: list[Segment] = []
            for (pa, pb), (qa, qb) in pairwise(cuts):
                for seg in diff_span(text_a, pa, qa, text_b, pb, qb, cache):
                    if out and seg.op is Op.EQUAL and out[-1].op is Op.EQUAL:
                        out[-1] = Segment(Op.EQUAL, out[-1].a0, seg.a1, out[-1].b0, seg.b1)
                    else:
                        out.append(seg)
            return tuple(out)
    ta, tb = tokenize(text_a, a0, a1, cache), tokenize(text_b, b0, b1, cache)
    if ta.keys == tb.keys:
        runs = [(EQUAL, len(ta.keys))]  # same words; only their spelling on the page differs
    else:
        book = _Book()
        runs = diff_codes(book.encode(ta.keys), book.encode(tb.keys))
    pieces: list[tuple[bool, int, int, int, int]] = []  # (equal, a0, a1, b0, b1)
    ia = ib = 0
    for op, n in runs:
        if op == EQUAL:
            sa, ea = _span(ta, ia, n)
            sb, eb = _span(tb, ib, n)
            if text_a[sa:ea] == text_b[sb:eb]:
                _add(pieces, True, sa, ea, sb, eb)
                ia += n
                ib += n
                continue
            # Token by token, a run of tokens written alike at a time.
            same = map(str.__eq__, ta.texts[ia : ia + n], tb.texts[ib : ib + n])
            for eq, run in groupby(same):
                k = len(list(run))
                _add(pieces, eq, *_span(ta, ia, k), *_span(tb, ib, k))
                ia += k
                ib += k
        elif op == DELETE:
            sa, ea = _span(ta, ia, n)
            pos = tb.starts[ib] if ib < len(tb.keys) else b1
            _add(pieces, False, sa, ea, pos, pos)
            ia += n
        elif op == INSERT:
            sb, eb = _span(tb, ib, n)
            pos = ta.starts[ia] if ia < len(ta.keys) else a1
            _add(pieces, False, pos, pos, sb, eb)
            ib += n
    return tuple(
        Segment(Op.EQUAL, s0, s1, t0, t1) if eq else _edit(s0, s1, t0, t1)
        for eq, s0, s1, t0, t1 in pieces
    )


# A block longer than this on both sides together (a book run onto one line against its
# paragraphs) is diffed a chunk at a time, cut where both sides read the same words: the
# tokens of 50 MB would otherwise take gigabytes at once.
CHUNK_CHARS = 1 << 18
ANCHOR_WORDS = 8  # a cut is made before this many words the same on both sides
ANCHOR_TRIES = 64  # places tried for one cut before the chunk grows
_WORDS_AHEAD = re.compile(rf"(?:\S+\s+){{{ANCHOR_WORDS}}}")
_WORD_START = re.compile(r"(?<=\s)\S")


def _cuts(text_a: str, a0: int, a1: int, text_b: str, b0: int, b1: int) -> list[tuple[int, int]]:
    """Where a long block can be cut into chunks diffed one by one: (a, b) positions, from
    (a0, b0) to (a1, b1), each before ``ANCHOR_WORDS`` words that A and B read alike
    (whatever the spaces between them) and that occur once in the stretch of each
    side searched, so the cut cannot pair one passage with another like it.

    >>> a = "".join(f"w{i} " for i in range(200_000))
    >>> b = a.replace(" ", "\\n")
    >>> cuts = _cuts(a, 0, len(a), b, 0, len(b))
    >>> len(cuts) > 2 and all(a[x : x + 9].split() == b[y : y + 9].split() for x, y in cuts[1:-1])
    True
    """
    cuts = [(a0, b0)]
    pa, pb = a0, b0  # the last cut
    start = pa + CHUNK_CHARS  # where the next is looked for in A
    while a1 - start > 0 and b1 - pb > CHUNK_CHARS // 4:
        found = None
        m = _WORD_START.search(text_a, start, a1)
        for _ in range(ANCHOR_TRIES):
            words = None if m is None else _WORDS_AHEAD.match(text_a, m.start(), a1)
            if m is None or words is None:
                break
            x = m.start()
            pattern = re.compile(r"\s+".join(map(re.escape, words.group().split())) + r"(?=\s)")
            end_b = min(b1, pb + 2 * (x - pa) + CHUNK_CHARS)  # how far B may run ahead
            hit = pattern.search(text_b, pb, end_b)
            if (
                hit is not None
                and hit.start() > pb
                and text_b[hit.start() - 1].isspace()
                and pattern.search(text_b, hit.start() + 1, end_b) is None
                and pattern.search(text_a, pa, x) is None
                and pattern.search(text_a, x + 1, min(a1, x + CHUNK_CHARS)) is None
            ):
                found = (x, hit.start())
                break
            m = _WORD_START.search(text_a, words.end(), a1)
        if found is None:
            if m is None:
                break
            start = m.start() + CHUNK_CHARS  # nowhere to cut here: a longer chunk
            continue
        cuts.append(found)
        pa, pb = found
        start = pa + CHUNK_CHARS
    cuts.append((a1, b1))
    return cuts


_MIRROR = {Op.EQUAL: Op.EQUAL, Op.REPLACE: Op.REPLACE, Op.INSERT: Op.DELETE, Op.DELETE: Op.INSERT}


def _span(t: Tokens, i: int, n: int) -> tuple[int, int]:
    return t.starts[i], t.ends[i + n - 1]


def _add(
    pieces: list[tuple[bool, int, int, int, int]], eq: bool, a0: int, a1: int, b0: int, b1: int
) -> None:
    if pieces and pieces[-1][0] == eq:
        last = pieces[-1]
        pieces[-1] = (eq, last[1], a1, last[3], b1)
    else:
        pieces.append((eq, a0, a1, b0, b1))


def _edit(a0: int, a1: int, b0: int, b1: int) -> Segment:
    op = Op.REPLACE if a1 > a0 and b1 > b0 else Op.DELETE if a1 > a0 else Op.INSERT
    return Segment(op, a0, a1, b0, b1)
