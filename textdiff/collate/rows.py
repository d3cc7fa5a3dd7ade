"""rows: paragraph alignments -> rows of aligned paragraphs across N witnesses.

The alignments given are each witness's with the reference (compare's own)
and, for paragraphs the reference lacks, those of the witnesses that have
them among themselves. Rows are built so that these alignments nest in them:
the paragraphs of one aligned block (1:1, split or merged) always share a
row. So each witness's pair with the reference projects back out of the
collation block for block.

    RowPlan                   a row before its word diff: cells, and which are moved
    build_rows(...)           union -> order -> moves -> rows in reading order

1. *Union.* A node per (witness, paragraph). Every aligned block joins its
   paragraphs (union-find). A component is a candidate row.
2. *Order.* Each witness reads its components in an order; where two
   witnesses disagree (crossing alignments) the components involved form a
   cycle, and a cycle is joined into one row (strongly connected components:
   TEI's "segment on the largest variation"). Then every witness's paragraphs
   in a row are consecutive, and the rows have an order all witnesses agree on.
3. *Moves.* A ``moved`` block (a paragraph that stands elsewhere in one
   witness) links two components that no witness shares; the smaller joins
   the larger one's row as ``moved`` cells, out of their witness's order
   (they take no part in step 2), as ``compare`` shows a moved paragraph
   where it stands in the other text.
4. *Reading order.* Rows are topologically sorted; among rows free to go
   next, the one earliest in the most central witness that has it.

Paragraphs of a host witness (a bulletin that reprints the text among other
articles) outside its region take no part: they are reported, not collated.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from ..align import Aligned
from ..model import BlockKind


class RowPlan(NamedTuple):
    cells: tuple[tuple[int, ...] | None, ...]  # per witness: paragraph indices, or None
    moved: frozenset[int]  # witnesses whose cell is a moved paragraph


class _Forest:
    """Union-find over integers; the smaller root wins, so results do not depend on call order."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def _sccs(nodes: Sequence[int], edges: dict[int, list[int]]) -> list[list[int]]:
    """Strongly connected components (Tarjan, iterative: rows may number in the thousands)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            succ = edges.get(v, [])
            if i < len(succ):
                work.append((v, i + 1))
                w = succ[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            for w in succ:
                if w in on_stack:
                    low[v] = min(low[v], low[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def build_rows(
    counts: Sequence[int],
    pairs: dict[tuple[int, int], list[Aligned]],
    included: Sequence[Sequence[bool]],
    rank: Sequence[int],
) -> list[RowPlan]:
    """Rows of paragraphs of witnesses with ``counts`` paragraphs each.

    ``pairs[(i, j)]``: an alignment of witness i (side a) with j (side b), compare's own.
    ``included[w][p]``: paragraph p of witness w takes part (False outside a host's region).
    ``rank[w]``: the witness's centrality rank (0 = the reference), for the reading order.
    """
    base = [0]
    for n in counts:
        base.append(base[-1] + n)
    total = base[-1]
    owner = [w for w, n in enumerate(counts) for _ in range(n)]
    forest = _Forest(total)
    moves: list[tuple[int, int]] = []
    for (i, j), blocks in sorted(pairs.items()):
        for blk in blocks:
            if blk.kind is BlockKind.MOVED:
                moves.append((base[i] + blk.a[0], base[j] + blk.b[0]))
            elif blk.kind.aligned:
                nodes = [base[i] + p for p in blk.a] + [base[j] + q for q in blk.b]
                for x in nodes[1:]:
                    forest.union(nodes[0], x)

    live = [x for x in range(total) if included[owner[x]][x - base[owner[x]]]]

    # 2. Order: each witness's sequence of components; cycles are joined.
    edges: dict[int, list[int]] = defaultdict(list)
    for w in range(len(counts)):
        prev = None
        for x in range(base[w], base[w + 1]):
            if not included[w][x - base[w]]:
                continue
            c = forest.find(x)
            if prev is not None and c != prev:
                edges[prev].append(c)
            prev = c
    roots = sorted({forest.find(x) for x in live})
    for comp in _sccs(roots, edges):
        for c in comp[1:]:
            forest.union(comp[0], c)

    # 3. Moves: a component that a move links to another, no witness in both, joins it.
    moved_nodes: set[int] = set()
    members: dict[int, list[int]] = defaultdict(list)
    for x in live:
        members[forest.find(x)].append(x)
    for x, y in sorted(moves):
        if x not in members.get(forest.find(x), ()) or y not in members.get(forest.find(y), ()):
            continue  # outside a region
        cx, cy = forest.find(x), forest.find(y)
        if cx == cy:
            continue
        wx = {owner[n] for n in members[cx]}
        wy = {owner[n] for n in members[cy]}
        if wx & wy:
            continue
        # The smaller side moves; on a tie, the side without the most central witness.
        keep, go = (
            (cx, cy)
            if (-len(wx), min(rank[w] for w in wx)) < (-len(wy), min(rank[w] for w in wy))
            else (cy, cx)
        )
        gone = members[go]
        if len({owner[n] for n in gone}) != len(gone):
            continue  # a moved cell is one paragraph per witness
        moved_nodes.update(gone)
        forest.union(keep, go)
        root = forest.find(keep)
        merged = members.pop(keep) + members.pop(go)
        members[root] = merged

    # 4. Reading order over the rows' anchored (not moved) paragraphs.
    row_edges: dict[int, set[int]] = defaultdict(set)
    indegree: dict[int, int] = {r: 0 for r in members}
    for w in range(len(counts)):
        prev = None
        for x in range(base[w], base[w + 1]):
            if x in moved_nodes or not included[w][x - base[w]]:
                continue
            r = forest.find(x)
            if prev is not None and r != prev and r not in row_edges[prev]:
                row_edges[prev].add(r)
                indegree[r] += 1
            prev = r

    def key(r: int) -> tuple[float, int, int]:
        anchored = [x for x in members[r] if x not in moved_nodes] or members[r]
        lead = min(anchored, key=lambda x: (rank[owner[x]], x))
        w = owner[lead]
        return ((lead - base[w]) / max(counts[w], 1), rank[w], lead)

    ready = [(key(r), r) for r, d in indegree.items() if d == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, r = heapq.heappop(ready)
        order.append(r)
        for s in sorted(row_edges.get(r, ())):
            indegree[s] -= 1
            if indegree[s] == 0:
                heapq.heappush(ready, (key(s), s))
    if len(order) != len(members):  # pragma: no cover - step 2 leaves no cycle
        raise AssertionError("rows left a cycle")

    plans = []
    for r in order:
        cells: list[list[int] | None] = [None] * len(counts)
        moved: set[int] = set()
        for x in sorted(members[r]):
            w = owner[x]
            cell = cells[w]
            if cell is None:
                cells[w] = cell = []
            cell.append(x - base[w])
            if x in moved_nodes:
                moved.add(w)
        plans.append(
            RowPlan(tuple(None if c is None else tuple(c) for c in cells), frozenset(moved))
        )
    return plans
