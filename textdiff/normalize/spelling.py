"""Spelling variants: a lookup from a word's key to its canonical form.

The tables live in ``data/`` with their sources in their header comments:

- ``spelling_en.tsv``: British and American spellings (british, american);
- ``spelling_old.tsv``: older and modern forms (shew, show; connexion, connection);
- ``romanization_ko.tsv``: Korean romanization variants (variant, canonical).

Keys are compared with hyphens, diacritics and romanization apostrophes
removed, so hyphenation variants (grass-roots, grassroots; to-day, today)
and diacritic variants (P'yŏngyang, Pyongyang) need no table row;
possessives (Choson's, Joson's) and elided endings (pray'd, prayed) are
looked up by their stem.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from .rules import DASHES, QUOTES

_QUOTE_TABLE = str.maketrans(dict.fromkeys(QUOTES, "'"))
# Dashes and invisible characters (soft hyphen, zero-width space and joiners).
_DASH_SET = frozenset(DASHES + "\u00ad\u200b\u200c\u200d\u2060\ufeff")

TABLES = ("spelling_en.tsv", "spelling_old.tsv", "romanization_ko.tsv")


def _columns(name: str) -> tuple[list[str], list[str]]:
    """The two columns of a table's rows, unstripped: (left of the first tab, the rest)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", name)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return [], []
    lines = [ln for ln in text.splitlines() if "\t" in ln and ln[0] != "#"]
    cells = "\t".join(lines).split("\t")
    if len(cells) == 2 * len(lines):  # one tab a line, as in every shipped table
        return cells[0::2], cells[1::2]
    halves = [ln.partition("\t") for ln in lines]
    return [h[0] for h in halves], [h[2] for h in halves]


def _squashed(cells: list[str]) -> bool:
    """Is every cell its own squash (plain lowercase ASCII letters)? One test for the column."""
    joined = "".join(cells)
    if not joined.isascii():
        return False
    data = joined.encode("ascii")  # bytes tests run several times faster than str's
    return data.isalpha() and data.islower()


# What may follow an apostrophe inside an English word: contractions, possessive
# and elided endings. Any other apostrophe between letters is a romanization
# mark (P'yŏngyang, Ch'ŏllima) and is dropped.
_SUFFIXES = ("s", "d", "t", "re", "ll", "ve", "m", "n")
_APOSTROPHE = re.compile(r"'([^\W\d_]*)")


def _apostrophes(w: str) -> str:
    def keep(m: re.Match[str]) -> str:
        rest = m.group(1)
        end = m.end() == len(w)
        return m.group() if end and (rest in _SUFFIXES or not rest) else rest

    return _APOSTROPHE.sub(keep, w)


def squash(word: str) -> str:
    """A word's base for spelling: casefolded; no hyphens, diacritics or romanization marks.

    Apostrophes that make a different word stay: "we're" is not "were".

    >>> squash("P'yŏngyang"), squash("To-day"), squash("Party’s"), squash("we're")
    ('pyongyang', 'today', "party's", "we're")
    """
    if word.isalpha() and word.isascii() and word.islower():
        return word  # the common case, and every table row: nothing to fold
    w = word.casefold()
    if not w.isascii():
        w = unicodedata.normalize("NFKD", w.translate(_QUOTE_TABLE))
        w = "".join(ch for ch in w if ch not in _DASH_SET and not unicodedata.combining(ch))
    w = w.replace("-", "")
    return _apostrophes(w) if "'" in w else w


@cache
def table() -> dict[str, str]:
    """squashed variant -> squashed canonical form, over all shipped tables."""
    mapping: dict[str, str] = {}
    for name in TABLES:
        left, right = _columns(name)
        if _squashed(left) and _squashed(right):
            # The common case (the shipped tables are written squashed): a column
            # test instead of a strip and a squash for each of thousands of cells.
            pairs: Iterable[tuple[str, str]] = zip(left, right, strict=True)
        else:
            pairs = (
                (squash(v.strip()), squash(c.strip())) for v, c in zip(left, right, strict=True)
            )
        for v, c in pairs:
            if v and c and v != c:
                mapping.setdefault(v, c)
    # Resolve chains (a -> b -> c) so every variant maps straight to a fixed point.
    # Only a variant whose canonical form is itself a variant has a chain to follow
    # (and in the shipped tables none has: one test in C says so).
    if mapping.keys().isdisjoint(mapping.values()):
        return mapping
    for v in [v for v, c in mapping.items() if c in mapping]:
        seen = {v}
        c = mapping[v]
        while c in mapping and c not in seen:
            seen.add(c)
            c = mapping[c]
        mapping[v] = c
    return mapping


# Possessive pronouns once written with an apostrophe ("your's", "their's"): an older
# spelling of the same word, as "shew" is of "show". Not "it's", which is "it is".
OLD_POSSESSIVES = {"your": "yours", "their": "theirs", "her": "hers", "our": "ours"}


def _lookup(w: str) -> str:
    """Canonical form of one squashed word, with its possessive or elided ending."""
    got = table().get(w)
    if got is not None:
        return got
    if w.endswith("'s") and len(w) > 3:
        stem = w[:-2]
        if stem in OLD_POSSESSIVES:
            return OLD_POSSESSIVES[stem]
        return _lookup(stem) + "'s"
    if w.endswith("'d") and len(w) > 4:
        return table().get(w[:-2] + "ed", w[:-2] + "ed")  # lov'd, pray'd: loved, prayed
    return w


def canonical(word: str) -> str:
    """The key two spellings of the same word share.

    Each hyphen-joined part is looked up on its own, so "half-civilised" and
    "half-civilized" agree without a table row for the compound.

    >>> canonical("behaviour") == canonical("behavior"), canonical("pray’d")
    (True, 'prayed')
    >>> canonical("Half-civilised") == canonical("half-civilized")
    True
    >>> canonical("your’s") == canonical("yours"), canonical("it's") == canonical("its")
    (True, False)
    """
    if word.isascii() and word.isalpha():
        # What squash and _lookup come to for a plain word, without their tests.
        w = word.lower()
        return table().get(w, w)
    if "-" in word or "\u2010" in word or "\u2011" in word:
        parts = re.split(r"[-\u2010\u2011]", word)
        return "".join(_lookup(squash(p)) for p in parts if p)
    return _lookup(squash(word))
