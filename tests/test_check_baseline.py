"""check.baseline: multiset matching, stale entries, and a file that round-trips byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textdiff import Category, Options, compare_texts
from textdiff.check.baseline import SCHEMA, Baseline, Entry, context_of, match
from textdiff.check.errors import BaselineError
from textdiff.check.evaluate import Difference, DiffKind, evaluate

from .conftest import CLOSING


def diff(key: str, old: str = "old", new: str = "new") -> Difference:
    return Difference(DiffKind.EDIT, Category.SUBSTANTIVE, key, old, new, "a ", " b", 1, 1, 1, 3)


def entry(key: str) -> Entry:
    return Entry("r.txt", "c.txt", key, DiffKind.EDIT, Category.SUBSTANTIVE, "old", "new", "")


def test_match_is_a_multiset() -> None:
    diffs = [diff("k1"), diff("k2"), diff("k1")]
    m = match(diffs, [entry("k1"), entry("k3")])
    assert [d.key for d in m.accepted] == ["k1"]
    assert [d.key for d in m.new] == ["k2", "k1"]
    assert [e.key for e in m.stale] == ["k3"]
    m = match(diffs, [entry("k1"), entry("k1"), entry("k1")])
    assert [d.key for d in m.new] == ["k2"] and [e.key for e in m.stale] == ["k1"]


def test_build_dumps_loads_round_trip(tmp_path: Path) -> None:
    speech = CLOSING.read_text(encoding="utf-8")
    copy = speech.replace("unyielding fortitude", "unbending fortitude").replace("gigantic", "huge")
    options = Options()
    o = evaluate(compare_texts(speech, copy, options), options, False)
    built = Baseline.build([("z/ref.txt", "z/copy.txt", o), ("a/ref.txt", "a/copy.txt", o)])
    text = built.dumps()
    data = json.loads(text)
    assert data["schema"] == SCHEMA
    assert [p["copy"] for p in data["pairs"]] == ["a/copy.txt", "z/copy.txt"]  # sorted
    assert [a["copy"] for a in data["pairs"][0]["accepted"]] == ["unbending", "huge"]
    assert text.isascii()
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    loaded = Baseline.load(path)
    assert loaded == built and loaded.dumps() == text
    assert loaded.pairs() == {("a/ref.txt", "a/copy.txt"), ("z/ref.txt", "z/copy.txt")}
    assert len(loaded.for_pair("a/ref.txt", "a/copy.txt")) == 2
    assert "[-unyielding-]{+unbending+}" in data["pairs"][0]["accepted"][0]["context"]


def test_missing_file_is_empty(tmp_path: Path) -> None:
    assert Baseline.load(tmp_path / "none.json") == Baseline()


@pytest.mark.parametrize(
    "text",
    ["not json", "[]", '{"schema": "other"}', json.dumps({"schema": SCHEMA, "pairs": [{}]})],
)
def test_bad_file_is_a_one_line_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError, match=r"baseline\.json: not a") as exc:
        Baseline.load(path)
    assert "\n" not in str(exc.value)


def test_context_of_omission_and_insertion() -> None:
    assert context_of(diff("k", "", "added")) == "a {+added+} b"
    assert context_of(diff("k", "gone", "")) == "a [-gone-] b"


def test_two_checks_on_one_pair_accept_each_edit_once() -> None:
    """The same pair checked twice (with and without 'embedded') must not double its entries."""
    from textdiff import Verdict
    from textdiff.check.evaluate import PairOutcome

    def outcome(keys: list[str]) -> PairOutcome:
        diffs = tuple(
            Difference(DiffKind.EDIT, Category.SUBSTANTIVE, k, "old", "new", "a ", " b", 1, 1, 1, 1)
            for k in keys
        )
        return PairOutcome(Verdict.VARIANT, 0.9, (1.0, 1.0), 10, 10, None, None, {}, {}, {}, diffs)

    built = Baseline.build([("r", "c", outcome(["k1", "k2"])), ("r", "c", outcome(["k1"]))])
    assert sorted(e.key for e in built.entries) == ["k1", "k2"]
    repeated = Baseline.build([("r", "c", outcome(["k1", "k1"])), ("r", "c", outcome(["k1"]))])
    assert [e.key for e in repeated.entries] == ["k1", "k1"]
