"""normalize: token keys and the fold levels that classify an edit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textdiff import Category
from textdiff.normalize import (
    EDGE_MARKS,
    classify_text,
    fold_typography,
    token_key,
    tokenize,
    word_keys,
)


@pytest.mark.parametrize(
    ("a", "b", "category"),
    [
        ("a  b", "a b", Category.WHITESPACE),
        ("a\nb", "a b", Category.WHITESPACE),
        ("a\u00a0b", "a b", Category.WHITESPACE),
        ("ComradeKim", "Comrade Kim", Category.WHITESPACE),
        ("“servant”", '"servant"', Category.TYPOGRAPHY),
        ("Party’s", "Party's", Category.TYPOGRAPHY),
        ("–", " - ", Category.TYPOGRAPHY),
        ("—", "--", Category.TYPOGRAPHY),
        ("…", "...", Category.TYPOGRAPHY),
        ("10 000", "10,000", Category.TYPOGRAPHY),
        ("«oui»", '"oui"', Category.TYPOGRAPHY),
        ("**Kim Jong Un**", "Kim Jong Un", Category.FORMATTING),
        ("## Title", "Title", Category.FORMATTING),
        ("<b>Kim</b>", "Kim", Category.FORMATTING),
        ("Party", "party", Category.CASE),
        ("WPK", "wpk", Category.CASE),
        ("a, b", "a b", Category.PUNCTUATION),
        ("end. The", "end, the", Category.PUNCTUATION),
        ("a; b", "a: b", Category.PUNCTUATION),
        ("fulfil", "fulfill", Category.SPELLING),
        ("behaviour", "behavior", Category.SPELLING),
        ("organisation", "organization", Category.SPELLING),
        ("analysed", "analyzed", Category.SPELLING),
        ("grass-roots", "grassroots", Category.SPELLING),
        ("to-day", "today", Category.SPELLING),
        ("shew", "show", Category.SPELLING),
        ("connexion", "connection", Category.SPELLING),
        ("Kim Il Sung", "Kim Il-sung", Category.SPELLING),
        ("P'yŏngyang", "Pyongyang", Category.SPELLING),
        ("Rodong Sinmun", "Nodong Sinmun", Category.SPELLING),
        ("café", "cafe", Category.SPELLING),
        ("Party", "people", Category.SUBSTANTIVE),
        ("10,000", "10,001", Category.SUBSTANTIVE),
        ("5%", "5", Category.SUBSTANTIVE),
        ("its", "it", Category.SUBSTANTIVE),
        ("", "new words", Category.SUBSTANTIVE),
        ("", ",", Category.PUNCTUATION),
        ("", " ", Category.WHITESPACE),
        ("Commi-\nttees", "Committees", Category.WHITESPACE),
        # Open and closed compounds of the same words are spelling (issue 10) ...
        ("any thing", "anything", Category.SPELLING),
        ("red tape", "redtape", Category.SPELLING),
        ("It may be", "It maybe", Category.SPELLING),
        ("Kim Jong Unsaid", "Kim Jong Un said", Category.SPELLING),
        # ... but not a break moved inside the letters, nor a one-letter word joined.
        ("suited one", "suite done", Category.SUBSTANTIVE),
        ("a part", "apart", Category.SUBSTANTIVE),
        ("your’s", "yours", Category.SPELLING),
        ("their's", "theirs", Category.SPELLING),
        ("it's", "its", Category.SUBSTANTIVE),
        ("U.N.", "UN", Category.PUNCTUATION),
        ("the U.S.A. today", "the USA today", Category.PUNCTUATION),
        ("end.\nIV. The plan", "end. The plan", Category.FORMATTING),
        ("as follows: (2) Second", "as follows: Second", Category.FORMATTING),
        ("as did I. Then", "as did. Then", Category.SUBSTANTIVE),
        ("chapter 3. The", "chapter. The", Category.SUBSTANTIVE),
        ("the end.(1) Next", "the end.1 Next", Category.FORMATTING),
        ("Author: James Madison", "MADISON", Category.FORMATTING),
        ("By Alexander Hamilton", "Hamilton", Category.FORMATTING),
        ("Author: James Madison", "HAMILTON", Category.SUBSTANTIVE),
        ("1.5 million", "15 million", Category.SUBSTANTIVE),
        ("-5 degrees", "5 degrees", Category.SUBSTANTIVE),
        ("10:30", "1030", Category.SUBSTANTIVE),
        ("years 5-10", "years 510", Category.SUBSTANTIVE),
        ("2.500", "2,500", Category.SUBSTANTIVE),
        ("we're", "were", Category.SUBSTANTIVE),
        ("we'll", "well", Category.SUBSTANTIVE),
        ("Choson's", "Joson's", Category.SPELLING),
        ("half-civilised", "half-civilized", Category.SPELLING),
        ("pray'd", "prayed", Category.SPELLING),
        ("Ch'ŏllima", "Chollima", Category.SPELLING),
    ],
)
def test_classify_text(a: str, b: str, category: Category) -> None:
    assert classify_text(a, b) is category
    assert classify_text(b, a) is category


def test_a_curly_quote_never_hides_a_changed_word() -> None:
    assert classify_text("“servant”", '"master"') is Category.SUBSTANTIVE
    assert classify_text("fulfil their", "fulfill our") is Category.SUBSTANTIVE
    assert classify_text("Party’s behaviour", "Party's conduct") is Category.SUBSTANTIVE


def test_tokens_tile_the_span_and_keep_offsets() -> None:
    text = "xx The Party’s “servant”, 10,000 grass-roots…  yy"
    t = tokenize(text, 3, len(text) - 3)
    assert t.starts[0] == 3 and t.ends[-1] == len(text) - 3
    assert all(e == s for e, s in zip(t.ends, t.starts[1:], strict=False))
    raws = [text[s:e] for s, e in zip(t.starts, t.ends, strict=True)]
    assert "Party’s" in raws and "10,000" in raws and "grass-roots" in raws and "…" in raws
    keys = dict(zip(raws, t.keys, strict=True))
    assert keys["Party’s"] == "party's" and keys["10,000"] == "10000" and keys["…"] == "..."
    assert keys["“"] == keys["”"] == "'"


def test_word_keys_skip_marks_and_fold_spelling() -> None:
    assert word_keys("**The** Behaviour, of 10 000 — Workers’!") == [
        "the",
        "behavior",
        "of",
        "10000",
        "workers",
    ]


def test_token_key_kinds() -> None:
    assert token_key("\t\n ") == " "
    assert token_key("—") == "-" and token_key("--") == "-"
    assert token_key("Organise") == token_key("organize")


def test_fold_typography() -> None:
    assert fold_typography("“a” – b… 1 000") == "'a' - b... 1000"


@given(st.text(max_size=60), st.text(max_size=60))
def test_classification_is_symmetric_and_total(a: str, b: str) -> None:
    cat = classify_text(a, b)
    assert cat is classify_text(b, a)
    if a == b:
        assert cat is Category.WHITESPACE


@given(st.text(max_size=200))
def test_tokenize_tiles_any_text(text: str) -> None:
    t = tokenize(text)
    assert "".join(text[s:e] for s, e in zip(t.starts, t.ends, strict=True)) == text
    assert t.texts == tuple(text[s:e] for s, e in zip(t.starts, t.ends, strict=True))


@pytest.mark.parametrize(
    ("a", "b", "category"),
    [
        ("It was -5 degrees", "It was 5 degrees", Category.SUBSTANTIVE),
        ("a rate of 2.25", "a rate of 2,25", Category.SUBSTANTIVE),
        ("10⁶ tonnes", "106 tonnes", Category.SUBSTANTIVE),
        ("he said <not now>.", "he said!", Category.SUBSTANTIVE),
        ("F# minor", "F minor", Category.SUBSTANTIVE),
        ("#1", "1", Category.SUBSTANTIVE),
        ("~50", "50", Category.SUBSTANTIVE),
        ('<span class="x">a</span>', "a", Category.FORMATTING),
        ("*emph* here", "emph here", Category.FORMATTING),
        ("cafe\u0301", "café", Category.TYPOGRAPHY),
    ],
)
def test_found_in_review(a: str, b: str, category: Category) -> None:
    assert classify_text(a, b) is category


_WORDY = st.lists(
    st.sampled_from([*"aZé5٣_ '’‘-\u2010\u2011\u0301\u00ad\u200b,.\u00a0\u202f\n*#…", "10", "000"]),
    max_size=20,
).map("".join)


@given(_WORDY)
def test_edge_marks_never_change_the_words(text: str) -> None:
    # The pipeline strips them off whitespace-separated parts before keying a part;
    # only a rule standing alone ("---", "***") is a word made of marks.
    from textdiff.normalize import RULE_RE

    def words(s: str) -> list[str]:
        return word_keys(s) if not RULE_RE.search(s) else word_keys(RULE_RE.sub(" ", s))

    assert words(text.strip(EDGE_MARKS)) == words(text)
    for mark in EDGE_MARKS:
        assert words(mark + text + mark) == words(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("10 000 and 1,000,000", ["10000", "and", "1000000"]),
        ("12 3456", ["12", "3456"]),  # not a group of three
        ("90's 1'2 x1 000", ["90's", "1'2", "x1", "000"]),
        ("don't -- grass-roots -x- y-", ["don't", "grassroots", "x", "y"]),
        ("Commi\u00adttees cafe\u0301 a\u200bb", ["commi\u00adttees", "cafe\u0301", "a\u200bb"]),
    ],
)
def test_word_keys_numbers_and_joiners(text: str, words: list[str]) -> None:
    assert word_keys(text) == [token_key(w) for w in words]
