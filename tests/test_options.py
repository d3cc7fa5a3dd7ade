"""options: profiles and ignored categories."""

from __future__ import annotations

import os
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


def test_bytes_paths_work_too(tmp_path: Path) -> None:
    class Where:
        def __fspath__(self) -> bytes:
            return os.fsencode(a)

    a = tmp_path / "a.txt"
    a.write_text("Some words of text.\n", encoding="utf-8")
    c = textdiff.compare(os.fsencode(a), Where())
    assert c.summary.verdict is Verdict.IDENTICAL and c.b.document.path == str(a)


def test_strict_counts_a_move_through_the_library_and_the_command(tmp_path: Path) -> None:
    """--profile strict ignores nothing: a paragraph moved elsewhere is a difference."""
    paras = [
        "The delegation arrived in the capital on Monday and was met by officials.",
        "Talks covered trade, shipping and the exchange of students between universities.",
        "A banquet was given in the evening at the hall of the people's assembly.",
        "Speeches stressed friendship and the wish to widen cooperation in science.",
        "The visitors left for home on Thursday after a tour of the western port.",
    ]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    b.write_text("\n\n".join([*paras[1:4], paras[0], paras[4]]) + "\n", encoding="utf-8")
    assert textdiff.compare(a, b).summary.verdict is Verdict.EQUIVALENT
    strict = textdiff.compare(a, b, textdiff.Options(profile="strict"))
    assert strict.summary.verdict is Verdict.VARIANT
    assert any("another order" in r.message for r in strict.summary.reasons)
    from click.testing import CliRunner

    from textdiff.cli import cli

    assert CliRunner().invoke(cli, ["compare", str(a), str(b)]).exit_code == 0
    assert (
        CliRunner().invoke(cli, ["compare", "--profile", "strict", str(a), str(b)]).exit_code == 1
    )
