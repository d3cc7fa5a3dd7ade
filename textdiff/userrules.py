"""userrules: rules of the user's own (boilerplate, spelling and ignore), as validated data.

    RuleSet                      the user's rules: immutable, hashable, part of ``Options``
    RuleSet.from_table(t, where) the ``[rules]`` table of a textdiff.toml or a ``--rules`` file
    load_rules(path)             a ``--rules FILE``: a TOML file with a ``[rules]`` table
    rules_from_cli(...)          ``--rules``, ``--boilerplate``, ``--ignore-text``, ``--spelling``
    RuleSet.merged(other)        ``other``'s rules override this set's rules of the same name
    Speller                      the spelling pairs as one pattern (``RuleSet.speller``)

The three kinds, each a list in the table:

- ``boilerplate``: regular expressions; a paragraph one of them matches whole (its
  whitespace runs made single spaces) is boilerplate, like "Back to top";
- ``ignore``: regular expressions; text they match (a reference mark "[12]", a
  timestamp line) is no part of the words, like page furniture: an edit that only
  touches it is boilerplate, and a paragraph that is all such text is boilerplate;
- ``spelling``: pairs ``"A = B"`` (or ``["A", "B"]``): an edit that only writes one
  for the other (whole words, any case, any spacing) is spelling.

A user rule explains only what no built-in rule explains, so it never makes an edit
look more serious than the built-ins call it. The table's own kinds are rules named
``user:boilerplate``, ``user:ignore`` and ``user:spelling``; a sub-table is a rule
group named by its key (``[rules.romanization]`` -> ``user:romanization``). That
name is what an explained edit reports (``Segment.rule``).

>>> rs = RuleSet.from_table({"spelling": ["Peking = Beijing"],
...                          "refs": {"ignore": [r"\\[\\d+\\]"]}})
>>> [(r.name, r.kind) for r in rs.rules]
[('user:spelling', 'spelling'), ('user:refs', 'ignore')]
>>> rs.speller.respell("in Peking today")
('in Peking today', ('user:spelling',), ((3, 9),))
>>> rs.speller.respell("in beijing today")[0]
'in Peking today'
>>> RuleSet.from_table({"ignore": ["[0-9"]})
Traceback (most recent call last):
...
textdiff.errors.OptionsError: rules.ignore: bad regular expression '[0-9': unterminated \
character set at position 0
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

from .errors import OptionsError

Kind = Literal["boilerplate", "ignore", "spelling"]
KINDS: tuple[Kind, ...] = ("boilerplate", "ignore", "spelling")
PREFIX = "user:"
_GROUP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


class UserRule(NamedTuple):
    """One rule: its name as reported, its kind, and its patterns or pairs as given."""

    name: str  # "user:spelling", "user:romanization"
    kind: Kind
    patterns: tuple[str, ...] = ()  # boilerplate and ignore: regular expressions
    pairs: tuple[tuple[str, str], ...] = ()  # spelling: (variant, variant)

    def as_dict(self) -> dict[str, object]:
        if self.kind == "spelling":
            return {"name": self.name, "kind": self.kind, "pairs": [list(p) for p in self.pairs]}
        return {"name": self.name, "kind": self.kind, "patterns": list(self.patterns)}


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise OptionsError(f"{where}: a pattern must be a non-empty string")
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise OptionsError(f"{where}: bad regular expression {pattern!r}: {exc}") from None
    if regex.fullmatch(""):
        # It would match between any two characters: surely not what was meant.
        raise OptionsError(f"{where}: pattern {pattern!r} matches empty text")
    return regex


def _is_str(v: object) -> bool:
    return isinstance(v, str)


def _pair(value: object, where: str) -> tuple[str, str]:
    """``"A = B"`` or ``["A", "B"]``: two different, non-empty variants."""
    if isinstance(value, str):
        if value.count("=") != 1:
            raise OptionsError(
                f'{where}: {value!r} is not a pair; write \'A = B\' (or ["A", "B"] in TOML)'
            )
        left, right = value.split("=")
    elif isinstance(value, list | tuple) and len(value) == 2 and all(map(_is_str, value)):
        left, right = value
    else:
        raise OptionsError(f'{where}: a pair is \'A = B\' or ["A", "B"], not {value!r}')
    a, b = " ".join(left.split()), " ".join(right.split())
    if not a or not b:
        raise OptionsError(f"{where}: {value!r} has an empty side")
    if a.casefold() == b.casefold():
        raise OptionsError(f"{where}: {value!r} pairs a word with itself")
    return a, b


def _rule(kind: Kind, name: str, value: object, where: str) -> UserRule:
    items: Sequence[object]
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise OptionsError(f"{where} must be a list")
    if kind == "spelling":
        pairs = tuple(_pair(v, where) for v in items)
        return UserRule(name, kind, pairs=pairs)
    patterns = []
    for v in items:
        if not isinstance(v, str):
            raise OptionsError(f"{where}: a pattern must be a string, not {v!r}")
        _compile(v, where)
        patterns.append(v)
    return UserRule(name, kind, patterns=tuple(patterns))


def _kinds(table: Mapping[str, object], name: str | None, where: str) -> list[UserRule]:
    out = []
    for kind in KINDS:
        if kind in table:
            out.append(_rule(kind, PREFIX + (name or kind), table[kind], f"{where}.{kind}"))
    return out


@dataclass(frozen=True)
class RuleSet:
    """The user's rules, in the order given. Empty (the default): no user rule, no cost.
    (Not slotted: the compiled patterns are cached on the instance.)

    Hashable and compared by value, so it is part of ``Options`` and of every cache key
    that covers them; build it with ``from_table`` (validated) rather than by hand.
    """

    rules: tuple[UserRule, ...] = ()

    def __post_init__(self) -> None:
        for r in self.rules:  # a hand-built set is held to the same rules as a parsed one
            if r.kind not in KINDS or not r.name.startswith(PREFIX):
                raise OptionsError(f"{r.name}: not a rule (kind {r.kind!r}; names start user:)")
            _rule(r.kind, r.name, r.pairs if r.kind == "spelling" else r.patterns, r.name)

    def __bool__(self) -> bool:
        return any(r.patterns or r.pairs for r in self.rules)

    @classmethod
    def from_table(cls, table: Mapping[str, object], where: str = "rules") -> RuleSet:
        """Rules from a ``[rules]`` table: ``boilerplate``, ``ignore`` and ``spelling`` lists,
        and sub-tables of them, each a group named by its key."""
        if not isinstance(table, Mapping):
            raise OptionsError(f"{where} must be a table")
        rules = _kinds(table, None, where)
        for key, value in table.items():
            if key in KINDS:
                continue
            if not isinstance(value, Mapping):
                raise OptionsError(
                    f"{where}: unknown key {key!r} (known keys: {', '.join(KINDS)}, "
                    "or a table of them naming a rule)"
                )
            if not _GROUP_NAME.fullmatch(key):
                raise OptionsError(f"{where}: {key!r} is not a rule name (letters, digits, -_.)")
            for inner in value:
                if inner not in KINDS:
                    raise OptionsError(
                        f"{where}.{key}: unknown key {inner!r} (known keys: {', '.join(KINDS)})"
                    )
            rules.extend(_kinds(value, key, f"{where}.{key}"))
        return cls(tuple(rules))

    def merged(self, other: RuleSet) -> RuleSet:
        """These rules with ``other``'s: a rule of ``other`` replaces the one of the same name."""
        if not other.rules:
            return self
        names = {r.name for r in other.rules}
        return RuleSet(tuple(r for r in self.rules if r.name not in names) + other.rules)

    def of(self, kind: Kind) -> tuple[UserRule, ...]:
        return tuple(r for r in self.rules if r.kind == kind and (r.patterns or r.pairs))

    def as_dict(self) -> list[dict[str, object]]:
        """The rules as written into the JSON ``options`` (and so into check's cache key)."""
        return [r.as_dict() for r in self.rules if r.patterns or r.pairs]

    @cached_property
    def boilerplate(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((r.name, re.compile(p)) for r in self.of("boilerplate") for p in r.patterns)

    @cached_property
    def ignore(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((r.name, re.compile(p)) for r in self.of("ignore") for p in r.patterns)

    @cached_property
    def speller(self) -> Speller:
        return Speller(self.of("spelling"))

    def boilerplate_rule(self, paragraph: str) -> str | None:
        """The name of the first boilerplate rule matching ``paragraph`` whole, if any.

        >>> RuleSet.from_table({"boilerplate": ["(?i)back to top"]}).boilerplate_rule(
        ...     "  BACK  to\\ntop ")
        'user:boilerplate'
        """
        flat = " ".join(paragraph.split())
        for name, regex in self.boilerplate:
            if regex.fullmatch(flat):
                return name
        return None

    def ignored_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Where ignore rules match ``text``: (start, end, rule name), sorted, not overlapping."""
        found = sorted(
            (m.start(), -m.end(), name)
            for name, regex in self.ignore
            for m in regex.finditer(text)
            if m.end() > m.start()
        )
        out: list[tuple[int, int, str]] = []
        for s, neg_e, name in found:
            e = -neg_e
            if out and s < out[-1][1]:
                if e > out[-1][1]:
                    out[-1] = (out[-1][0], e, out[-1][2])
                continue
            out.append((s, e, name))
        return out


NO_RULES = RuleSet()


class Speller:
    """Spelling pairs as one pattern: ``respell`` writes every variant as its group's first.

    Pairs sharing a variant join one group (A = B and B = C: A, B and C are one word).
    Variants match as whole words, in any case, with any whitespace between their words.
    """

    def __init__(self, rules: Iterable[UserRule]) -> None:
        parent: dict[str, str] = {}
        shown: dict[str, str] = {}  # key -> the variant as first written
        owner: dict[str, str] = {}  # key -> the rule that named it first

        def find(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for rule in rules:
            for pair in rule.pairs:
                keys = [self.key(v) for v in pair]
                for v, k in zip(pair, keys, strict=True):
                    if k not in parent:
                        parent[k], shown[k], owner[k] = k, v, rule.name
                ra, rb = find(keys[0]), find(keys[1])
                if ra != rb:
                    parent[rb] = ra  # the earlier variant stays the group's form
        self._canonical = {k: shown[find(k)] for k in parent}
        self._owner = owner
        variants = sorted(parent, key=len, reverse=True)  # the longest first: "Kim Il Sung"
        alternatives = "|".join(r"\s+".join(map(re.escape, v.split())) for v in variants)
        self._regex = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if variants else None
        )
        # How much text either side of an edit holds any variant that touches it,
        # whatever the spacing between its words.
        self.window = 2 * max(map(len, variants), default=0) + 8

    @staticmethod
    def key(variant: str) -> str:
        return " ".join(variant.split()).casefold()

    def respell(self, text: str) -> tuple[str, tuple[str, ...], tuple[tuple[int, int], ...]]:
        """``text`` with each variant written as its group's form; the rules that matched
        and where (spans of ``text``)."""
        if self._regex is None:
            return text, (), ()
        names: list[str] = []
        spans: list[tuple[int, int]] = []

        def sub(m: re.Match[str]) -> str:
            k = self.key(m.group())
            names.append(self._owner[k])
            spans.append(m.span())
            return self._canonical[k]

        return self._regex.sub(sub, text), tuple(dict.fromkeys(names)), tuple(spans)


def load_rules(path: str) -> RuleSet:
    """The ``[rules]`` table of a TOML file (``--rules FILE``): a rules file, a textdiff.toml,
    or a pyproject.toml (``[tool.textdiff.rules]``)."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise OptionsError(f"{path}: no such rules file") from None
    except OSError as exc:
        raise OptionsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise OptionsError(f"{path}: invalid TOML: {exc}") from None
    table, where = data.get("rules"), "rules"
    tool = data.get("tool")
    if table is None and isinstance(tool, dict) and isinstance(tool.get("textdiff"), dict):
        table, where = tool["textdiff"].get("rules"), "tool.textdiff.rules"  # a pyproject.toml
    if table is None:
        raise OptionsError(f"{path}: no [rules] table")
    return RuleSet.from_table(table, f"{path}: {where}")


def rules_from_cli(
    rules_file: str | None = None,
    boilerplate: Sequence[str] = (),
    ignore_text: Sequence[str] = (),
    spelling: Sequence[str] = (),
) -> RuleSet:
    """``--rules FILE``, then ``--boilerplate``, ``--ignore-text`` and ``--spelling`` values
    (each repeatable), which add to the file's unnamed rules of their kind."""
    base = load_rules(rules_file) if rules_file else RuleSet()
    extra: dict[str, list[object]] = {}
    given_as: tuple[tuple[Kind, Sequence[str], str], ...] = (
        ("boilerplate", boilerplate, "--boilerplate"),
        ("ignore", ignore_text, "--ignore-text"),
        ("spelling", spelling, "--spelling"),
    )
    for kind, values, option in given_as:
        if not values:
            continue
        given = next((r for r in base.rules if r.name == PREFIX + kind), None)
        before: list[object] = []
        if given is not None:
            before = list(given.pairs if kind == "spelling" else given.patterns)
        extra[kind] = before + list(values)
        _rule(kind, PREFIX + kind, list(values), option)  # a message names the option
    return base.merged(RuleSet.from_table(extra)) if extra else base
