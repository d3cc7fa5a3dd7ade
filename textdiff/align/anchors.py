"""Anchors: paragraph pairs that are certain, chained in order.

A paragraph whose key occurs once in A and once in B pairs with its twin.
The longest chain of such pairs that is increasing on both sides (patience
diff's idea) splits the problem into small gaps; pairs left off the chain
are candidates for moves.

>>> longest_increasing_chain([(0, 2), (1, 0), (2, 1), (3, 3)])
[(1, 0), (2, 1), (3, 3)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from .keys import ParaKey


def unique_pairs(
    a: Sequence[ParaKey], b: Sequence[ParaKey], min_words: int = 1
) -> list[tuple[int, int]]:
    """(i, j) for every key that occurs exactly once on each side, in A order."""
    count_a = Counter(p.fp for p in a if p.nwords >= min_words)
    count_b = Counter(p.fp for p in b if p.nwords >= min_words)
    where_b = {p.fp: j for j, p in enumerate(b) if count_b.get(p.fp) == 1}
    return [
        (i, where_b[p.fp]) for i, p in enumerate(a) if count_a.get(p.fp) == 1 and p.fp in where_b
    ]


def longest_increasing_chain(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by i) whose j also increases."""
    tails: list[int] = []  # tails[k]: smallest j ending a chain of length k+1
    tail_at: list[int] = []  # index into pairs of that tail
    prev = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        prev[n] = tail_at[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(pairs[n])
        n = prev[n]
    chain.reverse()
    return chain
