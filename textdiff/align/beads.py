"""Beads: order-preserving alignment of the paragraphs between two anchors.

A dynamic programme over the gap chooses, at each step, one bead: 1:1 (same
paragraph, perhaps edited), 1:2 or 1:3 (a paragraph split), 2:1 or 3:1 (merged),
1:0 (deleted) or 0:1 (inserted). A pairing earns the words it shares minus a
penalty for the words it does not, so unrelated paragraphs are never forced
together just because they sit in the same gap.

Gaps too large for the programme are first cut by *sub-anchors*: paragraph
pairs that share rare word pairs and are similar enough to be sure of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from .anchors import longest_increasing_chain
from .keys import ParaKey, joined, similarity

# Penalty per unshared word: pairing pays when 2*LCS/(la+lb) exceeds
# 2*LAMBDA/(1+2*LAMBDA), i.e. a word similarity of 0.4 at LAMBDA 1/3.
LAMBDA = 1 / 3
# Largest gap (cells) the programme takes whole; bigger gaps are sub-anchored.
MAX_CELLS = 60_000
# Similarity a sub-anchor must reach.
SUB_ANCHOR_SIM = 0.6
# Most paragraphs a split or merge bead joins.
MAX_FAN = 3


class Bead(NamedTuple):
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float


def gain(la: int, lb: int, sim: float) -> float:
    """What pairing two paragraphs of la and lb words at this similarity earns."""
    lcs = sim * (la + lb) / 2
    return lcs - LAMBDA * (la + lb - 2 * lcs)


def _roles_ok(a: Sequence[ParaKey], b: Sequence[ParaKey], sim: float) -> bool:
    # A split or merge joins paragraphs of one role only; a 1:1 pair of
    # different roles must be nearly identical (a title set as a Markdown
    # heading in one copy and as plain text in the other).
    roles = {p.role for p in a} | {q.role for q in b}
    return len(roles) == 1 or (len(a) == len(b) == 1 and sim >= 0.8)


def _score(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> tuple[float, float]:
    ca, cb = joined(a), joined(b)
    la, lb = len(ca), len(cb)
    if la == 0 or lb == 0:
        return 0.0, 0.0
    # Upper bound of the similarity from the lengths alone: skip hopeless pairs.
    if 2 * min(la, lb) / (la + lb) < 0.4:
        return 0.0, 0.0
    sim = similarity(ca, cb, cutoff=0.35)
    if sim <= 0 or not _roles_ok(a, b, sim):
        return 0.0, 0.0
    return gain(la, lb, sim), sim


def align_gap(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Bead]:
    """Beads covering every paragraph of ``a`` and ``b`` exactly once, in order."""
    if not a or not b:
        return [Bead((p.pos,), (), 0.0) for p in a] + [Bead((), (q.pos,), 0.0) for q in b]
    if len(a) * len(b) > MAX_CELLS:
        return _sub_anchored(a, b)
    return _programme(a, b)


def _programme(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Bead]:
    n, m = len(a), len(b)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    move: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        row = best[i]
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            here = neg
            choice: tuple[int, int, float] | None = None
            # On a tie the traceback takes the insertion, so that read forwards
            # a deletion comes before the insertion that replaces it.
            if j and row[j - 1] > here:  # inserted
                here, choice = row[j - 1], (0, 1, 0.0)
            if i and best[i - 1][j] > here:  # deleted
                here, choice = best[i - 1][j], (1, 0, 0.0)
            if i and j:
                for di, dj in (
                    (1, 1),
                    *((1, k) for k in range(2, MAX_FAN + 1)),
                    *((k, 1) for k in range(2, MAX_FAN + 1)),
                ):
                    if di > i or dj > j:
                        continue
                    prev = best[i - di][j - dj]
                    if prev == neg:
                        continue
                    g, sim = _score(a[i - di : i], b[j - dj : j])
                    if g > 0 and prev + g > here:
                        here, choice = prev + g, (di, dj, sim)
            row[j] = here
            move[i][j] = choice
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        step = move[i][j]
        assert step is not None
        di, dj, sim = step
        beads.append(
            Bead(
                tuple(p.pos for p in a[i - di : i]),
                tuple(q.pos for q in b[j - dj : j]),
                sim,
            )
        )
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _bigrams(p: ParaKey) -> set[str]:
    c = p.codes
    return {c[k : k + 2] for k in range(len(c) - 1)}


def candidate_pairs(
    a: Sequence[ParaKey], b: Sequence[ParaKey], min_shared: int = 3, max_postings: int = 16
) -> list[tuple[int, int, float]]:
    """(position in a, position in b, similarity) of likely twins, via rare word pairs.

    Near-linear: a word pair shared by more than ``max_postings`` paragraphs
    of ``b`` is too common to say anything and is not looked up.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for y, q in enumerate(b):
        for g in _bigrams(q):
            postings[g].append(y)
    out: list[tuple[int, int, float]] = []
    for x, p in enumerate(a):
        hits: dict[int, int] = defaultdict(int)
        for g in _bigrams(p):
            ys = postings.get(g)
            if ys is not None and len(ys) <= max_postings:
                for y in ys:
                    hits[y] += 1
        if not hits:
            continue
        top = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        for y, shared in top:
            if shared < min_shared:
                break
            pay, sim = _score([p], [b[y]])
            if pay > 0:
                out.append((x, y, sim))
    return out


def _sub_anchored(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Bead]:
    cands = [(x, y) for x, y, sim in candidate_pairs(a, b) if sim >= SUB_ANCHOR_SIM]
    chain = longest_increasing_chain(sorted(cands))
    if not chain:
        # Nothing in common worth a quadratic search: the two runs are unrelated.
        return align_gap(a, []) + align_gap([], b)
    beads: list[Bead] = []
    px, py = 0, 0
    for x, y in chain:
        beads += align_gap(a[px:x], b[py:y])
        beads.append(Bead((a[x].pos,), (b[y].pos,), similarity(a[x].codes, b[y].codes)))
        px, py = x + 1, y + 1
    beads += align_gap(a[px:], b[py:])
    return beads
