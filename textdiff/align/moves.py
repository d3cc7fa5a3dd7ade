"""Moves: paragraphs left unpaired on both sides that are the same paragraph.

    find_moves(deleted, inserted, whole)   (a index, b index, similarity) of each move
    twins(la, lb, sim)                     similar enough, or one mostly found in the other
    one_paragraph(p, q, sim, whole)        near twins, not two paragraphs of one formula

After the in-order alignment, a paragraph deleted at one place and inserted
at another is a move. Exact twins pair first (in order, so repeated
paragraphs pair with their nearest twin), then near twins found through rare
shared word pairs, best first.

A near twin must be the same paragraph, not one of a kind. News agencies
write to formulas ("Pyongyang, March 16 (KCNA) -- X was appointed as DPRK
ambassador to Y, according to a decree of the Presidium ..."): two such
paragraphs share most of their words in order and differ in exactly what
they say. A *distinct* word, found at most ``DISTINCT_MAX`` times in the two
texts together (a name, a figure, an uncommon word), is what tells one
paragraph from another: near twins must share one, or, at ``MOVE_SURE``,
at most one of them may have distinct words of its own (a generic sentence,
edited). In a short text most words are distinct and the rule costs
nothing; in a long one it keeps formulas from pairing across the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from .beads import candidate_pairs
from .keys import ParaKey

# (a index, b index, similarity) of one moved paragraph.
Move = tuple[int, int, float]

# A moved paragraph must be at least this similar (or this much of the shorter found in
# the longer), and this long, to be called a move.
MOVE_SIM = 0.6
MOVE_MIN_WORDS = 4
# From this similarity on, near twins need no distinct word in common (see one_paragraph).
MOVE_SURE = 0.75
# A word found at most this many times in the two texts together is distinct.
DISTINCT_MAX = 4
# Shared words looked up per pair, at most (each lookup may scan both texts once).
DISTINCT_LOOKUPS = 32


def find_moves(
    deleted: Sequence[ParaKey], inserted: Sequence[ParaKey], whole: tuple[str, str]
) -> list[Move]:
    """(a index, b index, similarity) of moved paragraphs, each used once.

    ``whole`` is the code string of every paragraph of A and of B, where a shared
    word is looked up to tell whether it is distinct (see the module docstring).
    """
    used_a: set[int] = set()
    used_b: set[int] = set()
    moves: list[Move] = []
    by_fp: dict[str, list[ParaKey]] = defaultdict(list)
    for q in inserted:
        if q.nwords >= MOVE_MIN_WORDS:
            by_fp[q.fp].append(q)
    for p in deleted:
        same = by_fp.get(p.fp)
        if p.nwords >= MOVE_MIN_WORDS and same:
            q = same.pop(0)
            moves.append((p.pos, q.pos, 1.0))
            used_a.add(p.pos)
            used_b.add(q.pos)
    rest_a = [p for p in deleted if p.pos not in used_a and p.nwords >= MOVE_MIN_WORDS]
    rest_b = [q for q in inserted if q.pos not in used_b and q.nwords >= MOVE_MIN_WORDS]
    fuzzy = [
        (sim, rest_a[x].pos, rest_b[y].pos)
        for x, y, sim in candidate_pairs(rest_a, rest_b)
        if twins(rest_a[x].nwords, rest_b[y].nwords, sim)
        and one_paragraph(rest_a[x], rest_b[y], sim, whole)
    ]
    for sim, i, j in sorted(fuzzy, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_a and j not in used_b:
            moves.append((i, j, sim))
            used_a.add(i)
            used_b.add(j)
    return sorted(moves, key=lambda t: t[1])


def twins(la: int, lb: int, sim: float) -> bool:
    """Are two paragraphs of la and lb words, this similar, one paragraph moved?

    Similar at ``MOVE_SIM``, or most (``MOVE_SIM``) of the shorter one found in the
    longer: a paragraph moved and expanded (Darwin's 205 words become 290 in 1872),
    whose similarity the added words pull below the bar, is still that paragraph.

    >>> twins(100, 100, 0.6), twins(205, 290, 0.505), twins(100, 100, 0.5)
    (True, True, False)
    """
    shared = sim * (la + lb) / 2  # the words the two have in common, in order
    return sim >= MOVE_SIM or shared >= MOVE_SIM * min(la, lb)


class Distinct(NamedTuple):
    """Has a pair of paragraphs distinct words in common (in their word alignment), and
    has each distinct words of its own?"""

    shared: bool
    only_a: bool
    only_b: bool


def distinct(p: ParaKey, q: ParaKey, whole: tuple[str, str]) -> Distinct:
    """Which distinct words p and q have (see the module docstring).

    Of each kind, words are looked up latest-coded first (a word first seen late in
    the texts is likely rare), at most ``DISTINCT_LOOKUPS``, until one is distinct;
    a lookup stops as soon as the word is found too often, so a common word costs
    next to nothing.

    >>> from textdiff.model import Role
    >>> p, q = (ParaKey(0, Role.TEXT, c, 0) for c in ("abcx", "abcy"))
    >>> distinct(p, q, ("abcx" + "ab" * 5, "abcy"))  # c: twice (the rest is not looked up)
    Distinct(shared=True, only_a=False, only_b=False)
    >>> distinct(p, q, ("abcx" + "abc" * 4 + "x" * 4, "abcy"))  # c and x: too often
    Distinct(shared=False, only_a=False, only_b=True)
    """
    shared = {
        p.codes[k]
        for blk in Indel.opcodes(p.codes, q.codes).as_matching_blocks()
        for k in range(blk.a, blk.a + blk.size)
    }

    def any_distinct(words: set[str]) -> bool:
        top = sorted(words, reverse=True)[:DISTINCT_LOOKUPS]
        return any(_found_at_most(w, DISTINCT_MAX, whole) for w in top)

    if any_distinct(shared):
        return Distinct(True, False, False)  # what each has of its own no longer matters
    return Distinct(False, any_distinct(set(p.codes) - shared), any_distinct(set(q.codes) - shared))


def one_paragraph(p: ParaKey, q: ParaKey, sim: float, whole: tuple[str, str]) -> bool:
    """Are near twins p and q one paragraph, not two written to one formula?

    They are when they have a distinct word in common; or, at ``MOVE_SURE``, when
    one of them has no distinct word of its own to tell it apart (a generic
    sentence, edited). Two paragraphs that each carry distinct words and share
    none (another name, another country) are two, however alike the rest.
    """
    d = distinct(p, q, whole)
    return d.shared or (sim >= MOVE_SURE and not (d.only_a and d.only_b))


def _found_at_most(w: str, n: int, texts: Sequence[str]) -> bool:
    """Is ``w`` found at most ``n`` times in ``texts`` together?"""
    for text in texts:
        at = text.find(w)
        while at >= 0:
            n -= 1
            if n < 0:
                return False
            at = text.find(w, at + 1)
    return True
