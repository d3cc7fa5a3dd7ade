"""Paragraphs from words: which paragraphs of A and B share their words, as beads.

    WordIndex(keys)             where each paragraph's words lie in its side's code string
    links(runs, ia, ib)         Links: words shared by each (paragraph of A, paragraph of B)
    beads(links, a, b)          in-order beads: each group of linked paragraphs, and the rest
    untangle(group, links)      a group with several paragraphs on both sides, cut into
                                groups with one paragraph on a side (1:1, 1:k, k:1)

A link is *earned*: paragraph p of A and q of B are linked only when most of
one of them is found in the other (``FOUND``), or both are mostly found and
the words between them make a run of their own (a sentence that a paragraph
break placed elsewhere moved across). A paragraph of one text run together
into one line of the other is linked to it by the first rule; two different
speeches, however many "the"s they share, by neither.

Linked paragraphs form groups (connected, and closed over what lies between
them, since a block covers a contiguous stretch of each text). A group with
one paragraph on a side is a 1:1, split or merged block; one with several on
both sides (a break placed differently: "x. y." "z." against "x." "y. z.")
is equal when only whitespace differs, and otherwise ``untangle`` cuts its
weakest crossing links until each part has one paragraph on a side.
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation into a ForwardRef (see textdiff.model).

import heapq
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from .keys import ParaKey
from .words import STRONG_RUN, Run

# Share of a paragraph's words that must be found in its partner (or in the group).
FOUND = 0.4


class WordIndex:
    """Word offsets of a side's paragraphs in the side's code string."""

    def __init__(self, keys: Sequence[ParaKey]) -> None:
        self.keys = keys
        self.codes = "".join(k.codes for k in keys)
        self.ends = list(accumulate(len(k.codes) for k in keys))
        self.starts = [e - len(k.codes) for e, k in zip(self.ends, keys, strict=True)]

    def para_at(self, word: int) -> int:
        return bisect_right(self.ends, word)


class Links(NamedTuple):
    shared: dict[tuple[int, int], int]  # (p, q) -> words of p found in q, in runs of evidence
    found_a: list[int]  # words of each paragraph of A found anywhere in B
    found_b: list[int]
    matched: dict[tuple[int, int], int]  # (p, q) -> words matched at all, chance included


def _count(runs: Sequence[Run], ia: WordIndex, ib: WordIndex) -> dict[tuple[int, int], int]:
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for i, j, n in runs:
        p, q = ia.para_at(i), ib.para_at(j)
        while n > 0:
            k = min(ia.ends[p] - i, ib.ends[q] - j, n)
            if k > 0:
                shared[p, q] += k
            i, j, n = i + k, j + k, n - k
            if i >= ia.ends[p]:
                p += 1
            if j >= ib.ends[q]:
                q += 1
    return dict(shared)


def links(runs: Sequence[Run], evidence: Sequence[Run], ia: WordIndex, ib: WordIndex) -> Links:
    """Words shared by each pair of paragraphs: in all ``runs``, and in the runs of ``evidence``."""
    shared = _count(evidence, ia, ib)
    found_a = [0] * len(ia.keys)
    found_b = [0] * len(ib.keys)
    for (p, q), w in shared.items():
        found_a[p] += w
        found_b[q] += w
    return Links(shared, found_a, found_b, _count(runs, ia, ib))


# Two short paragraphs (at most PAIR_MAX_WORDS together) that share at least this many
# words, this much of both (2w / (na + nb)), pair whatever runs the words come in ("the
# old party" / "the new party"). Longer ones need runs of evidence: an LCS of two long
# texts in one language shares a third of their words by chance.
PAIR_MIN_WORDS = 2
PAIR_SHARE = 0.5
PAIR_MAX_WORDS = 80


def earned(lk: Links, a: Sequence[ParaKey], b: Sequence[ParaKey]) -> dict[tuple[int, int], int]:
    """The links that word-level agreement earns (see the module docstring)."""
    out = {}
    for (p, q), w in lk.shared.items():
        na, nb = a[p].nwords, b[q].nwords
        if (
            w >= FOUND * na
            or w >= FOUND * nb
            or (w >= STRONG_RUN and lk.found_a[p] >= FOUND * na and lk.found_b[q] >= FOUND * nb)
        ):
            out[p, q] = w
    for (p, q), w in lk.matched.items():
        if (p, q) in out or w < PAIR_MIN_WORDS or a[p].nwords + b[q].nwords > PAIR_MAX_WORDS:
            continue
        if 2 * w >= PAIR_SHARE * (a[p].nwords + b[q].nwords):
            out[p, q] = w
    return _roles_agree(out, a, b)


# A heading and a text paragraph pair on their own only when nearly the same words
# (a title set as a heading in one copy and as plain text in the other).
CROSS_ROLE_SHARE = 0.8
WHOLE_MIN_WORDS = 3


def _roles_agree(
    kept: dict[tuple[int, int], int], a: Sequence[ParaKey], b: Sequence[ParaKey]
) -> dict[tuple[int, int], int]:
    """Drop links between paragraphs of different roles that the words do not force.

    A headline shares most of its words with the lead-in under it ("... made the
    following closing address at the Second Conference ..."), but is not that
    paragraph. A different-role link stays when the two are nearly the same words,
    or when the paragraph of the other role is also linked to a neighbour of this one:
    the heading was run together with the text that follows it; or
    when one is found whole in the other ("For the Independent Journal." and "For the
    Independent Journal. Saturday, January 19, 1788"), at least ``WHOLE_MIN_WORDS`` of it.
    """
    doubtful = [
        (p, q)
        for (p, q), w in kept.items()
        if a[p].role is not b[q].role
        and not (w >= WHOLE_MIN_WORDS and w in (a[p].nwords, b[q].nwords))
        and 2 * w < CROSS_ROLE_SHARE * (a[p].nwords + b[q].nwords)
    ]
    if not doubtful:
        return kept  # most pairs of texts: no index of neighbours to build
    by_a: dict[int, list[int]] = defaultdict(list)
    by_b: dict[int, list[int]] = defaultdict(list)
    for p, q in kept:
        by_a[p].append(q)
        by_b[q].append(p)
    out = dict(kept)
    for p, q in doubtful:
        swallowed_a = any(x in (p - 1, p + 1) for x in by_b[q])
        swallowed_b = any(y in (q - 1, q + 1) for y in by_a[p])
        if not (swallowed_a or swallowed_b):
            del out[p, q]
    return out


class Group(NamedTuple):
    a: tuple[int, ...]  # contiguous paragraph indices of A
    b: tuple[int, ...]


def groups(kept: dict[tuple[int, int], int]) -> list[Group]:
    """Connected groups of linked paragraphs, each widened to contiguous ranges, in order.

    Links, sorted, are swept once: a link whose paragraph of A or of B does not come
    after the group so far joins it (it shares a paragraph with it, or crosses it, or
    lies between: a block covers a contiguous stretch of each text).

    >>> groups({(0, 0): 5, (1, 1): 3, (1, 2): 4, (3, 4): 6})
    [Group(a=(0,), b=(0,)), Group(a=(1,), b=(1, 2)), Group(a=(3,), b=(4,))]
    """
    out: list[Group] = []
    m: list[int] = []  # the group being grown: first and last paragraph of A, of B
    for p, q in sorted(kept):
        if m and (p <= m[1] or q <= m[3]):
            m[1], m[2], m[3] = max(m[1], p), min(m[2], q), max(m[3], q)
            continue
        if m:
            out.append(Group(tuple(range(m[0], m[1] + 1)), tuple(range(m[2], m[3] + 1))))
        m = [p, p, q, q]
    if m:
        out.append(Group(tuple(range(m[0], m[1] + 1)), tuple(range(m[2], m[3] + 1))))
    return out


def untangle(inside: dict[tuple[int, int], int]) -> list[Group]:
    """Cut the links of a group with several paragraphs on both sides into groups
    with one paragraph on a side.

    The weakest link whose both ends have another link goes first, until none
    is left; what remains falls into 1:1, 1:k and k:1 groups, in order.

    >>> untangle({(0, 0): 9, (0, 1): 3, (1, 1): 8})
    [Group(a=(0,), b=(0,)), Group(a=(1,), b=(1,))]
    """
    inside = dict(inside)
    deg_a: dict[int, int] = defaultdict(int)
    deg_b: dict[int, int] = defaultdict(int)
    for p, q in inside:
        deg_a[p] += 1
        deg_b[q] += 1
    heap = [(w, p, q) for (p, q), w in inside.items()]
    heapq.heapify(heap)
    while heap:
        _, p, q = heapq.heappop(heap)
        if (p, q) in inside and deg_a[p] > 1 and deg_b[q] > 1:
            del inside[p, q]
            deg_a[p] -= 1
            deg_b[q] -= 1
    out: list[Group] = []
    for g in groups(inside):
        out.extend(_one_by_one(g) if len(g.a) > 1 and len(g.b) > 1 else [g])
    return out


def _one_by_one(group: Group) -> list[Group]:
    """Last resort for a group that closing over its range made n:m again: pair in order."""
    n = min(len(group.a), len(group.b))
    head = [Group((group.a[k],), (group.b[k],)) for k in range(n - 1)]
    return [*head, Group(group.a[n - 1 :], group.b[n - 1 :])] if n else head
