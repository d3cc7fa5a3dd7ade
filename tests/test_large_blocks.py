"""A block too long to tokenize at once (a book run onto one line against its paragraphs)
is diffed a chunk at a time (worddiff._cuts): the segments are those of the whole diff."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textdiff.worddiff as worddiff
from textdiff import Op, compare_texts

from .conftest import BULLETIN, CLOSING


def _segments(a: str, b: str) -> list[tuple[object, ...]]:
    c = compare_texts(a, b)
    return [(s.op, s.a0, s.a1, s.b0, s.b1, s.category) for bl in c.blocks for s in bl.segments]


def _edited(text: str, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    for _ in range(len(words) // 50):
        k = rng.randrange(len(words))
        words[k] = rng.choice(["CHANGED", "", words[k].upper(), words[k] + ","])
    return " ".join(words)


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_chunked_diff_is_the_whole_diff(monkeypatch: pytest.MonkeyPatch, seed: int | None) -> None:
    paras = (CLOSING.read_text(encoding="utf-8") + BULLETIN.read_text(encoding="utf-8")).split(
        "\n\n"
    )
    one_line = " ".join(" ".join(p.split()) for p in paras if p.strip())
    broken = "\n\n".join(" ".join(p.split()) for p in paras if p.strip())
    b = broken if seed is None else _edited(broken, seed)
    monkeypatch.setattr(worddiff, "CHUNK_CHARS", 1 << 40)
    whole = _segments(one_line, b)
    monkeypatch.setattr(worddiff, "CHUNK_CHARS", 2048)
    assert len(worddiff._cuts(one_line, 0, len(one_line), b, 0, len(b))) > 10
    assert _segments(one_line, b) == whole


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The Party.", "The Party!", "We shall overcome.", "Kim Jong Un",
                         "said", "the", "people", "\n\n", "10 000"]),
        min_size=50, max_size=400,
    ),
    st.integers(0, 2**16),
)  # fmt: skip
def test_chunked_diff_of_repetitive_text_tiles_both_sides(words: list[str], seed: int) -> None:
    """Repeated passages: a cut never pairs one with another like it; whatever the
    cuts, the segments tile both texts and equal segments hold equal text."""
    a = " ".join(words)
    b = _edited(a, seed)
    saved = worddiff.CHUNK_CHARS
    worddiff.CHUNK_CHARS = 64
    try:
        c = compare_texts(a, b)
    finally:
        worddiff.CHUNK_CHARS = saved
    for bl in c.blocks:
        for s in bl.segments:
            if s.op is Op.EQUAL:
                assert a[s.a0 : s.a1] == b[s.b0 : s.b1]
    if a == b:
        assert all(s.op is Op.EQUAL for bl in c.blocks for s in bl.segments)
