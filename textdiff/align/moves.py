"""Moves: paragraphs left unpaired on both sides that are the same paragraph.

After the in-order alignment, a paragraph deleted at one place and inserted
at another is a move. Exact twins pair first (in order, so repeated
paragraphs pair with their nearest twin), then near twins found through rare
shared word pairs, best first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .beads import candidate_pairs
from .keys import ParaKey

# A moved paragraph must be at least this similar, and this long, to be called a move.
MOVE_SIM = 0.6
MOVE_MIN_WORDS = 4


def find_moves(
    deleted: Sequence[ParaKey], inserted: Sequence[ParaKey]
) -> list[tuple[int, int, float]]:
    """(a index, b index, similarity) of moved paragraphs, each used once."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    moves: list[tuple[int, int, float]] = []
    by_fp: dict[str, list[ParaKey]] = defaultdict(list)
    for q in inserted:
        if q.nwords >= MOVE_MIN_WORDS:
            by_fp[q.fp].append(q)
    for p in deleted:
        twins = by_fp.get(p.fp)
        if p.nwords >= MOVE_MIN_WORDS and twins:
            q = twins.pop(0)
            moves.append((p.pos, q.pos, 1.0))
            used_a.add(p.pos)
            used_b.add(q.pos)
    rest_a = [p for p in deleted if p.pos not in used_a and p.nwords >= MOVE_MIN_WORDS]
    rest_b = [q for q in inserted if q.pos not in used_b and q.nwords >= MOVE_MIN_WORDS]
    fuzzy = [
        (sim, rest_a[x].pos, rest_b[y].pos)
        for x, y, sim in candidate_pairs(rest_a, rest_b)
        if sim >= MOVE_SIM
    ]
    for sim, i, j in sorted(fuzzy, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_a and j not in used_b:
            moves.append((i, j, sim))
            used_a.add(i)
            used_b.add(j)
    return sorted(moves, key=lambda t: t[1])
