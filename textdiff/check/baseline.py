"""Baseline: differences a team has accepted, keyed by content, not by line numbers.

    Baseline.load(path)      read a baseline file (a missing file is an empty baseline)
    Baseline.build(items)    the baseline that accepts every difference of the given outcomes
    Baseline.dumps()         its JSON text (deterministic; sorted by pair, then by position)
    Baseline.for_pair(r, c)  the entries of one (reference, copy) pair
    match(diffs, entries)    -> Match: accepted and new differences, and stale entries

Entries are a multiset per pair: a copy that makes the same accepted edit twice needs two
entries, so a third occurrence is new. The file repeats each difference's text and context so
that a reviewer can read what was accepted; only ``key`` is used for matching.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from .. import Category
from .errors import BaselineError
from .evaluate import Difference, DiffKind, PairOutcome

SCHEMA = "textdiff.baseline/1"


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted difference of one pair."""

    reference: str  # the pair's reference path
    copy: str  # the pair's copy path
    key: str
    kind: DiffKind
    category: Category
    old: str  # reference text of the difference, for readers
    new: str  # copy text
    context: str  # the difference in its copy context, for readers

    def record(self) -> dict[str, Any]:
        """The entry as written in the baseline file and in JSON Lines output."""
        return {
            "key": self.key,
            "kind": self.kind.value,
            "category": self.category.value,
            "reference": self.old,
            "copy": self.new,
            "context": self.context,
        }


class Match(NamedTuple):
    accepted: tuple[Difference, ...]
    new: tuple[Difference, ...]
    stale: tuple[Entry, ...]


def context_of(d: Difference) -> str:
    """One line showing a difference as a word diff in its context.

    >>> from textdiff import Category
    >>> d = Difference(
    ...     DiffKind.EDIT, Category.SUBSTANTIVE, "k", "old", "new", "a ", " b", 1, 1, 1, 3)
    >>> context_of(d)
    'a [-old-]{+new+} b'
    """
    old = f"[-{d.reference}-]" if d.reference else ""
    new = f"{{+{d.copy}+}}" if d.copy else ""
    return f"{d.before}{old}{new}{d.after}"


def match(differences: Sequence[Difference], entries: Sequence[Entry]) -> Match:
    """Split a pair's differences into accepted and new; entries left over are stale."""
    pool: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        pool[e.key].append(e)
    accepted: list[Difference] = []
    new: list[Difference] = []
    for d in differences:
        if pool.get(d.key):
            pool[d.key].pop(0)
            accepted.append(d)
        else:
            new.append(d)
    # The entries a key did not use up, in file order of their keys.
    stale = tuple(e for left in pool.values() for e in left)
    return Match(tuple(accepted), tuple(new), stale)


@dataclass(frozen=True, slots=True)
class Baseline:
    entries: tuple[Entry, ...] = ()

    def for_pair(self, reference: str, copy: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.reference == reference and e.copy == copy)

    def pairs(self) -> set[tuple[str, str]]:
        return {(e.reference, e.copy) for e in self.entries}

    @classmethod
    def build(cls, items: Iterable[tuple[str, str, PairOutcome]]) -> Baseline:
        """Accept every difference of ``(reference, copy, outcome)`` items.

        Two checks may compare the same pair (say, with and without
        ``embedded``): the pair's entries then hold each key as often as the
        check that saw it most often, not the sum, so an accepted edit is
        never accepted twice.
        """
        entries: list[Entry] = []
        emitted: dict[tuple[str, str, str], int] = defaultdict(int)
        for ref, copy, outcome in sorted(items, key=lambda it: (it[0], it[1])):
            seen: dict[str, int] = defaultdict(int)
            for d in outcome.differences:
                seen[d.key] += 1
                if seen[d.key] > emitted[(ref, copy, d.key)]:
                    emitted[(ref, copy, d.key)] += 1
                    entries.append(
                        Entry(
                            ref, copy, d.key, d.kind, d.category, d.reference, d.copy, context_of(d)
                        )
                    )
        return cls(tuple(entries))

    def dumps(self) -> str:
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for e in self.entries:
            groups.setdefault((e.reference, e.copy), []).append(e.record())
        data = {
            "schema": SCHEMA,
            "comment": "Differences accepted by `textdiff check --update-baseline`; "
            "matched by key (a hash of the text and its context), not by line.",
            "pairs": [
                {"reference": ref, "copy": copy, "accepted": accepted}
                for (ref, copy), accepted in sorted(groups.items())
            ],
        }
        # ASCII only: no bidi override or look-alike character can hide in a reviewed diff.
        return json.dumps(data, indent=2, ensure_ascii=True) + "\n"

    @classmethod
    def loads(cls, text: str, where: str = "baseline") -> Baseline:
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("schema") != SCHEMA:
                raise BaselineError(f"{where}: not a textdiff baseline (schema {SCHEMA!r})")
            entries = [
                Entry(
                    str(pair["reference"]),
                    str(pair["copy"]),
                    str(item["key"]),
                    DiffKind(item["kind"]),
                    Category(item["category"]),
                    str(item.get("reference", "")),
                    str(item.get("copy", "")),
                    str(item.get("context", "")),
                )
                for pair in data["pairs"]
                for item in pair["accepted"]
            ]
        except BaselineError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise BaselineError(f"{where}: not a valid textdiff baseline ({exc})") from None
        return cls(tuple(entries))

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read ``path``; a missing file is an empty baseline (nothing accepted yet)."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
        return cls.loads(text, str(path))
