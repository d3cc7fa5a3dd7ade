"""stages: the pipeline's own stages, run once per witness and once per pair.

``textdiff.pipeline.compare_documents`` runs segment -> keys -> align -> word
diff -> classify for one pair. A collation of N witnesses needs the first two
once per witness, the alignment once per pair, and the word diff only where
it is asked for, so this module calls those stages one by one, exactly as
compare_documents does, and nothing else here decides anything:

    Prepared                  a witness after segmentation and keys
    prepare(docs)             every witness, one shared codebook and token cache
    oriented(a, b)            compare's rule for which way round a pair is aligned
    align_pair(a, b)          the paragraph alignment compare(a, b) makes
    diff_cells(...)           the word diff and categories of two spans, as in a block
    comparison(a, b, ...)     the Comparison compare(a, b) returns, from an alignment

If ``compare_documents`` changes, this module follows it; the test that
projects every pair of a collation and checks it against ``compare`` says
when it has not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from .. import classify, pipeline, worddiff
from ..align import Aligned, Codebook, ParaKey, align, order_blocks
from ..classify import nonspace
from ..model import Block, BlockKind, Comparison, Document, Op, Paragraph, Role, Segment
from ..options import Options

Furniture = tuple[tuple[int, int], ...]


class Prepared(NamedTuple):
    """A witness as compare's own ``pipeline.prepare`` leaves it, and what collate counts once."""

    base: pipeline.Prepared
    words: list[int]  # words of each paragraph
    nonspace: int  # non-space characters of the whole text
    para_nonspace: list[int]  # ... of each paragraph

    @property
    def document(self) -> Document:
        return self.base.doc

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.base.paragraphs

    @property
    def furniture(self) -> Furniture:
        return self.base.furniture

    @property
    def keys(self) -> list[ParaKey]:
        return self.base.keys


class Shared(NamedTuple):
    """What every pair of one collation shares: the word codes and token keys."""

    coder: pipeline._WordCoder

    @property
    def tokens(self) -> dict[str, str]:
        return self.coder.keys


def prepare(docs: Sequence[Document]) -> tuple[list[Prepared], Shared]:
    """Segment and key every document with one codebook (codes are only compared for equality,
    so alignments come out as they do with the codebook of a single pair)."""
    coder = pipeline._WordCoder(Codebook())
    out = []
    for doc in docs:
        base = pipeline.prepare(doc, coder)
        text = doc.text
        out.append(
            Prepared(
                base,
                [k.nwords for k in base.keys],
                nonspace(text),
                [nonspace(text[p.start : p.end]) for p in base.paragraphs],
            )
        )
    return out, Shared(coder)


def oriented(a: Document, b: Document) -> bool:
    """compare's ``swap``: True when B is aligned against A and mirrored (same rule both ways)."""
    return pipeline.orientation(a, b)


def align_pair(a: Prepared, b: Prepared) -> list[Aligned]:
    """The blocks (paragraph alignment) of compare(a, b), in compare's order."""
    return align(a.keys, b.keys, swap=oriented(a.document, b.document))


class PairAlignment(NamedTuple):
    """One pair's alignment, made once, in whichever order it is asked for.

    ``align(a, b, swap=True)`` is ``order_blocks`` of the mirror of
    ``align(b, a)``, so the unswapped alignment is computed once and the
    other order derived from it exactly as ``align`` derives it.
    """

    first: int  # the witness on side a of ``blocks``
    blocks: list[Aligned]

    @classmethod
    def of(cls, i: int, a: Prepared, j: int, b: Prepared) -> PairAlignment:
        if oriented(a.document, b.document):
            return cls(j, align(b.keys, a.keys))
        return cls(i, align(a.keys, b.keys))

    def oriented_as(self, a: int, pa: Prepared, pb: Prepared) -> list[Aligned]:
        """The blocks with witness ``a`` (prepared ``pa``) on side a."""
        if a == self.first:
            return self.blocks
        if not oriented(pa.document, pb.document):
            return align(pa.keys, pb.keys)  # the same text both ways: nothing to derive
        return order_blocks([mirror(blk) for blk in self.blocks])


_MIRROR = {
    BlockKind.SPLIT: BlockKind.MERGED,
    BlockKind.MERGED: BlockKind.SPLIT,
    BlockKind.INSERTED: BlockKind.DELETED,
    BlockKind.DELETED: BlockKind.INSERTED,
}


def mirror(blk: Aligned) -> Aligned:
    """The block seen from the other side, its parts too (as ``align`` mirrors it)."""
    parts = tuple(mirror(p) for p in blk.parts)
    kind = _MIRROR.get(blk.kind, blk.kind)
    return Aligned(kind, blk.b, blk.a, blk.similarity, parts, blk.found)


def diff_cells(
    a: Prepared,
    span_a: tuple[int, int],
    b: Prepared,
    span_b: tuple[int, int],
    shared: Shared,
    boilerplate: bool,
) -> tuple[Segment, ...]:
    """Categorized segments tiling two spans, as compare's word diff makes them for a block."""
    raw = worddiff.diff_span(
        a.document.text, *span_a, b.document.text, *span_b, shared.tokens,
        oriented(a.document, b.document),
    )  # fmt: skip
    return classify.categorize(
        raw, a.document.text, b.document.text, boilerplate, (a.base.masked, b.base.masked)
    )


def comparison(
    a: Prepared,
    b: Prepared,
    aligned: Sequence[Aligned],
    shared: Shared,
    options: Options,
    known: Callable[[Aligned], Block | None] | None = None,
) -> Comparison:
    """What compare_documents(a, b, options) returns, given its paragraph alignment
    (``pipeline.compare_aligned``); ``known`` may supply a block whose word diff a row
    already made (the same two spans), which must be what the differ would make."""
    return pipeline.compare_aligned(a.base, b.base, list(aligned), options, shared.tokens, known)


def block_from(al: Aligned, segments: tuple[Segment, ...]) -> Block:
    """A block from an alignment and its categorized segments, as the differ finishes one."""
    kind = classify.refine_kind(al.kind, segments)
    similarity = al.similarity
    if kind is BlockKind.EQUAL or (segments and all(s.op is Op.EQUAL for s in segments)):
        similarity = 1.0
    return Block(kind, al.a, al.b, similarity, segments)


def all_boilerplate(roles: Sequence[Role]) -> bool:
    return all(r is Role.BOILERPLATE for r in roles)
