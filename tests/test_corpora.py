"""Accuracy on the shared corpora of real variant texts (../shared/corpora).

- Darwin, *Origin* ch. 1, six editions: paragraph alignment against the
  CollateX authors' gold units, for each consecutive pair and 1859 vs 1872.
- KCNA revisions 2024: each first-posted/revised pair aligns with at least
  90% coverage of both texts; the negative control is unrelated.
"""

from __future__ import annotations

import bisect
import json
from itertools import pairwise
from pathlib import Path

import pytest

import textdiff
from textdiff import Verdict

from .conftest import CORPORA

pytestmark = pytest.mark.corpus

DARWIN = CORPORA / "darwin-origin-collatex"
KCNA = CORPORA / "kcna-revisions-2024"
EDITIONS = ["1859", "1860", "1861", "1866", "1869", "1872"]
DARWIN_PAIRS = [*pairwise(EDITIONS), ("1859", "1872")]


def _gold_starts(text: str) -> list[int]:
    """Start offsets of the gold's paragraphs (separated by one blank line)."""
    starts, pos = [], 0
    for chunk in text.split("\n\n"):
        starts.append(pos)
        pos += len(chunk) + 2
    return starts


def darwin_agreement(x: str, y: str) -> tuple[float, list[int]]:
    units = json.loads((DARWIN / "alignment_gold.json").read_text())["units"]
    c = textdiff.compare(str(DARWIN / f"editions/{x}.txt"), str(DARWIN / f"editions/{y}.txt"))
    sa, sb = _gold_starts(c.a.document.text), _gold_starts(c.b.document.text)

    def gold_a(i: int) -> int:
        return bisect.bisect_right(sa, c.a.paragraphs[i].start) - 1

    def gold_b(j: int) -> int:
        return bisect.bisect_right(sb, c.b.paragraphs[j].start) - 1

    paired: dict[int, set[int]] = {}
    for blk in c.blocks:
        if blk.kind.aligned:
            for i in blk.a:
                paired.setdefault(gold_a(i), set()).update(gold_b(j) for j in blk.b)
    paired_b = set().union(*paired.values()) if paired else set()
    ok, wrong = 0, []
    relevant = [u for u in units if x in u or y in u]
    for u in relevant:
        ga, gb = u.get(x), u.get(y)
        if ga is None:
            hit = gb not in paired_b
        elif gb is None:
            hit = ga not in paired
        else:
            hit = gb in paired.get(ga, set())
        ok += hit
        if not hit:
            wrong.append(u["unit"])
    return ok / len(relevant), wrong


@pytest.mark.skipif(not DARWIN.exists(), reason="../shared/corpora not present")
@pytest.mark.parametrize(("x", "y"), DARWIN_PAIRS, ids=[f"{x}-{y}" for x, y in DARWIN_PAIRS])
def test_darwin_paragraph_alignment_matches_gold(x: str, y: str) -> None:
    agreement, wrong = darwin_agreement(x, y)
    assert agreement >= 0.98, f"{agreement:.3f}; units wrong: {wrong}"


def _kcna_groups() -> list[Path]:
    return sorted((KCNA / "groups").glob("R*")) if KCNA.exists() else []


@pytest.mark.skipif(not KCNA.exists(), reason="../shared/corpora not present")
@pytest.mark.parametrize("group", _kcna_groups(), ids=lambda p: p.name[:3])
def test_kcna_revision_pairs_align(group: Path) -> None:
    c = textdiff.compare(str(group / "v1.txt"), str(group / "v2.txt"))
    assert min(c.coverage) >= 0.9, c.coverage
    assert c.summary.verdict is Verdict.VARIANT


@pytest.mark.skipif(not KCNA.exists(), reason="../shared/corpora not present")
def test_kcna_negative_control_unrelated() -> None:
    (control,) = (KCNA / "negative_controls").iterdir()
    c = textdiff.compare(str(control / "v1.txt"), str(control / "v2.txt"))
    assert c.summary.verdict is Verdict.UNRELATED
