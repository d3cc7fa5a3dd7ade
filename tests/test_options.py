"""options: profiles and ignored categories."""

from __future__ import annotations

from pathlib import Path

import pytest

import textdiff
from textdiff import Category, Options, OptionsError, Verdict


def test_profiles() -> None:
    assert Category.SUBSTANTIVE not in Options.make("default").ignored
    assert Options.make("strict").ignored == frozenset()
    assert Options() == Options.make("default")


def test_ignore_adds_categories() -> None:
    o = Options.make("strict", ["Case", " spelling ", ""])
    assert o.ignored == {Category.CASE, Category.SPELLING}
    assert o.as_dict()["ignored"] == ["case", "spelling"]


@pytest.mark.parametrize(
    ("profile", "ignore"), [("lax", []), ("default", ["vibes"]), ("default", ["substantive"])]
)
def test_bad_values(profile: str, ignore: list[str]) -> None:
    with pytest.raises(OptionsError):
        Options.make(profile, ignore)


def test_the_constructor_does_what_it_says() -> None:
    """Issue 14: Options(profile="strict") was silently the default profile (a NamedTuple's
    raw constructor), and Options(profile="bogus") was accepted."""
    assert Options(profile="strict").ignored == frozenset()
    assert Options(profile="strict", ignore=("case",)).ignored == {Category.CASE}
    assert Options(ignore="case, punctuation").ignore == (Category.CASE, Category.PUNCTUATION)
    assert Options("strict") == Options.make("strict") == Options(profile="strict", ignore=())
    with pytest.raises(OptionsError, match="unknown profile 'bogus'"):
        Options(profile="bogus")
    with pytest.raises(OptionsError, match="unknown category 'vibes'"):
        Options(ignore=("vibes",))
    with pytest.raises(TypeError):
        Options(ignored=frozenset())  # type: ignore[call-arg]  # derived, never given


def test_strict_changes_the_verdict_through_the_library(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The party organised the meeting of the committee today.\n", encoding="utf-8")
    b.write_text("The party organized the meeting of the committee today.\n", encoding="utf-8")
    assert textdiff.compare(a, b).summary.verdict is Verdict.EQUIVALENT  # pathlib paths work
    strict = textdiff.compare(a, b, Options(profile="strict"))
    assert strict.summary.verdict is Verdict.VARIANT
    assert strict.options["profile"] == "strict"


def test_any_path_like_works(tmp_path: Path) -> None:
    class Where:
        def __init__(self, p: Path) -> None:
            self.p = p

        def __fspath__(self) -> str:
            return str(self.p)

    a = tmp_path / "a.txt"
    a.write_text("Some words of text.\n", encoding="utf-8")
    c = textdiff.compare(Where(a), a)
    assert c.summary.verdict is Verdict.IDENTICAL and c.a.document.path == str(a)
    assert textdiff.load(Where(a)).path == str(a)
