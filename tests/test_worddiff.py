"""worddiff: segments tile both sides; equal means equal; edits read as words."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from textdiff import Op
from textdiff.worddiff import diff_span


def show(a: str, b: str) -> list[tuple[str, str, str]]:
    return [
        (s.op.value, a[s.a0 : s.a1], b[s.b0 : s.b1]) for s in diff_span(a, 0, len(a), b, 0, len(b))
    ]


def test_quote_and_spelling_edits_are_separate_tokens() -> None:
    assert show("a “servant” party", 'a "servant" party') == [
        ("equal", "a ", "a "),
        ("replace", "“", '"'),
        ("equal", "servant", "servant"),
        ("replace", "”", '"'),
        ("equal", " party", " party"),
    ]


def test_dash_against_spaced_hyphen_is_one_edit() -> None:
    assert show("without fail–this is", "without fail - this is") == [
        ("equal", "without fail", "without fail"),
        ("replace", "–", " - "),
        ("equal", "this is", "this is"),
    ]


def test_changed_word_and_insertion() -> None:
    assert show("the old party", "the new big party") == [
        ("equal", "the ", "the "),
        ("replace", "old", "new big"),
        ("equal", " party", " party"),
    ]


def test_one_side_empty() -> None:
    assert show("", "added") == [("insert", "", "added")]
    assert show("gone", "") == [("delete", "gone", "")]
    assert show("", "") == []


def test_offsets_are_into_the_whole_text() -> None:
    a = "PREFIX the Party’s line SUFFIX"
    b = "xx the Party's line yy"
    segs = diff_span(a, 7, 23, b, 3, 19)
    assert segs[0].a0 == 7 and segs[-1].a1 == 23 and segs[0].b0 == 3 and segs[-1].b1 == 19


words = st.sampled_from(["a", "b", "Party", "party", "’", "'", "–", " - ", " ", "\n\n", ",", "x"])


@given(st.lists(words, max_size=30).map("".join), st.lists(words, max_size=30).map("".join))
def test_segments_tile_and_equal_is_equal(a: str, b: str) -> None:
    segs = diff_span(a, 0, len(a), b, 0, len(b))
    pa = pb = 0
    for s in segs:
        assert (s.a0, s.b0) == (pa, pb)
        pa, pb = s.a1, s.b1
        if s.op is Op.EQUAL:
            assert a[s.a0 : s.a1] == b[s.b0 : s.b1]
        else:
            assert a[s.a0 : s.a1] != b[s.b0 : s.b1]
    assert (pa, pb) == (len(a), len(b))
    # No two equal segments in a row, no two edits in a row.
    assert all((x.op is Op.EQUAL) != (y.op is Op.EQUAL) for x, y in pairwise(segs))
