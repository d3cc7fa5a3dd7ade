"""Beads: in-order units of an alignment, and likely twins among leftover paragraphs.

Bead                  paragraphs of A and of B taken together (either side may be empty)
unpaired_runs(beads)  the runs of one-sided beads (for same-slot pairing)
candidate_pairs(a, b) likely twins through rare shared word pairs (for moves)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from operator import add
from typing import NamedTuple

from .keys import ParaKey, similarity

# Penalty per unshared word: pairing pays when 2*LCS/(la+lb) exceeds
# 2*LAMBDA/(1+2*LAMBDA), i.e. a word similarity of 0.4 at LAMBDA 1/3.
LAMBDA = 1 / 3


class Bead(NamedTuple):
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float


def gain(la: int, lb: int, sim: float) -> float:
    """What pairing two paragraphs of la and lb words at this similarity earns."""
    lcs = sim * (la + lb) / 2
    return lcs - LAMBDA * (la + lb - 2 * lcs)


def _pair_score(p: ParaKey, q: ParaKey) -> tuple[float, float]:
    """(gain, similarity) of pairing two paragraphs: nothing for hopeless pairs, and a
    pair of different roles (a title set as a heading and as text) only when nearly equal."""
    la, lb = p.nwords, q.nwords
    if la == 0 or lb == 0 or 2 * min(la, lb) / (la + lb) < 0.4:
        return 0.0, 0.0
    sim = similarity(p.codes, q.codes, cutoff=0.35)
    if sim <= 0 or (p.role is not q.role and sim < 0.8):
        return 0.0, 0.0
    return gain(la, lb, sim), sim


# Up to this many word pairs wanted, candidate_pairs looks each up in a paragraph's codes.
FEW_PAIRS = 64


def _bigrams(p: ParaKey) -> set[str]:
    c = p.codes
    if len(c) > 2 * BIGRAM_EDGE:
        # A book run onto one line: its first and last words find its twin as well as
        # all of them would (the pair is then scored on every word), at a bounded cost.
        c = c[:BIGRAM_EDGE] + "\x00" + c[-BIGRAM_EDGE:]
    return set(map(add, c, c[1:]))  # c[k] + c[k + 1] for each k, looped in C


# Words at each end of a very long paragraph whose word pairs stand for it.
BIGRAM_EDGE = 20_000


def candidate_pairs(
    a: Sequence[ParaKey], b: Sequence[ParaKey], min_shared: int = 3, max_postings: int = 16
) -> list[tuple[int, int, float]]:
    """(position in a, position in b, similarity) of likely twins, via rare word pairs.

    Near-linear: a word pair shared by more than ``max_postings`` paragraphs
    of ``b`` is too common to say anything and is not looked up.
    """
    if not a or not b:
        return []
    grams_a = [_bigrams(p) for p in a]
    wanted = set().union(*grams_a)  # only these are ever looked up
    postings: dict[str, list[int]] = defaultdict(list)
    for y, q in enumerate(b):
        # A few word pairs wanted (one short paragraph moved): finding each in
        # the codes is much cheaper than listing every pair of q.
        c = q.codes
        found = [g for g in wanted if g in c] if len(wanted) <= FEW_PAIRS else _bigrams(q) & wanted
        for g in found:
            postings[g].append(y)
    out: list[tuple[int, int, float]] = []
    for x, p in enumerate(a):
        hits: dict[int, int] = defaultdict(int)
        for g in grams_a[x]:
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
            pay, sim = _pair_score(p, b[y])
            if pay > 0:
                out.append((x, y, sim))
    return out


def unpaired_runs(beads: Sequence[Bead]) -> Iterator[tuple[int, int]]:
    """(start, end) of each maximal run of one-sided beads (deleted or inserted).

    >>> list(unpaired_runs([Bead((0,), (), 0), Bead((1,), (0,), 1), Bead((), (1,), 0)]))
    [(0, 1), (2, 3)]
    """
    k = 0
    while k < len(beads):
        if beads[k].a and beads[k].b:
            k += 1
            continue
        end = k
        while end < len(beads) and not (beads[end].a and beads[end].b):
            end += 1
        yield k, end
        k = end
