"""align: paragraphs of A and B -> blocks (kind, paragraphs, similarity).

    anchors   unique paragraph keys, chained in order (patience diff)
    beads     order-preserving programme between anchors: 1:1, splits, merges
    moves     unpaired paragraphs that reappear elsewhere
    keys      word keys encoded as code points; the similarity measure

Cost stays near-linear for long texts: the quadratic programme only runs
inside the gaps between anchors, and gaps too large for it are cut again by
sub-anchors found through an inverted index, never by an all-pairs pass.

Blocks come out in reading order of B; a block with no B side is placed where
it falls in A. Paired 1:1 blocks come out as ``changed``; whether they are
``equal`` is for the word diff to say.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..model import BlockKind
from .anchors import longest_increasing_chain, unique_pairs
from .beads import Bead, align_gap
from .keys import Codebook, ParaKey, similarity
from .moves import find_moves

__all__ = ["Aligned", "Codebook", "ParaKey", "align"]

# Unique paragraphs shorter than this are not trusted as anchors.
ANCHOR_MIN_WORDS = 3


class Aligned(NamedTuple):
    kind: BlockKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float


def align(a: Sequence[ParaKey], b: Sequence[ParaKey]) -> list[Aligned]:
    """Align two paragraph sequences; every paragraph lands in exactly one block."""
    chain = longest_increasing_chain(unique_pairs(a, b, ANCHOR_MIN_WORDS))
    beads: list[Bead] = []
    pi, pj = 0, 0
    for i, j in chain:
        beads += align_gap(a[pi:i], b[pj:j])
        beads.append(Bead((i,), (j,), 1.0))
        pi, pj = i + 1, j + 1
    beads += align_gap(a[pi:], b[pj:])

    deleted = [a[bd.a[0]] for bd in beads if not bd.b]
    inserted = [b[bd.b[0]] for bd in beads if not bd.a]
    moves = find_moves(deleted, inserted)
    moved_a = {i: (j, s) for i, j, s in moves}
    moved_b = {j: (i, s) for i, j, s in moves}

    out: list[Aligned] = []
    for bd in beads:
        if not bd.b and bd.a[0] in moved_a:
            continue  # shown where it stands in B
        if not bd.a and bd.b[0] in moved_b:
            i, s = moved_b[bd.b[0]]
            out.append(Aligned(BlockKind.MOVED, (i,), bd.b, round(s, 4)))
            continue
        out.append(_block(bd, a, b))
    return _group(out, a, b)


def _block(bd: Bead, a: Sequence[ParaKey], b: Sequence[ParaKey]) -> Aligned:
    if not bd.b:
        return Aligned(BlockKind.DELETED, bd.a, (), 0.0)
    if not bd.a:
        return Aligned(BlockKind.INSERTED, (), bd.b, 0.0)
    if len(bd.a) == 1 and len(bd.b) == 1:
        sim = similarity(a[bd.a[0]].codes, b[bd.b[0]].codes)
        return Aligned(BlockKind.CHANGED, bd.a, bd.b, round(sim, 4))
    kind = BlockKind.SPLIT if len(bd.a) == 1 else BlockKind.MERGED
    return Aligned(kind, bd.a, bd.b, round(bd.similarity, 4))


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
                )
                continue
        out.append(blk)
    return out
