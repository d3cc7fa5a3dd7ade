"""Families: connected components, largest first, members and pairs in stable order."""

from __future__ import annotations

from textdiff.scan.families import families
from textdiff.scan.index import PairRow


def _row(a: int, b: int, rel: str = "variant") -> PairRow:
    return PairRow(a, b, rel, "variant", (1.0, 1.0), 1.0, None, {}, 10, 0.9)


def test_components_through_chains() -> None:
    # The excerpt (5) was never paired with the speech (1), only with the bulletin (2).
    rows = [_row(2, 5, "overlap"), _row(1, 2, "contained-in"), _row(8, 9), _row(9, 7)]
    order = {1: 0, 2: 1, 5: 2, 7: 3, 8: 4, 9: 5}
    fams = families(rows, order)
    assert [(f.number, f.members) for f in fams] == [(1, (1, 2, 5)), (2, (7, 8, 9))]
    assert [(p.a, p.b) for p in fams[0].pairs] == [(1, 2), (2, 5)]
    assert fams[0].relations == {"contained-in": 1, "overlap": 1}


def test_order_of_input_does_not_matter() -> None:
    rows = [_row(i, i + 1) for i in range(0, 20, 2)] + [_row(1, 2), _row(5, 6)]
    order = {i: 100 - i for i in range(21)}
    first = families(rows, order)
    second = families(list(reversed(rows)), order)
    assert [(f.members, f.pairs) for f in first] == [(f.members, f.pairs) for f in second]
    assert [len(f.members) for f in first] == [4, 4, 2, 2, 2, 2, 2, 2]
