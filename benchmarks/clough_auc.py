#!/usr/bin/env python3
"""Partial reuse: do compare's coverage and similarity tell reused answers from independent ones?

    python benchmarks/clough_auc.py [CORPUS]    (default: the corpus in ../shared/corpora)

The Clough & Stevenson corpus: 95 short answers written from five Wikipedia articles, each
labelled non-plagiarised, heavy revision, light revision or cut & paste. For each answer A
against its source B, this prints the ROC AUC of reused (heavy, light, cut) against
independent (non) answers, ranked by:

- textdiff's coverage of A (the share of the answer found in the source),
- textdiff's similarity,
- a plain difflib word match, the peer: the share of A's words in difflib.SequenceMatcher's
  matching blocks against B's words (autojunk off), computed in the same run.

The acceptance of issue 10 asks coverage (or similarity) to reach difflib's AUC.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import time
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import textdiff  # noqa: E402

DEFAULT = HERE.parent.parent / "shared" / "corpora" / "clough-stevenson-plagiarism"
_WORD = re.compile(r"\w+")


class Scored(NamedTuple):
    file: str
    reused: bool
    coverage: float
    similarity: float
    difflib: float


def difflib_share(a: str, b: str) -> float:
    wa, wb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not wa:
        return 0.0
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / len(wa)


def scores(root: Path = DEFAULT) -> list[Scored]:
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))
    out = []
    for row in index:
        answer = root / row["file"]
        source = answer.parent / "source.txt"
        c = textdiff.compare(answer, source)
        a, b = answer.read_text(encoding="utf-8"), source.read_text(encoding="utf-8")
        out.append(
            Scored(
                row["file"],
                row["label"] != "0",
                c.coverage[0],
                c.similarity,
                difflib_share(a, b),
            )
        )
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    """The probability that a random positive outranks a random negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def aucs(rows: list[Scored]) -> dict[str, float]:
    out = {}
    for field in ("coverage", "similarity", "difflib"):
        pos = [getattr(r, field) for r in rows if r.reused]
        neg = [getattr(r, field) for r in rows if not r.reused]
        out[field] = auc(pos, neg)
    return out


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else DEFAULT
    t0 = time.perf_counter()
    rows = scores(root)
    dt = time.perf_counter() - t0
    n_pos = sum(r.reused for r in rows)
    print(f"{len(rows)} answers ({n_pos} reused, {len(rows) - n_pos} independent), {dt:.1f} s")
    for name, value in aucs(rows).items():
        print(f"AUC reused vs independent, by {name:10}: {value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
