"""Options: one frozen object threaded through every stage.

A *profile* says which categories the verdict ignores. ``default`` ignores all
but substantive; ``strict`` ignores nothing.

>>> Options.make(profile="default", ignore=()).ignored == frozenset(IGNORABLE)
True
>>> Category.SPELLING in Options.make(profile="strict").ignored
False
>>> sorted(c.value for c in Options.make(profile="strict", ignore=("case",)).ignored)
['case']
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# field's string annotation into a ForwardRef at import (see textdiff.model).
from collections.abc import Iterable
from typing import NamedTuple

from .errors import OptionsError
from .model import Category

IGNORABLE = (
    Category.WHITESPACE,
    Category.TYPOGRAPHY,
    Category.FORMATTING,
    Category.CASE,
    Category.PUNCTUATION,
    Category.SPELLING,
    Category.BOILERPLATE,
)

PROFILES: dict[str, frozenset[Category]] = {
    "default": frozenset(IGNORABLE),
    "strict": frozenset(),
}
# Profiles under which a paragraph that only moved is a difference.
MOVES_COUNT = frozenset({"strict"})


class Options(NamedTuple):
    profile: str = "default"
    ignored: frozenset[Category] = frozenset(IGNORABLE)
    encoding_a: str | None = None
    encoding_b: str | None = None
    moves_count: bool = False  # does a moved paragraph make the texts differ?
    docx_view: str = "accepted"  # a Word file's tracked changes: accepted or original

    @classmethod
    def make(
        cls,
        profile: str = "default",
        ignore: Iterable[str] = (),
        encoding_a: str | None = None,
        encoding_b: str | None = None,
        moves: bool | None = None,
        docx_view: str = "accepted",
    ) -> "Options":
        """Build options from user-facing names, raising OptionsError on unknown ones."""
        if profile not in PROFILES:
            raise OptionsError(f"unknown profile {profile!r} (choose from {', '.join(PROFILES)})")
        ignored = set(PROFILES[profile])
        for name in ignore:
            name = name.strip().lower()
            if not name:
                continue
            try:
                cat = Category(name)
            except ValueError:
                choices = ", ".join(c.value for c in IGNORABLE)
                raise OptionsError(f"unknown category {name!r} (choose from {choices})") from None
            if cat is Category.SUBSTANTIVE:
                raise OptionsError("substantive differences cannot be ignored")
            ignored.add(cat)
        moves_count = profile in MOVES_COUNT if moves is None else moves
        if docx_view not in ("accepted", "original"):
            raise OptionsError(f"unknown DOCX view {docx_view!r} (choose from accepted, original)")
        return cls(profile, frozenset(ignored), encoding_a, encoding_b, moves_count, docx_view)

    def as_dict(self) -> dict[str, object]:
        """The effective options, as written into the JSON ``options`` field."""
        out: dict[str, object] = {
            "profile": self.profile,
            "ignored": [c.value for c in Category if c in self.ignored],
            "encoding": {"a": self.encoding_a, "b": self.encoding_b},
            "moves_count": self.moves_count,
        }
        if self.docx_view != "accepted":  # written only when it is not the default
            out["docx_view"] = self.docx_view
        return out
