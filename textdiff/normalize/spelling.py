"""Spelling variants: a lookup from a word's key to its canonical form.

The tables live in ``data/`` with their sources in their header comments:

- ``spelling_en.tsv``: British and American spellings (british, american);
- ``spelling_old.tsv``: older and modern forms (shew, show; connexion, connection);
- ``romanization_ko.tsv``: Korean romanization variants (variant, canonical).

Keys are compared with hyphens, apostrophes and diacritics removed, so
hyphenation variants (grass-roots, grassroots; to-day, today) and diacritic
variants (P'yŏngyang, Pyongyang) need no table row.
"""

from __future__ import annotations

import os
import unicodedata
from functools import cache

from .rules import DASHES, QUOTES

_DROP = frozenset(QUOTES + DASHES)

TABLES = ("spelling_en.tsv", "spelling_old.tsv", "romanization_ko.tsv")


def _rows(name: str) -> list[tuple[str, str]]:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", name)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return []
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        left, _, right = line.partition("\t")
        if right:
            rows.append((left.strip(), right.strip()))
    return rows


def squash(word: str) -> str:
    """A word's spelling-blind base: casefolded, no hyphens, apostrophes or diacritics.

    >>> squash("P'yŏngyang"), squash("To-day"), squash("Party’s")
    ('pyongyang', 'today', 'partys')
    """
    w = word.casefold()
    if w.isascii():
        return w.replace("-", "").replace("'", "")
    w = unicodedata.normalize("NFKD", w)
    return "".join(ch for ch in w if ch not in _DROP and not unicodedata.combining(ch))


@cache
def table() -> dict[str, str]:
    """squashed variant -> squashed canonical form, over all shipped tables."""
    mapping: dict[str, str] = {}
    for name in TABLES:
        for variant, canonical in _rows(name):
            v, c = squash(variant), squash(canonical)
            if v and c and v != c:
                mapping.setdefault(v, c)
    # Resolve chains (a -> b -> c) so every variant maps straight to a fixed point.
    for v in list(mapping):
        seen = {v}
        c = mapping[v]
        while c in mapping and c not in seen:
            seen.add(c)
            c = mapping[c]
        mapping[v] = c
    return mapping


def canonical(word: str) -> str:
    """The key two spellings of the same word share.

    >>> canonical("behaviour") == canonical("behavior")
    True
    """
    w = squash(word)
    return table().get(w, w)
