#!/usr/bin/env python3
"""A time bound per input size, over generated inputs (issue 14: "over 10 s for a few hundred kB").

    python benchmarks/fuzz_time.py [--examples 60] [--seed 0] [--per-mb 20] [--floor 1]

Hypothesis draws pairs of texts of the shapes the fuzzer found slow: many repeated and
same-shaped paragraphs with small variations, the speech's paragraphs shuffled, repeated
and mutated (a few hundred kB against a smaller copy), texts run onto one line, and runs
of spaces or marks dropped into a paragraph. Each pair is compared in this process, both
ways (``compare_texts(a, b)`` and ``(b, a)``), and timed with ``time.perf_counter``. The
bound is ``floor + per_mb * MB`` seconds for a pair of ``MB`` megabytes (both sides); the
figures are printed, worst first, and the exit status is 1 if any pair exceeds its bound.

Timing lives here, not in the tests (no test may pass or fail by the clock); the tests hold
the same generators to self-identity and the exact mirror (``tests/test_invariants.py``).
Needs ``hypothesis`` (the test extra). Same ``--seed``, same pairs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import NamedTuple

from hypothesis import HealthCheck, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import textdiff  # noqa: E402

SPEECH = [
    p
    for p in (ROOT / "samples" / "closing-address.txt").read_text(encoding="utf-8").split("\n\n")
    if p.strip()
]
SHORT = [
    "The Party.",
    "The Party!",
    "Long live the Party.",
    "The delegation was received at the airport by officials concerned.",
    "The delegation was greeted at the airport by officials concerned.",
    "(1)",
    "***",
]
MARKS = [" ", ".", "-", "*", ". ", "- ", "…"]


class Timed(NamedTuple):
    shape: str
    mb: float
    seconds: float


def _mutate(rng: random.Random, para: str, rate: float) -> str:
    words = para.split()
    for k in range(len(words)):
        if rng.random() < rate:
            words[k] = rng.choice(["the", "Party", "people", words[k].upper(), words[k][::-1]])
    return " ".join(words)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[str, str, str]:
    """(shape, a, b): one generated pair of one of the hard shapes."""
    shape = draw(st.sampled_from(["repeated", "shuffled", "one-line", "marks"]))
    rng = random.Random(draw(st.integers(0, 2**32)))
    if shape == "repeated":
        n = draw(st.integers(100, 20_000))
        paras = [rng.choice(SHORT) if rng.random() < 0.1 else SHORT[0] for _ in range(n)]
        b = list(paras)
        for _ in range(draw(st.integers(0, 20))):
            b[rng.randrange(n)] = rng.choice(SHORT)
        return shape, "\n\n".join(paras), "\n\n".join(b)
    copies = draw(st.integers(1, 12))
    paras = [p for _ in range(copies) for p in SPEECH]
    if shape == "shuffled":
        rate = draw(st.floats(0.0, 0.3))
        b = [_mutate(rng, p, rate) for p in rng.sample(paras, k=len(paras) // 2 or 1)]
        return shape, "\n\n".join(paras), "\n\n".join(b)
    if shape == "one-line":
        b = [_mutate(rng, p, 0.02) for p in paras]
        return shape, " ".join(paras), "\n\n".join(b)
    run = draw(st.sampled_from(MARKS)) * draw(st.integers(1_000, 400_000))
    b = list(paras)
    k = rng.randrange(len(b))
    b[k] = b[k][: len(b[k]) // 2] + run + b[k][len(b[k]) // 2 :]
    return shape, "\n\n".join(paras), "\n\n".join(b)


def run(examples: int, seed: int) -> list[Timed]:
    out: list[Timed] = []

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis_seed(seed)  # the draws: same --seed, same pairs
    @given(pairs())
    def measure(pair: tuple[str, str, str]) -> None:
        shape, a, b = pair
        mb = (len(a.encode("utf-8")) + len(b.encode("utf-8"))) / 1e6
        t0 = time.perf_counter()
        textdiff.compare_texts(a, b)
        textdiff.compare_texts(b, a)
        out.append(Timed(shape, mb, (time.perf_counter() - t0) / 2))

    measure()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-mb", type=float, default=20.0, help="seconds allowed per MB")
    ap.add_argument("--floor", type=float, default=1.0, help="seconds allowed for any pair")
    args = ap.parse_args(argv)
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} (figures are noisy above ~0.5 on 2 cores)")
    timed = run(args.examples, args.seed)
    over = [t for t in timed if t.seconds > args.floor + args.per_mb * t.mb]
    print(f"{len(timed)} generated pairs, bound {args.floor:g} s + {args.per_mb:g} s/MB")
    print(f"{'shape':<10} {'MB':>7} {'s':>7} {'s/MB':>7}")
    for t in sorted(timed, key=lambda t: -t.seconds)[:12]:
        print(f"{t.shape:<10} {t.mb:>7.3f} {t.seconds:>7.2f} {t.seconds / t.mb:>7.2f}")
    worst = max((t.seconds / t.mb for t in timed if t.mb >= 0.05), default=0.0)
    print(f"worst seconds per MB (pairs of 50 kB or more): {worst:.2f}")
    print(f"over the bound: {len(over)}" + ("" if not over else f" (worst {over[0]})"))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
