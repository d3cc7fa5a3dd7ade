"""check.evaluate: what counts, where it is in the copy, and keys that ignore line numbers."""

from __future__ import annotations

import json

import pytest

from textdiff import Category, Options, Verdict, compare_texts
from textdiff.check.evaluate import DiffKind, PairOutcome, clip, difference_key, evaluate

from .conftest import BULLETIN, CLOSING

SPEECH = CLOSING.read_text(encoding="utf-8")
PARAS = SPEECH.rstrip("\n").split("\n\n")


def outcome(
    ref: str, copy: str, options: Options | None = None, embedded: bool = False
) -> PairOutcome:
    options = options or Options()
    return evaluate(compare_texts(ref, copy, options), options, embedded)


def test_identical_has_no_differences() -> None:
    o = outcome(SPEECH, SPEECH)
    assert o.verdict is Verdict.IDENTICAL and o.differences == ()
    assert o.reference_coverage == 1.0 and o.found


def test_changed_word_is_located_in_the_copy() -> None:
    copy = "Transcribed.\n\n" + SPEECH.replace("unyielding fortitude", "unbending fortitude")
    o = outcome(SPEECH, copy)
    edits = [d for d in o.differences if d.category is Category.SUBSTANTIVE]
    assert [(d.reference, d.copy) for d in edits] == [
        ("", "Transcribed."),
        ("unyielding", "unbending"),
    ]
    d = edits[1]
    offset = copy.index("unbending")
    assert d.line == copy.count("\n", 0, offset) + 1
    assert d.column == offset - copy.rfind("\n", 0, offset)
    assert d.reference_line == SPEECH.count("\n", 0, SPEECH.index("unyielding fortitude")) + 1
    assert d.before.endswith("ardent passion and ") and d.after.startswith(" fortitude.")
    assert d.kind is DiffKind.EDIT


def test_typography_and_spelling_do_not_count_by_default_but_do_under_strict() -> None:
    copy = SPEECH.replace("’", "'").replace("behaviour", "behavior")
    assert outcome(SPEECH, copy).differences == ()
    strict = outcome(SPEECH, copy, Options.make("strict"))
    assert {d.category for d in strict.differences} == {Category.TYPOGRAPHY, Category.SPELLING}
    allowed = outcome(SPEECH, copy, Options.make("strict", ["typography"]))
    assert {d.category for d in allowed.differences} == {Category.SPELLING}


def test_missing_paragraph_is_an_omission_measured_by_coverage() -> None:
    gone = next(p for p in PARAS if p.startswith("Those who have been newly appointed"))
    copy = SPEECH.replace(gone + "\n\n", "")
    o = outcome(SPEECH, copy)
    (d,) = o.differences
    assert d.kind is DiffKind.OMISSION and d.copy == ""
    assert d.reference.startswith("Those who have been newly appointed")
    # It points at the paragraph that now follows the gap.
    following = copy.index("All of them should be better-versed")
    assert (d.line, d.column) == (copy.count("\n", 0, following) + 1, 1)
    assert o.covered_chars + d.chars == o.text_chars
    assert 0.95 < o.reference_coverage < 1


def test_embedded_counts_only_the_region() -> None:
    bulletin = BULLETIN.read_text(encoding="utf-8")
    # The bulletin's headline and other articles are outside the region: nothing counts.
    assert outcome(SPEECH, bulletin, embedded=True).differences == ()
    # Not embedded, the extra articles are substantive insertions.
    loose = outcome(SPEECH, bulletin, embedded=False)
    assert loose.differences and all(d.kind is DiffKind.EDIT for d in loose.differences)
    # A change inside the reprinted speech counts either way.
    changed = bulletin.replace("unyielding fortitude", "unbending fortitude", 1)
    (d,) = outcome(SPEECH, changed, embedded=True).differences
    assert (d.reference, d.copy) == ("unyielding", "unbending")
    assert d.line == bulletin.count("\n", 0, bulletin.index("unyielding fortitude")) + 1


def test_unrelated_copy_lists_nothing() -> None:
    other = "An entirely different text about the weather.\n\nIt rained all day.\n"
    o = outcome(SPEECH, other)
    assert o.verdict is Verdict.UNRELATED and not o.found and o.differences == ()


def test_keys_ignore_lines_and_unrelated_edits() -> None:
    base = SPEECH.replace("unyielding fortitude", "unbending fortitude")
    shifted = "A new preface.\n\n\n" + base.replace("gigantic", "huge")
    (k1,) = [d.key for d in outcome(SPEECH, base).differences]
    keys = [d.key for d in outcome(SPEECH, shifted).differences]
    assert k1 in keys and len(keys) == 3
    # The same edit elsewhere is another difference.
    elsewhere = SPEECH.replace("unyielding spirit", "unbending spirit")
    assert [d.key for d in outcome(SPEECH, elsewhere).differences] != [k1]


def test_key_is_whitespace_insensitive() -> None:
    a = difference_key(DiffKind.EDIT, "two\nwords", "x", "a  b", "c")
    assert a == difference_key(DiffKind.EDIT, "two words", "x", "a b", " c ")
    assert a != difference_key(DiffKind.OMISSION, "two words", "x", "a b", "c")


def test_outcome_round_trips_through_json() -> None:
    copy = SPEECH.replace("unyielding fortitude", "unbending fortitude")
    o = outcome(SPEECH, copy.replace(PARAS[5] + "\n\n", ""))
    again = PairOutcome.from_json(json.loads(json.dumps(o.to_json())))
    assert again == o


@pytest.mark.parametrize(("text", "width"), [("word " * 100, 40), ("x" * 500, 160)])
def test_clip_is_bounded(text: str, width: int) -> None:
    assert len(clip(text, width)) <= width + 1
