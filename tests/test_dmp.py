"""_dmp: the diff-match-patch adapter is exact and deterministic on both paths."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from textdiff import _dmp


def apply(a: str, b: str, runs: list[tuple[int, int]]) -> tuple[str, str]:
    ia = ib = 0
    out_a, out_b = [], []
    for op, n in runs:
        if op == _dmp.EQUAL:
            assert a[ia : ia + n] == b[ib : ib + n]
            out_a.append(a[ia : ia + n])
            out_b.append(b[ib : ib + n])
            ia, ib = ia + n, ib + n
        elif op == _dmp.DELETE:
            out_a.append(a[ia : ia + n])
            ia += n
        else:
            out_b.append(b[ib : ib + n])
            ib += n
    return "".join(out_a), "".join(out_b)


@given(st.text(alphabet="ab c", max_size=40), st.text(alphabet="ab c", max_size=40))
def test_runs_rebuild_both_strings(a: str, b: str) -> None:
    assert apply(a, b, _dmp.diff_codes(a, b)) == (a, b)


def test_large_inputs_take_the_ond_path(monkeypatch: object) -> None:
    rng = random.Random(7)
    a = "".join(rng.choice("abcdefgh ") for _ in range(3000))
    b = a[:1000] + "XYZ" + a[1100:2500] + a[2600:]
    small = _dmp.diff_codes(a, b)
    import pytest

    mp = pytest.MonkeyPatch()
    mp.setattr(_dmp, "LCS_MAX_CELLS", 10)
    try:
        big = _dmp.diff_codes(a, b)
    finally:
        mp.undo()
    assert apply(a, b, small) == (a, b) == apply(a, b, big)
    assert _dmp.diff_codes(a, b) == small  # deterministic


def test_huge_strings_take_the_bounded_patience_path() -> None:
    """Past LCS_MAX_CELLS, unique characters cut the problem; the result stays exact
    and about as small as the edits made."""
    rng = random.Random(3)
    alphabet = [chr(0x4E00 + n) for n in range(20000)]
    a = "".join(rng.choice(alphabet) for _ in range(30000))
    b = list(a)
    for _ in range(300):
        k = rng.randrange(len(b))
        b[k] = rng.choice(alphabet)
    b = "".join(b)
    assert len(a) * len(b) > _dmp.LCS_MAX_CELLS
    runs = _dmp.diff_codes(a, b)
    assert apply(a, b, runs) == (a, b)
    changed = sum(n for op, n in runs if op != _dmp.EQUAL)
    assert changed <= 2 * 2 * 300


def test_shuffled_halves_stay_exact() -> None:
    # No order in common beyond a few anchors: bounded work, still an exact tiling.
    rng = random.Random(5)
    alphabet = [chr(0x4E00 + n) for n in range(500)]
    a = "".join(rng.choice(alphabet) for _ in range(25000))
    b = "".join(rng.sample(a, len(a)))
    assert apply(a, b, _dmp.diff_codes(a, b)) == (a, b)
