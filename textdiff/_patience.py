"""Patience alignment of two code strings, with bounded work (shared by align and _dmp).

    match_runs(a, b)    equal runs (i, j, n) of two code strings, increasing on both sides
    Run                 one run: a[i:i+n] == b[j:j+n]

Each character stands for one token (a word key). Common ends are trimmed,
characters that occur once on each side are chained in order (``_chain``),
and the gaps between them are aligned the same way; a gap small enough is
aligned exactly by rapidfuzz's bit-parallel LCS. Work is bounded by a budget
proportional to the input (a count of characters scanned, never a clock), so
a shuffled text stays near-linear and the output is deterministic; a gap left
when the budget is spent, or with nothing unique to anchor on, stays unmatched.

>>> match_runs("abcxde", "abcyde")
[Run(i=0, j=0, n=3), Run(i=4, j=4, n=2)]
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation into a ForwardRef (see textdiff.model).

import math
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from ._chain import longest_increasing_chain

# Gaps up to this many cells (len a * len b) are aligned by an exact LCS.
EXACT_CELLS = 16_000_000
# Characters the anchoring may scan, per character of input, before gaps are left as they are.
BUDGET_PER_CHAR = 24


class Run(NamedTuple):
    i: int  # start in a
    j: int  # start in b
    n: int  # length, in words


def _first_difference(x: str, y: str) -> int:
    """Where two strings of equal length first differ (their length if nowhere).

    >>> _first_difference("abcd", "abxd"), _first_difference("ab", "ab")
    (2, 2)
    """
    lo, hi = 0, len(x)  # x[:lo] == y[:lo]; a difference lies in [lo, hi) if hi < len(x)
    if x == y:
        return hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if x[lo:mid] == y[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _common_prefix(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> int:
    n = min(a1 - a0, b1 - b0)
    return _first_difference(a[a0 : a0 + n], b[b0 : b0 + n])


def _common_suffix(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> int:
    n = min(a1 - a0, b1 - b0)
    return _first_difference(a[a1 - n : a1][::-1], b[b1 - n : b1][::-1])


def _exact(a: str, b: str, a0: int, b0: int) -> list[Run]:
    return [
        Run(a0 + blk.a, b0 + blk.b, blk.size)
        for blk in Indel.opcodes(a, b).as_matching_blocks()
        if blk.size
    ]


def _anchors(a: str, b: str) -> list[tuple[int, int]]:
    """(i, j) of the characters that occur once in a and once in b, chained in order."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {ch: j for j, ch in enumerate(b) if count_b[ch] == 1}
    pairs = [(i, where_b[ch]) for i, ch in enumerate(a) if count_a[ch] == 1 and ch in where_b]
    return longest_increasing_chain(pairs)


# A k-gram found in more places than this is a formula ("of the Workers' Party of"), not an
# anchor: not looked up.
RUN_MAX_POSTINGS = 32
# Predecessors a run is weighed against in the chain (the nearest in reading order of a).
CHAIN_LOOKBACK = 24
# What a jump costs in the chain, per doubling of how much more one side skips than the other.
JUMP_COST = 1.0


def _run_chain(a: str, b: str, k: int) -> list[Run]:
    """Common runs of at least ``k`` characters, chained in order on both sides so as to
    keep the most characters at the least cost in jumps.

    An exact LCS of a short text against a long one (a speech against the bulletin
    that reprints it) spreads its matches: a headline is matched to the same words in
    another article, because that leaves room for "by", "in", "the" to match in between.
    Runs of k words are evidence, single words are not; and a chain that jumps over a
    whole article on one side and a line on the other pays for it (log2 of the
    difference), so the headline goes with the text that follows it.

    >>> _run_chain("xyzw" + "abcdefg", "abcdef" + "q" * 50 + "xyzw" + "abcdefg", 4)
    [Run(i=0, j=56, n=11)]
    """
    postings: dict[str, list[int]] = {}
    for j in range(len(b) - k + 1):
        postings.setdefault(b[j : j + k], []).append(j)
    open_runs: dict[int, list[int]] = {}  # diagonal j - i -> [start i, start j, last i]
    runs: list[Run] = []
    for i in range(len(a) - k + 1):
        js = postings.get(a[i : i + k])
        if not js or len(js) > RUN_MAX_POSTINGS:
            continue
        for j in js:
            d = j - i
            cur = open_runs.get(d)
            if cur is not None and cur[2] == i - 1:
                cur[2] = i
            else:
                if cur is not None:
                    runs.append(Run(cur[0], cur[1], cur[2] - cur[0] + k))
                open_runs[d] = [i, j, i]
    runs.extend(Run(c[0], c[1], c[2] - c[0] + k) for c in open_runs.values())
    if not runs:
        return []
    runs.sort()
    best: list[float] = []
    back: list[int] = []
    for x, r in enumerate(runs):
        score, prev = float(r.n), -1
        for y in range(x - 1, max(-1, x - 1 - CHAIN_LOOKBACK), -1):
            q = runs[y]
            ga, gb = r.i - (q.i + q.n), r.j - (q.j + q.n)
            if ga < 0 or gb < 0:
                continue
            cand = best[y] + r.n - JUMP_COST * math.log2(1 + abs(ga - gb))
            if cand > score:
                score, prev = cand, y
        best.append(score)
        back.append(prev)
    x = max(range(len(runs)), key=lambda n: (best[n], -n))
    chain = []
    while x >= 0:
        chain.append(runs[x])
        x = back[x]
    chain.reverse()
    return chain


def _lopsided(la: int, lb: int) -> bool:
    return max(la, lb) >= 2 * min(la, lb)


def match_runs(a: str, b: str, min_run: int = 0) -> list[Run]:
    """Equal runs of ``a`` and ``b``, increasing on both sides, adjacent runs joined.

    ``min_run`` > 0: where one side of a gap is at least twice the other (a text
    inside a longer one), gaps are first cut at a chain of common runs of that
    length (``_run_chain``) before anything finer.
    """
    budget = BUDGET_PER_CHAR * (len(a) + len(b)) + 100_000
    found: list[Run] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        a0, a1, b0, b1 = stack.pop()
        if a0 == a1 or b0 == b1:
            continue
        head = _common_prefix(a, b, a0, a1, b0, b1)
        if head:
            found.append(Run(a0, b0, head))
            a0, b0 = a0 + head, b0 + head
            if a0 == a1 or b0 == b1:
                continue
        tail = _common_suffix(a, b, a0, a1, b0, b1)
        if tail:
            found.append(Run(a1 - tail, b1 - tail, tail))
            a1, b1 = a1 - tail, b1 - tail
            if a0 == a1 or b0 == b1:
                continue
        la, lb = a1 - a0, b1 - b0
        if min_run and min(la, lb) >= min_run and _lopsided(la, lb) and budget >= la + lb:
            budget -= la + lb
            links = _run_chain(a[a0:a1], b[b0:b1], min_run)
            if links:
                pa, pb = a0, b0
                for i, j, n in links:
                    found.append(Run(a0 + i, b0 + j, n))
                    stack.append((pa, a0 + i, pb, b0 + j))
                    pa, pb = a0 + i + n, b0 + j + n
                stack.append((pa, a1, pb, b1))
                continue
        if la * lb <= EXACT_CELLS:
            found.extend(_exact(a[a0:a1], b[b0:b1], a0, b0))
            continue
        budget -= la + lb
        if budget < 0:
            continue  # spent: the rest stays unmatched, the same way every run
        chain = _anchors(a[a0:a1], b[b0:b1])
        if not chain:
            continue
        pa, pb = a0, b0
        for i, j in chain:
            found.append(Run(a0 + i, b0 + j, 1))
            stack.append((pa, a0 + i, pb, b0 + j))
            pa, pb = a0 + i + 1, b0 + j + 1
        stack.append((pa, a1, pb, b1))
    return _joined(sorted(found))


def _joined(runs: Sequence[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if out:
            last = out[-1]
            if last.i + last.n == r.i and last.j + last.n == r.j:
                out[-1] = Run(last.i, last.j, last.n + r.n)
                continue
        out.append(r)
    return out
