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
from collections.abc import Iterator, Sequence
from itertools import pairwise
from operator import add
from typing import NamedTuple

from .._chain import longest_increasing_chain
from ..model import Role
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
# What each extra paragraph in a split or merge costs, in words: a short
# paragraph ("He continued to say:") joins a neighbour's bead only when it
# clearly belongs to it, not because it shares a "he".
FAN_PENALTY = 1.5


class Bead(NamedTuple):
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float


def gain(la: int, lb: int, sim: float) -> float:
    """What pairing two paragraphs of la and lb words at this similarity earns."""
    lcs = sim * (la + lb) / 2
    return lcs - LAMBDA * (la + lb - 2 * lcs)


def _score(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> tuple[float, float]:
    roles = {p.role for p in a} | {q.role for q in b}
    return _score_codes(joined(a), joined(b), len(a) + len(b) - 2, len(roles) == 1)


def _score_codes(ca: str, cb: str, extra: int, one_role: bool) -> tuple[float, float]:
    """(gain, similarity) of a bead joining ``extra`` + 2 paragraphs, given their codes."""
    la, lb = len(ca), len(cb)
    if la == 0 or lb == 0:
        return 0.0, 0.0
    # Upper bound of the similarity from the lengths alone: skip hopeless pairs.
    if 2 * min(la, lb) / (la + lb) < 0.4:
        return 0.0, 0.0
    sim = similarity(ca, cb, cutoff=0.35)
    # A split or merge joins paragraphs of one role only; a 1:1 pair of
    # different roles must be nearly identical (a title set as a Markdown
    # heading in one copy and as plain text in the other).
    if sim <= 0 or not (one_role or (extra == 0 and sim >= 0.8)):
        return 0.0, 0.0
    return gain(la, lb, sim) - FAN_PENALTY * extra, sim


def align_gap(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Bead]:
    """Beads covering every paragraph of ``a`` and ``b`` exactly once, in order."""
    if not a or not b:
        return [Bead((p.pos,), (), 0.0) for p in a] + [Bead((), (q.pos,), 0.0) for q in b]
    if len(a) * len(b) > MAX_CELLS:
        return _sub_anchored(a, b)
    return _programme(a, b)


# The beads the programme tries at each cell: (paragraphs of a, paragraphs of b).
_FANS = ((1, 1), *((1, k) for k in range(2, MAX_FAN + 1)), *((k, 1) for k in range(2, MAX_FAN + 1)))


def _runs(seq: Sequence[ParaKey]) -> list[list[tuple[str, Role | None]]]:
    """For each end i and length d <= MAX_FAN: the joined codes of seq[i-d:i] and
    their role if they share one (None if not), so each cell reads them, not builds them."""
    out: list[list[tuple[str, Role | None]]] = [[]]
    for i in range(1, len(seq) + 1):
        row: list[tuple[str, Role | None]] = [("", None)]
        codes = ""
        role: Role | None = seq[i - 1].role
        for d in range(1, min(MAX_FAN, i) + 1):
            p = seq[i - d]
            codes = p.codes + codes
            role = role if p.role is role else None
            row.append((codes, role))
        out.append(row)
    return out


def _programme(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Bead]:
    n, m = len(a), len(b)
    neg = float("-inf")
    runs_a, runs_b = _runs(a), _runs(b)
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
                for di, dj in _FANS:
                    if di > i or dj > j:
                        continue
                    prev = best[i - di][j - dj]
                    if prev == neg:
                        continue
                    ca, role_a = runs_a[i][di]
                    cb, role_b = runs_b[j][dj]
                    la, lb = len(ca), len(cb)
                    if not (la and lb) or 2 * min(la, lb) / (la + lb) < 0.4:
                        continue  # what _score_codes tests first, without the call
                    one_role = role_a is not None and role_a is role_b
                    g, sim = _score_codes(ca, cb, di + dj - 2, one_role)
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


# Up to this many word pairs wanted, candidate_pairs looks each up in a paragraph's codes.
FEW_PAIRS = 64


def _bigrams(p: ParaKey) -> set[str]:
    c = p.codes
    return set(map(add, c, c[1:]))  # c[k] + c[k + 1] for each k, looped in C


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


# Largest product of word counts widen() will measure in one similarity call.
WIDEN_MAX_CELLS = 400_000_000


def _sim_of(xa: Sequence[ParaKey], xb: Sequence[ParaKey]) -> float:
    ca, cb = joined(xa), joined(xb)
    if not ca or not cb or len(ca) * len(cb) > WIDEN_MAX_CELLS:
        return 0.0
    return similarity(ca, cb)


def widen(beads: list[Bead], a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Bead]:
    """Let splits and merges take in more than ``MAX_FAN`` paragraphs.

    The programme joins at most three paragraphs into one bead; a text run
    together into one paragraph (four paragraphs merged, or a whole speech
    on one line) is found here instead: a bead with one paragraph on a side
    takes in the neighbouring unpaired paragraphs of the other side while
    that raises its similarity, and a run of unpaired paragraphs facing a
    single unpaired paragraph pairs with it when they share enough.
    """
    out = list(beads)
    k = 0
    while k < len(out):
        bd = out[k]
        if bd.a and bd.b and (len(bd.a) == 1 or len(bd.b) == 1):
            out, k = _absorb(out, k, a, b)
        k += 1
    return _pair_runs(out, a, b)


def _absorb(
    out: list[Bead], k: int, a: Sequence[ParaKey], b: Sequence[ParaKey]
) -> tuple[list[Bead], int]:
    bd = out[k]
    # The side with one paragraph stays; the other side grows.
    # Grow the side facing a single paragraph first (both sides, for a 1:1 bead).
    order = (("a", a), ("b", b)) if len(bd.b) == 1 else (("b", b), ("a", a))
    for grow, side in order:
        fixed = bd.b if grow == "a" else bd.a
        if len(fixed) != 1:
            continue
        sim = bd.similarity
        while True:
            cur = bd.a if grow == "a" else bd.b
            best = None
            for j in (k - 1, k + 1):
                if not 0 <= j < len(out):
                    continue
                nb = out[j]
                other = nb.b if grow == "a" else nb.a
                mine = nb.a if grow == "a" else nb.b
                if other or len(mine) != 1 or mine[0] not in (cur[0] - 1, cur[-1] + 1):
                    continue
                if side[mine[0]].role is not side[cur[0]].role:
                    continue
                idx = tuple(sorted((*cur, mine[0])))
                xa = [a[i] for i in idx] if grow == "a" else [a[i] for i in bd.a]
                xb = [b[i] for i in bd.b] if grow == "a" else [b[i] for i in idx]
                s = _sim_of(xa, xb)
                if s > sim and (best is None or s > best[0]):
                    best = (s, j, idx)
            if best is None:
                break
            sim, j, idx = best
            bd = Bead(idx, bd.b, sim) if grow == "a" else Bead(bd.a, idx, sim)
            del out[j]
            if j < k:
                k -= 1
            out[k] = bd
    return out, k


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


def _pair_runs(out: list[Bead], a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Bead]:
    result: list[Bead] = []
    done = 0
    for k, end in unpaired_runs(out):
        result.extend(out[done:k])
        done = end
        run = out[k:end]
        ia = [x.a[0] for x in run if x.a]
        ib = [x.b[0] for x in run if x.b]
        paired = None
        if ia and ib and min(len(ia), len(ib)) == 1 and max(len(ia), len(ib)) > 1:
            # Headings or furniture at the ends of the longer run stay unpaired.
            role = (a[ia[0]] if len(ia) == 1 else b[ib[0]]).role
            if len(ia) > 1:
                ia = _trim(ia, a, role)
            else:
                ib = _trim(ib, b, role)
            consecutive = all(y == x + 1 for x, y in pairwise(ia)) and all(
                y == x + 1 for x, y in pairwise(ib)
            )
            xa, xb = [a[i] for i in ia], [b[j] for j in ib]
            if consecutive and len(ia) + len(ib) > 2:
                s = _sim_of(xa, xb)
                if s and gain(sum(p.nwords for p in xa), sum(q.nwords for q in xb), s) > 0:
                    paired = Bead(tuple(ia), tuple(ib), s)
        if paired is None:
            result.extend(run)
        else:
            # Keep reading order: what the pair left out stays where it stood.
            left = [x for x in run if not (set(x.a) & set(paired.a) or set(x.b) & set(paired.b))]
            before = [
                x for x in left if (x.a and x.a[0] < paired.a[0]) or (x.b and x.b[0] < paired.b[0])
            ]
            result.extend([*before, paired, *left[len(before) :]])
    result.extend(out[done:])
    return result


def _trim(idx: list[int], side: Sequence[ParaKey], role: Role) -> list[int]:
    lo, hi = 0, len(idx)
    while lo < hi and side[idx[lo]].role is not role:
        lo += 1
    while hi > lo and side[idx[hi - 1]].role is not role:
        hi -= 1
    return idx[lo:hi]
