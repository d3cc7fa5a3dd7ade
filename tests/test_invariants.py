"""Invariants over inputs made to be hard: repetition, same-shaped paragraphs, long runs.

- compare(a, a) is identical, every block equal, every segment equal;
- compare(b, a) is the exact mirror of compare(a, b): the same blocks with the sides
  swapped (kinds mirrored, segments and the place of one-sided blocks included), the same
  verdict, similarity, region and counts, only listed in the other text's reading order;
- every segment tiles both texts (checked by the contract test elsewhere; here by the
  mirror, which compares every offset).

The generators build texts the fuzzers of issues 14 and 16 broke: a paragraph repeated
with small variations ("The Party." many times), paragraphs of one shape, and runs of
spaces or marks. Time per input size is measured in benchmarks/shapes.py, not here.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textdiff
from textdiff import Block, BlockKind, Comparison, Op, Segment, Verdict

from .test_pipeline import text_pairs

_MIRROR_KIND = {
    BlockKind.INSERTED: BlockKind.DELETED,
    BlockKind.DELETED: BlockKind.INSERTED,
    BlockKind.SPLIT: BlockKind.MERGED,
    BlockKind.MERGED: BlockKind.SPLIT,
}
_MIRROR_OP = {Op.INSERT: Op.DELETE, Op.DELETE: Op.INSERT}

BASES = [
    "The Party.",
    "Long live the Party!",
    "The committee met on Monday.",
    "Comrade secretaries of primary Party committees,",
    "He said that the work of the year was done well.",
]
VARIANTS = ["The party.", "The Party!", "The Party .", "The Parties.", "the Party", "Party."]


@st.composite
def repetitive(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 40))
    base = draw(st.sampled_from(BASES))
    paras = []
    for _ in range(n):
        if draw(st.integers(0, 4)) == 0:
            paras.append(draw(st.sampled_from(VARIANTS + BASES)))
        else:
            paras.append(base)
    if draw(st.booleans()):
        run = draw(st.sampled_from([" ", ".", ". ", "- ", "…"])) * draw(st.integers(1, 300))
        k = draw(st.integers(0, len(paras) - 1))
        paras[k] = paras[k].replace(" ", run, 1)
    sep = draw(st.sampled_from(["\n\n", "\n", "\n\n\n"]))
    return sep.join(paras) + "\n"


@st.composite
def repetitive_pairs(draw: st.DrawFn) -> tuple[str, str]:
    a = draw(repetitive())
    paras = a.split("\n")
    for _ in range(draw(st.integers(0, 5))):
        k = draw(st.integers(0, len(paras) - 1))
        action = draw(st.sampled_from(["edit", "drop", "dup", "swap"]))
        if action == "edit":
            paras[k] = draw(st.sampled_from(VARIANTS + BASES))
        elif action == "drop" and len(paras) > 1:
            del paras[k]
        elif action == "dup":
            paras.insert(k, paras[k])
        else:
            j = draw(st.integers(0, len(paras) - 1))
            paras[k], paras[j] = paras[j], paras[k]
    return a, "\n".join(paras)


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(repetitive())
def test_compare_with_itself_is_all_equal(a: str) -> None:
    c = textdiff.compare_texts(a, a)
    assert c.summary.verdict is Verdict.IDENTICAL
    assert all(blk.kind is BlockKind.EQUAL for blk in c.blocks)
    assert all(s.op is Op.EQUAL for blk in c.blocks for s in blk.segments)
    assert c.coverage == (1.0, 1.0) or not a.strip()


def _segment(s: Segment) -> Segment:
    return Segment(_MIRROR_OP.get(s.op, s.op), s.b0, s.b1, s.a0, s.a1, s.category, s.rule)


def _mirrored(blk: Block) -> Block:
    return blk._replace(
        kind=_MIRROR_KIND.get(blk.kind, blk.kind),
        a=blk.b,
        b=blk.a,
        segments=tuple(_segment(s) for s in blk.segments),
    )


def _canonical(c: Comparison) -> list[Block]:
    return sorted(c.blocks, key=lambda b: (b.a, b.b))


def assert_mirror(a: str, b: str) -> None:
    ab, ba = textdiff.compare_texts(a, b), textdiff.compare_texts(b, a)
    assert _canonical(ba) == sorted(map(_mirrored, ab.blocks), key=lambda b: (b.a, b.b))
    assert ba.summary.verdict is ab.summary.verdict
    assert ba.similarity == ab.similarity
    assert ba.coverage == (ab.coverage[1], ab.coverage[0])
    assert ba.region == (None if ab.region is None else (ab.region[1], ab.region[0]))


@SETTINGS
@given(repetitive_pairs())
def test_swapping_the_inputs_mirrors_exactly(pair: tuple[str, str]) -> None:
    assert_mirror(*pair)


def test_the_mirror_the_fuzzer_found() -> None:
    # F17's minimal case: a one-sided block placed at offset 34 one way and 109 the other.
    a = (
        "and County Party Committees Held**\n**General Secretary of WPK Kim Jong Un Makes "
        "Important\nConcluding Speech**\n"
    )
    b = (
        "Secretary of WPK KIM JONG UN MAKES IMPortant\nConcluding Speech**\n\n\n"
        "and County Party Committees Held**\n**General"
    )
    assert_mirror(a, b)


@SETTINGS
@given(text_pairs())
def test_mirror_on_edited_texts(pair: tuple[str, str]) -> None:
    assert_mirror(*pair)
