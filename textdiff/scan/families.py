"""families: kept pairs -> connected families of documents.

    Family                      members (ids, in source/id order) and the pairs among them
    families(pairs, order)      connected components, largest first, numbered from 1

A family is a connected component of the graph whose edges are kept pairs:
the speech, the bulletin that reprints it and the article that excerpts the
bulletin are one family even though the article and the speech were never a
candidate pair.

>>> from textdiff.scan.index import PairRow
>>> row = lambda a, b: PairRow(a, b, "variant", "variant", (1, 1), 1.0, None, {}, 9, 1.0)
>>> [(f.number, f.members) for f in families([row(3, 1), row(1, 2), row(7, 8)], {})]
[(1, (1, 2, 3)), (2, (7, 8))]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .index import PairRow


@dataclass(frozen=True, slots=True)
class Family:
    number: int
    members: tuple[int, ...]
    pairs: tuple[PairRow, ...]

    @property
    def relations(self) -> dict[str, int]:
        """How many pairs of each relation, in a fixed order."""
        counts = Counter(p.relation for p in self.pairs)
        return dict(sorted(counts.items()))


def families(pairs: Sequence[PairRow], order: Mapping[int, int]) -> list[Family]:
    """Connected components of ``pairs``; ``order`` ranks ids (missing ids rank by id)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:  # path compression keeps later finds O(1)
            parent[x], x = root, parent[x]
        return root

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def rank(doc: int) -> tuple[int, int]:
        return (order.get(doc, 0), doc)

    groups: dict[int, list[int]] = {}
    for doc in parent:
        groups.setdefault(find(doc), []).append(doc)
    edges: dict[int, list[PairRow]] = {}
    for p in pairs:
        edges.setdefault(find(p.a), []).append(p)
    comps = []
    for root, members in groups.items():
        members.sort(key=rank)
        fam_pairs = sorted(edges.get(root, []), key=lambda p: (rank(p.a), rank(p.b)))
        comps.append((members, fam_pairs))
    comps.sort(key=lambda c: (-len(c[0]), rank(c[0][0])))
    return [Family(i, tuple(m), tuple(ps)) for i, (m, ps) in enumerate(comps, 1)]
