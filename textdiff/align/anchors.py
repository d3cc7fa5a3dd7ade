"""Anchors: paragraph pairs that are certain, chained in order.

A paragraph whose key occurs once in A and once in B pairs with its twin.
The longest chain of such pairs that is increasing on both sides (patience
diff's idea) splits the problem into small gaps; pairs left off the chain
are candidates for moves.
"""

from __future__ import annotations

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
