"""align: paragraphs of A and B -> blocks (kind, paragraphs, similarity).

    words       the monotone word alignment of the two whole texts (patience diff,
                exact LCS in small gaps, bounded work), and the runs that are evidence
    paragraphs  which paragraphs share their words: earned links, groups, untangling
    moves       unpaired paragraphs that reappear elsewhere
    keys        word keys encoded as code points; the similarity measure

Paragraphs are aligned from their words, never the other way round: the
words of all paragraphs of each text are aligned first, and two paragraphs
correspond when they share enough of them. So the same words broken into
other paragraphs (a text run onto one line, pairs of paragraphs joined, a
hard wrap, a break placed elsewhere) align to the same words, and a merge or
split is made only where the words agree. Cost stays near-linear whatever
the shape of the input (the word alignment bounds its own work).

Blocks come out in reading order of B; a block with no B side is placed where
it falls in A. Paired 1:1 blocks come out as ``changed``; whether they are
``equal`` is for the word diff to say. A group with several paragraphs on
both sides comes out as ``equal`` with ``parts``: the 1:1, split and merged
blocks to use instead if the word diff finds more than whitespace.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from .._chain import longest_increasing_chain
from ..model import BlockKind
from .beads import Bead, unpaired_runs
from .keys import Codebook, ParaKey, joined, similarity
from .moves import Move, find_moves
from .paragraphs import Group, Links, WordIndex, earned, groups, links, untangle
from .words import STRONG_RUN, Run, keep_evidence, match_runs, slide

__all__ = ["Aligned", "Codebook", "ParaKey", "align"]

# Same-slot pairing (see pair_slots): at most this many paragraphs a side, this similar.
SLOT_MAX = 3
SLOT_SIM = 0.25


class Aligned(NamedTuple):
    kind: BlockKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    # For an n:m group: the blocks to show instead if more than whitespace differs.
    parts: tuple[Aligned, ...] = ()
    # For a deleted or inserted block: how many words of each of its paragraphs the
    # other text has in runs of evidence (reuse no paragraph there pairs with: a
    # paraphrase that keeps phrases, sentences spread over other paragraph lines).
    found: tuple[int, ...] = ()


def align(a: Sequence[ParaKey], b: Sequence[ParaKey], *, swap: bool = False) -> list[Aligned]:
    """Align two paragraph sequences; every paragraph lands in exactly one block.

    Where several alignments score the same (repeated paragraphs, ties), the
    one found depends on which side comes first. ``swap=True`` aligns B
    against A and mirrors the result, so a caller that orients by a rule both
    orders agree on (the pipeline: the shorter text first) gets the same
    alignment, mirrored, for compare(a, b) and compare(b, a).
    """
    if swap:
        return order_blocks([_mirror(blk) for blk in _align(b, a)])
    return _align(a, b)


_MIRROR = {
    BlockKind.SPLIT: BlockKind.MERGED,
    BlockKind.MERGED: BlockKind.SPLIT,
    BlockKind.INSERTED: BlockKind.DELETED,
    BlockKind.DELETED: BlockKind.INSERTED,
}


def _mirror(blk: Aligned) -> Aligned:
    parts = tuple(_mirror(p) for p in blk.parts)
    kind = _MIRROR.get(blk.kind, blk.kind)
    return Aligned(kind, blk.b, blk.a, blk.similarity, parts, blk.found)


def order_blocks(blocks: Sequence[Aligned]) -> list[Aligned]:
    """Blocks in reading order of B; a block with no B side where it falls in A.

    >>> k = BlockKind
    >>> [b.a or b.b for b in order_blocks([Aligned(k.CHANGED, (1,), (0,), 1.0),
    ...     Aligned(k.INSERTED, (), (1,), 0.0), Aligned(k.DELETED, (0,), (), 0.0)])]
    [(0,), (1,), (1,)]
    """
    placed = sorted((blk for blk in blocks if blk.b), key=lambda blk: blk.b[0])
    out: list[Aligned] = []
    pending = sorted((blk for blk in blocks if not blk.b), key=lambda blk: blk.a[0])
    for blk in placed:
        if blk.a and blk.kind is not BlockKind.MOVED:
            while pending and pending[0].a[0] < blk.a[0]:
                out.append(pending.pop(0))
        out.append(blk)
    out.extend(pending)
    return out


def _align(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Aligned]:
    ia, ib = WordIndex(a), WordIndex(b)
    runs = slide(match_runs(ia.codes, ib.codes, STRONG_RUN), ia.codes, ib.codes)
    lk = links(runs, keep_evidence(runs, [_strong(r, ia, ib) for r in runs]), ia, ib)
    codes = (ia.codes, ib.codes)
    del runs, ia, ib  # word offsets: lists as long as each side's paragraphs, no longer read
    kept = earned(lk, a, b)
    lk = lk._replace(shared={}, matched={})  # only what each paragraph found is read below
    beads = _beads(groups(kept), range(len(a)), range(len(b)))

    # Moves come before same-slot pairing: a paragraph found (nearly) whole elsewhere
    # is moved, whatever shares a quarter of its words in its old slot or its new one.
    deleted = [a[bd.a[0]] for bd in beads if not bd.b]
    inserted = [b[bd.b[0]] for bd in beads if not bd.a]
    beads, moves = in_place(beads, find_moves(deleted, inserted, codes))
    moved_a = {i: (j, s) for i, j, s in moves}
    moved_b = {j: (i, s) for i, j, s in moves}
    beads = pair_slots(beads, a, b, Moved(frozenset(moved_a), frozenset(moved_b)))

    # The links of each A paragraph, for beads of many paragraphs on both sides only
    # (a dict per paragraph would be most of align's memory).
    by_para: dict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    if any(len(bd.a) > 1 and len(bd.b) > 1 for bd in beads):
        for (p, q), w in kept.items():
            by_para[p][p, q] = w
    del kept
    out: list[Aligned] = []
    for bd in beads:
        if not bd.b and bd.a[0] in moved_a:
            continue  # shown where it stands in B
        if not bd.a and bd.b[0] in moved_b:
            i, s = moved_b[bd.b[0]]
            out.append(Aligned(BlockKind.MOVED, (i,), bd.b, round(s, 4)))
            continue
        if len(bd.a) > 1 and len(bd.b) > 1:
            inside = {k: w for p in bd.a for k, w in by_para[p].items()}
            span_a, span_b = range(bd.a[0], bd.a[-1] + 1), range(bd.b[0], bd.b[-1] + 1)
            parts = tuple(_block(x, a, b) for x in _beads(untangle(inside), span_a, span_b))
            whole = _block(bd, a, b)
            out.append(Aligned(BlockKind.EQUAL, bd.a, bd.b, whole.similarity, parts))
            continue
        out.append(_block(bd, a, b))
    return _group([_found(blk, lk) for blk in out], a, b)


def _found(blk: Aligned, lk: Links) -> Aligned:
    """A one-sided block with the words of its paragraphs the other text has."""
    if blk.kind is BlockKind.DELETED:
        return blk._replace(found=tuple(lk.found_a[p] for p in blk.a))
    if blk.kind is BlockKind.INSERTED:
        return blk._replace(found=tuple(lk.found_b[q] for q in blk.b))
    return blk


def _strong(r: Run, ia: WordIndex, ib: WordIndex) -> bool:
    """Is this run evidence on its own: long, or most of the paragraphs it starts in
    on both sides (two short paragraphs that share most of their words)?"""
    if r.n >= STRONG_RUN:
        return True
    na, nb = ia.keys[ia.para_at(r.i)].nwords, ib.keys[ib.para_at(r.j)].nwords
    return 2 * r.n >= na and 2 * r.n >= nb


def _beads(found: Sequence[Group], a: range, b: range) -> list[Bead]:
    """Groups as beads, every other paragraph of the ranges one-sided, in reading
    order (what A lost before what B gained in its place)."""
    out: list[Bead] = []
    pa, pb = a.start, b.start
    for g in [*found, Group((a.stop,), (b.stop,))]:
        out.extend(Bead((p,), (), 0.0) for p in range(pa, g.a[0]))
        out.extend(Bead((), (q,), 0.0) for q in range(pb, g.b[0]))
        if g.a[0] < a.stop:
            out.append(Bead(g.a, g.b, 1.0))
        pa, pb = g.a[-1] + 1, g.b[-1] + 1
    return out


class Moved(NamedTuple):
    """Paragraphs of each side that a move takes: same-slot pairing leaves them alone."""

    a: frozenset[int] = frozenset()
    b: frozenset[int] = frozenset()


NO_MOVES = Moved()


def in_place(beads: list[Bead], moves: Sequence[Move]) -> tuple[list[Bead], list[Move]]:
    """Pair where they stand the moves whose two paragraphs share a slot; the rest stay moves.

    A paragraph the word alignment left unpaired on both sides (a headline whose
    words were matched to the lead-in under it, a heading set as text in one copy)
    can have its twin in the same gap between two aligned beads: that is no move,
    whatever ``find_moves`` found. Of several such pairs in one gap, those in order
    on both sides (the longest chain) are paired; one that crosses them is moved.

    >>> beads = [Bead((0,), (0,), 1), Bead((1,), (), 0), Bead((2,), (), 0), Bead((), (1,), 0),
    ...          Bead((3,), (2,), 1), Bead((), (3,), 0)]
    >>> paired, rest = in_place(beads, [(2, 1, 1.0), (1, 3, 1.0)])
    >>> [(bd.a, bd.b) for bd in paired], rest
    ([((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((), (3,))], [(1, 3, 1.0)])
    """
    slot_a: dict[int, int] = {}
    slot_b: dict[int, int] = {}
    runs = list(unpaired_runs(beads))
    for r, (k, end) in enumerate(runs):
        for bd in beads[k:end]:
            if bd.a:
                slot_a[bd.a[0]] = r
            else:
                slot_b[bd.b[0]] = r
    same: dict[int, list[Move]] = defaultdict(list)
    for m in moves:
        if slot_a[m[0]] == slot_b[m[1]]:
            same[slot_a[m[0]]].append(m)
    if not same:
        return beads, list(moves)
    paired: set[Move] = set()
    out: list[Bead] = []
    done = 0
    for r, (k, end) in enumerate(runs):
        if r not in same:
            continue
        by_pair = {(i, j): (i, j, sim) for i, j, sim in same[r]}
        chain = [by_pair[ij] for ij in longest_increasing_chain(sorted(by_pair))]
        paired.update(chain)
        out.extend(beads[done:k])
        out.extend(_interleave(beads[k:end], chain))
        done = end
    out.extend(beads[done:])
    return out, [m for m in moves if m not in paired]


def _interleave(run: Sequence[Bead], pairs: Sequence[Move]) -> list[Bead]:
    """The one-sided beads of one gap with ``pairs`` (in order on both sides) paired."""
    taken_a = {i for i, _, _ in pairs}
    taken_b = {j for _, j, _ in pairs}
    dels = [bd for bd in run if bd.a and bd.a[0] not in taken_a]
    ins = [bd for bd in run if bd.b and bd.b[0] not in taken_b]
    out: list[Bead] = []
    for i, j, s in pairs:
        while dels and dels[0].a[0] < i:
            out.append(dels.pop(0))
        while ins and ins[0].b[0] < j:
            out.append(ins.pop(0))
        out.append(Bead((i,), (j,), s))
    return out + dels + ins


def pair_slots(
    beads: list[Bead], a: Sequence[ParaKey], b: Sequence[ParaKey], moved: Moved = NO_MOVES
) -> list[Bead]:
    """Pair paragraphs that fill the same slot between two aligned neighbours.

    A re-translated paragraph can share too few words with its original for
    the programme to pair it on its own (KCNA's "We are evidently making steady
    advance." against "Obviously, we are progressing."). When a gap between
    two aligned beads holds the same number (at most ``SLOT_MAX``) of deleted
    and inserted paragraphs of one role, position is strong evidence: they
    pair one to one if each pair still shares ``SLOT_SIM`` of its words.
    Paragraphs in ``moved`` are found elsewhere: they are not counted, and stay.
    """
    out: list[Bead] = []
    done = 0
    for k, end in unpaired_runs(beads):
        out.extend(beads[done:k])
        done = end
        run = beads[k:end]
        bounded = k > 0 and end < len(beads)
        dels = [a[x.a[0]] for x in run if x.a and x.a[0] not in moved.a]
        ins = [b[x.b[0]] for x in run if x.b and x.b[0] not in moved.b]
        paired = None
        if bounded and 0 < len(dels) == len(ins) <= SLOT_MAX:
            sims = [similarity(p.codes, q.codes) for p, q in zip(dels, ins, strict=True)]
            if all(
                s >= SLOT_SIM and p.role is q.role for s, p, q in zip(sims, dels, ins, strict=True)
            ):
                paired = _interleave(
                    run,
                    [(p.pos, q.pos, s) for s, p, q in zip(sims, dels, ins, strict=True)],
                )
        out.extend(paired if paired is not None else run)
    out.extend(beads[done:])
    return out


def _block(bd: Bead, a: Sequence[ParaKey], b: Sequence[ParaKey]) -> Aligned:
    if not bd.b:
        return Aligned(BlockKind.DELETED, bd.a, (), 0.0)
    if not bd.a:
        return Aligned(BlockKind.INSERTED, (), bd.b, 0.0)
    if len(bd.a) == 1 and len(bd.b) == 1:
        sim = similarity(a[bd.a[0]].codes, b[bd.b[0]].codes)
        return Aligned(BlockKind.CHANGED, bd.a, bd.b, round(sim, 4))
    sim = similarity(joined([a[i] for i in bd.a]), joined([b[j] for j in bd.b]))
    kind = BlockKind.SPLIT if len(bd.a) == 1 else BlockKind.MERGED
    return Aligned(kind, bd.a, bd.b, round(sim, 4))


def _group(blocks: list[Aligned], a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Aligned]:
    """Join runs of consecutive inserted (or deleted) paragraphs of one role."""
    out: list[Aligned] = []
    for blk in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and blk.kind is prev.kind
            and blk.kind in (BlockKind.INSERTED, BlockKind.DELETED)
        ):
            side, seq = ("b", b) if blk.kind is BlockKind.INSERTED else ("a", a)
            last, first = getattr(prev, side)[-1], getattr(blk, side)[0]
            if first == last + 1 and seq[first].role is seq[last].role:
                out[-1] = Aligned(
                    blk.kind,
                    prev.a + blk.a,
                    prev.b + blk.b,
                    0.0,
                    found=prev.found + blk.found,
                )
                continue
        out.append(blk)
    return out
