"""Long runs of whitespace and marks: folded in linear time, as the old patterns folded them.

The fold levels once used ``\\s*([^\\w\\s])\\s*``, which backtracks over a long run of spaces
from every start position (64,000 spaces: 51 s). The properties below hold the new folds to
the old definitions (an oracle written here from them) on short strings, and the megabyte
runs would take hours with a quadratic pattern; their speed is measured in
``benchmarks/shapes.py``, not asserted here.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textdiff
from textdiff import Category
from textdiff.normalize import _fold_punct, _keeps, _ws, classify_text, word_keys

from .conftest import ROOT

_OLD_AROUND_MARK = re.compile(r"\s*([^\w\s])\s*")
_ZERO_WIDTH = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""))


def _old_ws(s: str) -> str:
    from textdiff.normalize import _CAMEL_RE, _WRAP_HYPHEN_RE

    s = s.translate(_ZERO_WIDTH)
    if "-" in s or "\u2010" in s:  # U+2010: Chromium's line-end hyphen (formats.pdf)
        s = _WRAP_HYPHEN_RE.sub("", s)
    s = _CAMEL_RE.sub(" ", s)
    s = _OLD_AROUND_MARK.sub(r"\1", s)
    return " ".join(s.split())


def _old_fold_punct_tail(t: str) -> str:
    return _old_ws("".join(ch if _keeps(t, i) else " " for i, ch in enumerate(t)))


_pieces = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        "\t",
        "\u00a0",
        ".",
        ",",
        "-",
        "—",
        "…",
        "'",
        "’",
        "%",
        "a",
        "B",
        "5",
        "word",
        "Kim",
        "10",
        "x-y",
        "(",
        ")",
        "\u200b",
        "é",
        "中",
    ]
)
_texts = st.lists(_pieces, max_size=40).map("".join)


@given(_texts)
@settings(max_examples=400)
def test_ws_folds_as_the_old_pattern_did(s: str) -> None:
    assert _ws(s) == _old_ws(s)


@given(_texts)
@settings(max_examples=400)
def test_punctuation_fold_as_the_old_loop_did(s: str) -> None:
    from textdiff.normalize import _punct_base

    assert _fold_punct(s) == _old_fold_punct_tail(_punct_base(s))


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["P", "S", "Z", "L", "N"]), max_size=30
    )
)
@settings(max_examples=300)
def test_punctuation_fold_on_any_marks(s: str) -> None:
    from textdiff.normalize import _punct_base

    t = unicodedata.normalize("NFC", s)
    assert _fold_punct(t) == _old_fold_punct_tail(_punct_base(t))


@pytest.mark.parametrize("unit", [" ", ".", ". ", "… ", "- ", ", ", "— ", ". . .\n", "-", "—"])
def test_a_megabyte_run_is_classified(unit: str) -> None:
    run = unit * (1_000_000 // len(unit))
    a = "The committee met today and decided the matter.\n"
    b = "The committee met today and" + run + "decided the matter.\n"
    c = textdiff.compare_texts(a, b)
    assert c.summary.verdict.value == "equivalent"
    want = Category.WHITESPACE if not unit.strip() else Category.PUNCTUATION
    assert set(c.summary.edits) == {want}


def test_marks_between_words_still_separate_them() -> None:
    assert classify_text("a,b", "a, b") is Category.WHITESPACE
    assert classify_text("a . . . b", "a...b") is Category.WHITESPACE
    assert classify_text("and" + "." * 5000 + "decided", "and decided") is Category.PUNCTUATION


_PIECES = st.sampled_from(
    ["the", "Party", "party", "any", "thing", "anything", "U.N.", "UN", "(2)", "IV.", "2",
     "10,000", "10 000", "Author:", "By", "James", "MADISON", "Madison", "**", "<b>", "</b>",
     "fulfil", "fulfill", "your’s", "yours", "-", "—", ".", ",", "\n", " ", "  ", "a", "part",
     "apart", "red", "tape", "redtape", "ﬁne", "fine", "=", "---"]
)  # fmt: skip
_PHRASES = st.lists(_PIECES, max_size=8).map(" ".join)


@given(_PHRASES, _PHRASES)
@settings(max_examples=600)
def test_the_shortcut_never_calls_substantive_what_a_rule_explains(a: str, b: str) -> None:
    # explain() calls an edit substantive without folding when _other_words says so; the
    # rules themselves, run in full, must agree.
    from textdiff.normalize import RULES, _other_words

    if a and b and _other_words(a, b):
        assert not any(rule.holds(a, b) for rule in RULES), (a, b)


def test_the_list_of_spaces_is_every_space() -> None:
    """classify.nonspace counts whitespace from a fixed list: it must be str.isspace's."""
    from textdiff.classify import SPACES, nonspace

    assert "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) == SPACES
    big = ("word\u3000and\u00a0more \u2028 ünïcode\t" * 500) + "x"
    assert nonspace(big) == len("".join(big.split()))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["word", "Party,", "10", "000", "1 000 000", "---", "***", "U.N.", "“We", "x---y",
             "grass-roots", "\n\n", "  ", "(1)", "Ünïcode", "—", "2.5"]
        ),
        max_size=200,
    )
)  # fmt: skip
def test_a_paragraph_keyed_in_slices_gets_the_keys_of_the_whole(words: list[str]) -> None:
    """A book run onto one line is keyed a slice at a time (pipeline._slices); the codes
    are those of word_keys over the whole paragraph, numbers grouped with spaces and
    rules included."""
    import textdiff.pipeline as pipeline
    from textdiff.align.keys import Codebook

    text = " ".join(words)
    ref = Codebook().encode(word_keys(text))
    saved = pipeline.SLICE_CHARS
    pipeline.SLICE_CHARS = 7
    try:
        coder = pipeline._WordCoder(Codebook())
        sliced = "".join(coder.codes(p, p.split()) for p in pipeline._slices(text))
    finally:
        pipeline.SLICE_CHARS = saved
    assert sliced == ref


@pytest.mark.parametrize("mark", ["-", "*", "_", ".", "="])
def test_a_megabyte_paragraph_of_marks_against_a_text(mark: str) -> None:
    """A rule of a million dashes (no space in it) as a paragraph of its own, against a
    speech: counting its words once rescanned the run from every position (hours)."""
    run = mark * 1_000_000 + "\n"
    speech = (ROOT / "samples" / "closing-address.txt").read_text(encoding="utf-8")
    for a, b in ((run, speech), (speech, run), ("Kim Il Sung.\n\n" + run, "Kim Il Sung.\n")):
        c = textdiff.compare_texts(a, b)
        assert c.summary.verdict.value in {"unrelated", "variant", "equivalent"}


@given(
    st.lists(
        st.sampled_from(["-", "--", "a", "_", "__x", "5", " ", "\n", "…", "é", "\u00a0", "x-"]),
        max_size=60,
    ).map("".join)
)
@settings(max_examples=300)
def test_wordy_tokens_counts_tokens_with_a_letter_or_digit(s: str) -> None:
    from textdiff.normalize import _wordy_tokens

    assert _wordy_tokens(s) == sum(1 for t in re.split(r"\s+", s) if re.search(r"[^\W_]", t))


_wordish = st.lists(
    st.sampled_from(
        [
            "a",
            "Kim",
            "10",
            "1,000",
            "²",
            "x-y",
            "'s",
            "’",
            "-",
            "--",
            "...",
            ".",
            "__",
            "_a",
            "#",
            "**",
            " ",
            "\n",
            "\u00a0",
            "\u0301",
            "\u00ad",
            "é",
            "中",
            "٣",
            "ǅ",
            "$5",
            "-5",
        ]
    ),
    max_size=50,
).map("".join)


@given(st.one_of(_wordish, st.text(max_size=80)))
@settings(max_examples=500)
def test_words_found_alone_are_the_word_tokens_of_the_full_tokenizer(s: str) -> None:
    """word_keys finds words without listing the marks between them; the words are
    those the one tokenizer finds (tokens that start with a letter or digit)."""
    from textdiff.normalize import _TOKEN_FIND, _WORD_FIND

    assert _WORD_FIND.findall(s) == [t for t in _TOKEN_FIND.findall(s) if t[0].isalnum()]


_OLD_RULE = re.compile(r"([-*_=~\u2014\u2500])\1{2,}")
_OLD_STANDALONE_RULE = re.compile(r"(?<!\S)([-*_=~\u2014\u2500])\1{2,}(?!\S)")


@given(
    st.lists(
        st.sampled_from(["-", "*", "_", "=", "~", "—", "─", "---", " ", "\n", "a", "."]),
        max_size=30,
    ).map("".join)
)
@settings(max_examples=500)
def test_rules_are_found_as_the_backreference_pattern_found_them(s: str) -> None:
    """Rules are spelled out per mark (a backreference repeated costs ~90 bytes a
    character); they match exactly where the old ``(X)\\1{2,}`` patterns matched."""
    from textdiff.normalize import _STANDALONE_RULE, RULE_RE

    assert bool(RULE_RE.fullmatch(s)) == bool(_OLD_RULE.fullmatch(s))
    assert [m.span() for m in RULE_RE.finditer(s)] == [m.span() for m in _OLD_RULE.finditer(s)]
    found = [m.span() for m in _STANDALONE_RULE.finditer(s)]
    assert found == [m.span() for m in _OLD_STANDALONE_RULE.finditer(s)]


@pytest.mark.parametrize(
    "long_",
    [
        "The committee met today and decided" + " " * 1_000_000 + "1999.\n",
        ". . .\n" * 200_000,
        "A" + " \t" * 500_000 + "5\n",
    ],
)
def test_a_long_paragraph_whose_spaces_lead_to_no_letter(long_: str) -> None:
    """A paragraph past SLICE_CHARS is keyed a slice at a time, cut at a space before a
    letter; looking for that cut with ``\\s+`` rescanned a long run of spaces (no letter
    after it) from each of its positions: 150,000 spaces took 100 s."""
    speech = (ROOT / "samples" / "closing-address.txt").read_text(encoding="utf-8")
    c = textdiff.compare_texts(long_, speech)
    assert c.summary.verdict.value in {"unrelated", "variant", "equivalent"}


@given(
    st.lists(st.sampled_from([" ", "\n", "\t", "a", "5", ".", "é", "_"]), max_size=40).map("".join)
)
@settings(max_examples=400)
def test_slices_are_cut_where_the_run_pattern_cut_them(s: str) -> None:
    from textdiff.pipeline import _SLICE_CUT

    old = re.compile(r"\s+(?=[^\W\d])")
    for pos in range(len(s) + 1):
        m_old, m_new = old.search(s, pos), _SLICE_CUT.search(s, pos)
        assert (m_old and m_old.end()) == (m_new and m_new.end())
