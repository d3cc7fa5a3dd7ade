"""The longest chain of pairs increasing on both sides (patience sorting, O(n log n)).

Shared by paragraph alignment (anchors) and the word diff (unique-token cuts).

>>> longest_increasing_chain([(0, 2), (1, 0), (2, 1), (3, 3)])
[(1, 0), (2, 1), (3, 3)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


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
