"""Options: one frozen object threaded through every stage, built one way: ``Options(...)``.

A *profile* says which categories the verdict ignores: ``default`` ignores all but
substantive; ``strict`` ignores nothing, and counts a paragraph that only moved as a
difference. ``ignore`` adds categories to that; ``moves`` overrides whether moves count.
The constructor validates what it is given and derives ``ignored`` from it, so
no combination it accepts can contradict itself, and a name it does not know
is refused (OptionsError) rather than ignored.

>>> Options().ignored == frozenset(IGNORABLE)
True
>>> Category.SPELLING in Options(profile="strict").ignored
False
>>> sorted(c.value for c in Options(profile="strict", ignore=("case",)).ignored)
['case']
>>> Options(profile="bogus")
Traceback (most recent call last):
...
textdiff.errors.OptionsError: unknown profile 'bogus' (choose from default, strict)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import OptionsError
from .model import Category
from .userrules import NO_RULES, RuleSet

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


def _category(name: str | Category) -> Category:
    if isinstance(name, Category):
        cat = name
    else:
        try:
            cat = Category(name.strip().lower())
        except ValueError:
            choices = ", ".join(c.value for c in IGNORABLE)
            raise OptionsError(f"unknown category {name!r} (choose from {choices})") from None
    if cat is Category.SUBSTANTIVE:
        raise OptionsError("substantive differences cannot be ignored")
    return cat


@dataclass(frozen=True, slots=True)
class Options:
    """How to compare.

    profile      ``default`` or ``strict``
    ignore       categories to ignore beyond the profile's (names or Category members;
                 blank names are skipped); stored as Category members, in category order
    encoding_a   decode A with this codec instead of detecting one (likewise ``encoding_b``)
    moves        does a paragraph that only moved make the texts differ? None: as the
                 profile says (only ``strict``: yes)
    ignored      derived: every category the verdict ignores
    moves_count  derived: ``moves``, or the profile's answer
    docx_view    a Word file's tracked changes: ``accepted`` (the default) or ``original``
    rules        rules of the user's own (``textdiff.userrules.RuleSet``): boilerplate and
                 ignore patterns, spelling pairs; build with ``RuleSet.from_table({...})``
    """

    profile: str = "default"
    ignore: tuple[Category | str, ...] = ()
    encoding_a: str | None = None
    encoding_b: str | None = None
    moves: bool | None = None
    docx_view: str = "accepted"  # a Word file's tracked changes: accepted or original
    rules: RuleSet = NO_RULES
    ignored: frozenset[Category] = field(init=False, repr=False, compare=False)
    moves_count: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise OptionsError(
                f"unknown profile {self.profile!r} (choose from {', '.join(PROFILES)})"
            )
        names: Iterable[str | Category] = self.ignore
        if isinstance(names, str):  # Options(ignore="case") means the one category
            names = names.split(",")
        extra = {_category(n) for n in names if isinstance(n, Category) or n.strip()}
        object.__setattr__(self, "ignore", tuple(c for c in Category if c in extra))
        object.__setattr__(self, "ignored", PROFILES[self.profile] | extra)
        moves_count = self.profile in MOVES_COUNT if self.moves is None else self.moves
        object.__setattr__(self, "moves_count", moves_count)
        # Duck-typed: pytest's importlib mode may load this module's RuleSet twice.
        if not hasattr(self.rules, "boilerplate_rule"):
            raise OptionsError("rules must be a RuleSet (build one with RuleSet.from_table)")
        if self.docx_view not in ("accepted", "original"):
            raise OptionsError(
                f"unknown DOCX view {self.docx_view!r} (choose from accepted, original)"
            )

    @classmethod
    def make(
        cls,
        profile: str = "default",
        ignore: Iterable[str] = (),
        encoding_a: str | None = None,
        encoding_b: str | None = None,
        moves: bool | None = None,
        docx_view: str = "accepted",
        rules: RuleSet = NO_RULES,
    ) -> Options:
        """The same as ``Options(profile, ignore, encoding_a, encoding_b, moves, docx_view,
        rules)`` (the older spelling)."""
        return cls(profile, tuple(ignore), encoding_a, encoding_b, moves, docx_view, rules)

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
        if self.rules:  # likewise: only when there are rules of the user's own
            out["rules"] = self.rules.as_dict()
        return out
