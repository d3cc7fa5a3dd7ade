"""options: profiles and ignored categories."""

from __future__ import annotations

import pytest

from textdiff import Category, Options, OptionsError


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
