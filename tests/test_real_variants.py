"""Real publications judged by hand (../shared/corpora/real-variants-dev): every verdict
as the reader's, every listed substantive difference reported inside the region, and at
least 95% of the substantive edits reported inside the region on the reader's list.

The scorer is benchmarks/real_variants.py, which prints the same figures."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .conftest import CORPORA, ROOT

pytestmark = pytest.mark.corpus

DEV = CORPORA / "real-variants-dev"
_BENCH = ROOT / "benchmarks" / "real_variants.py"
_spec = importlib.util.spec_from_file_location("real_variants", _BENCH)
assert _spec is not None and _spec.loader is not None
real_variants = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(real_variants)


def _pairs() -> list[Path]:
    return sorted(p for p in DEV.iterdir() if (p / "truth.json").exists()) if DEV.exists() else []


@pytest.fixture(scope="module")
def scores() -> list[object]:
    return [real_variants.score(p) for p in _pairs()]


@pytest.mark.skipif(not DEV.exists(), reason="../shared/corpora not present")
@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: p.name)
def test_verdict_and_every_listed_difference(pair: Path) -> None:
    s = real_variants.score(pair)
    assert real_variants.agrees(s), f"{s.verdict}, reader: {s.want}"
    assert s.found == s.listed, s.missed


@pytest.mark.skipif(not DEV.exists(), reason="../shared/corpora not present")
def test_reported_substantive_edits_are_listed(scores: list[object]) -> None:
    reported = sum(s.reported for s in scores)  # type: ignore[attr-defined]
    explained = sum(s.explained for s in scores)  # type: ignore[attr-defined]
    assert reported and explained / reported >= 0.95, [s.extra for s in scores]  # type: ignore[attr-defined]
