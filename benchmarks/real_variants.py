#!/usr/bin/env python3
"""Real publications judged by hand: does compare agree with the reader?

    python benchmarks/real_variants.py [DIR]        (default ../shared/corpora/real-variants-dev)

For each pair (a.txt, b.txt, truth.json) it prints the verdict against the reader's, and
scores the substantive edits that ``compare`` reports inside the region against the reader's
list of substantive differences:

- recall: listed differences that some reported substantive edit inside the region explains;
- precision: reported substantive edits inside the region that explain a listed difference.

A reported edit explains a listed one when its A text lies in (or touches) a place where the
listed A text occurs, and its B text likewise; an empty listed side is not checked. Listed
differences with the same texts (30 dropped "(Applause.)") each need an edit of their own.

``score(pair_dir)`` is what tests/test_real_variants.py asserts on.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import textdiff  # noqa: E402
from textdiff import Category  # noqa: E402

DEFAULT = HERE.parent.parent / "shared" / "corpora" / "real-variants-dev"


class Edit(NamedTuple):
    a0: int
    a1: int
    b0: int
    b1: int


class Score(NamedTuple):
    name: str
    verdict: str
    want: str
    listed: int
    found: int  # listed differences explained by a reported edit
    reported: int  # substantive edits reported inside the region
    explained: int  # of those, edits that explain a listed difference
    missed: list[str]
    extra: list[str]


def _places(text: str, snippet: str) -> list[tuple[int, int]]:
    """Where ``snippet`` occurs in ``text``, whitespace of any kind and amount matching."""
    words = snippet.split()
    if not words:
        return []
    pattern = r"\s*".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _touches(s0: int, s1: int, places: list[tuple[int, int]]) -> bool:
    return any(p0 <= s1 and s0 <= p1 for p0, p1 in places)


def score(pair: Path) -> Score:
    truth = json.loads((pair / "truth.json").read_text(encoding="utf-8"))
    c = textdiff.compare(str(pair / "a.txt"), str(pair / "b.txt"))
    ta, tb = c.a.document.text, c.b.document.text
    edits = [
        Edit(s.a0, s.a1, s.b0, s.b1)
        for blk in c.blocks
        if blk.in_region
        for s in blk.segments
        if s.category is Category.SUBSTANTIVE
    ]
    listed = truth.get("substantive", [])
    where = [(_places(ta, t["a"]), _places(tb, t["b"])) for t in listed]

    def explains(e: Edit, k: int) -> bool:
        pa, pb = where[k]
        ok_a = not listed[k]["a"].strip() or _touches(e.a0, e.a1, pa)
        ok_b = not listed[k]["b"].strip() or _touches(e.b0, e.b1, pb)
        return ok_a and ok_b and bool(pa or pb)

    used: dict[tuple[str, str], set[int]] = {}
    found, missed = 0, []
    for k, t in enumerate(listed):
        taken = used.setdefault((t["a"], t["b"]), set())
        hit = next((n for n, e in enumerate(edits) if n not in taken and explains(e, k)), None)
        if hit is None:
            missed.append(f"{t['a']!r} -> {t['b']!r} ({t.get('where', '')})")
        else:
            taken.add(hit)
            found += 1
    explained, extra = 0, []
    for e in edits:
        if any(explains(e, k) for k in range(len(listed))):
            explained += 1
        else:
            extra.append(f"{ta[e.a0:e.a1][:60]!r} -> {tb[e.b0:e.b1][:60]!r}")
    return Score(
        pair.name,
        c.summary.verdict.value,
        truth["verdict"],
        len(listed),
        found,
        len(edits),
        explained,
        missed,
        extra,
    )


def agrees(s: Score) -> bool:
    return s.verdict == s.want or (s.want == "equivalent" and s.verdict == "identical")


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else DEFAULT
    pairs = sorted(p for p in root.iterdir() if (p / "truth.json").exists())
    scores = [score(p) for p in pairs]
    for s in scores:
        mark = "ok " if agrees(s) else "NO "
        print(
            f"{mark} {s.name:36} {s.verdict:10} (reader: {s.want:10}) "
            f"listed {s.found}/{s.listed} found, reported {s.explained}/{s.reported} listed"
        )
        for m in s.missed:
            print(f"      missed: {m}")
        for x in s.extra:
            print(f"      not listed: {x}")
    listed = sum(s.listed for s in scores)
    found = sum(s.found for s in scores)
    reported = sum(s.reported for s in scores)
    explained = sum(s.explained for s in scores)
    print(
        f"verdicts {sum(map(agrees, scores))}/{len(scores)}; "
        f"recall {found}/{listed} = {found / max(listed, 1):.3f}; "
        f"precision {explained}/{reported} = {explained / max(reported, 1):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
