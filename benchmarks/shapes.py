#!/usr/bin/env python3
"""Time and peak memory of ``textdiff compare`` on inputs shaped to be hard (issue 15).

    python benchmarks/shapes.py [--sizes 1,10,50] [--only SHAPE[,SHAPE...]] [--timeout S]

Each row is one whole ``textdiff compare A B --format json`` process (stdout to /dev/null),
measured by ``_measure.py``: wall seconds and peak resident memory. The shapes, each built
from the same KCNA article stream as ``gen_pairs.py`` (deterministic, cached in ``.cache/``):

    identical   N copies of one short paragraph vs the same with the middle one changed
                (``identical-100k`` is issue 15's exact case: 100,000 paragraphs)
    giant       the articles run together on one line vs the same with their paragraphs
    shuffled    the articles on one line vs the same words shuffled (seeded)
    edited      gen_pairs' A vs B (seeded word edits, moves, splits, deletions)
    self        the articles (with paragraphs) vs the very same bytes
    marks       runs of spaces (between two words), dots, dashes and asterisks (a quarter
                of the size each, one paragraph each) vs the seed's closing address (F1
                of issue 16: a pattern that rescans a run costs hours here)

at 1, 10 and 50 MB a side, printed beside the ordinary 2.5/5/10 MB pairs of ``run.py``
(``edited`` at those sizes). Budgets (issue 15): identical-100k <= 5 s; shuffled at 20 MB
<= 20 s and <= 1 GB; any 50 MB pair <= 1 GB (``budget``): a row says whether it kept its
budget, and the exit status is 1 if any row missed one. Stdlib only, like the rest of the harness.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_pairs  # noqa: E402

MEASURE = os.path.join(HERE, "_measure.py")
SHAPES_VERSION = 1
SHAPES = ("identical", "giant", "shuffled", "edited", "self", "marks")
DEFAULT_SIZES = (1.0, 10.0, 50.0)


def budget(name: str, size_mb: float | None) -> tuple[float | None, float | None]:
    """Issue 15's budgets for a row: (wall seconds, peak MB), None where it sets none."""
    if name == "identical-100k":
        return 5.0, None
    if name == "shuffled" and size_mb == 20:
        return 20.0, 1024.0
    if size_mb is not None and size_mb >= 50:
        return None, 1024.0
    return None, None


IDENTICAL = "The delegation was received at the airport by officials concerned."
CHANGED = "The delegation was greeted at the airport by officials concerned."


def _articles_text(size_mb: float) -> list[str]:
    """The paragraphs of whole KCNA articles making up about ``size_mb`` MB."""
    articles, _pool = gen_pairs.build_a(size_mb)
    return [p for art in articles for p in art]


def _write(path: str, text: str) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, path)


def build(shape: str, size_mb: float, count: int | None = None) -> tuple[str, str]:
    """Paths of the A and B sides of one shape at one size (built once, then cached)."""
    tag = f"{shape}-{count}" if count else f"{shape}-{size_mb:g}mb"
    stem = os.path.join(gen_pairs.CACHE_DIR, f"shape-{tag}-v{SHAPES_VERSION}")
    a_path, b_path = stem + ".A.txt", stem + ".B.txt"
    if shape == "edited":
        return gen_pairs.generate(size_mb, quiet=True)
    if os.path.exists(a_path) and os.path.exists(b_path):
        return a_path, b_path
    os.makedirs(gen_pairs.CACHE_DIR, exist_ok=True)
    print(f"shapes: building {tag} ...", file=sys.stderr, flush=True)
    if shape == "identical":
        n = count or max(3, int(size_mb * 1_000_000) // (len(IDENTICAL) + 2))
        paras = [IDENTICAL] * n
        a = "\n\n".join(paras) + "\n"
        paras[n // 2] = CHANGED
        b = "\n\n".join(paras) + "\n"
    elif shape == "marks":
        n = int(size_mb * 1_000_000) // 4
        a = "Spaces" + " " * n + "end.\n\n" + "".join(m * n + "\n\n" for m in ".-*")
        with open(os.path.join(REPO, "samples", "closing-address.txt"), encoding="utf-8") as fh:
            b = fh.read()
    else:
        paras = _articles_text(size_mb)
        line = " ".join(paras) + "\n"
        if shape == "giant":
            a, b = line, "\n\n".join(paras) + "\n"
        elif shape == "shuffled":
            words = line.split()
            random.Random(f"textdiff-shapes/{size_mb:g}/v{SHAPES_VERSION}").shuffle(words)
            a, b = line, " ".join(words) + "\n"
        elif shape == "self":
            a = b = "\n\n".join(paras) + "\n"
        else:
            raise KeyError(shape)
    _write(a_path, a)
    _write(b_path, b)
    return a_path, b_path


def measure(textdiff: str, a: str, b: str, timeout: float) -> dict:
    cmd = [textdiff, "compare", a, b, "--format", "json", "--max-size", "0"]
    wrapper = [sys.executable, "-I", "-S", MEASURE, "--timeout", str(timeout), "--ok-rc", "0,1"]
    p = subprocess.run(
        [*wrapper, "--", *cmd],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        check=False,
    )
    try:
        return json.loads(p.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"status": "error", "error": p.stderr.strip()[:200]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(f"{s:g}" for s in DEFAULT_SIZES))
    ap.add_argument("--only", default=",".join(SHAPES), help="shapes to run (comma-separated)")
    ap.add_argument("--timeout", type=float, default=600.0, help="per run, seconds")
    ap.add_argument(
        "--textdiff", default=os.path.join(REPO, ".venv", "bin", "textdiff"), help="the command"
    )
    ap.add_argument("--json", help="also write every figure to this file")
    args = ap.parse_args(argv)
    shapes = [s for s in args.only.split(",") if s]
    unknown = sorted(set(shapes) - set(SHAPES))
    if unknown:
        ap.error(f"unknown shape(s): {', '.join(unknown)}; known: {', '.join(SHAPES)}")
    sizes = [float(s) for s in args.sizes.split(",") if s]
    rows: list[tuple[str, float | None, int | None]] = []
    if "identical" in shapes:
        rows.append(("identical", None, 100_000))
    for shape in shapes:
        for size in sizes:
            rows.append((shape, size, None))
    if "edited" in shapes:
        rows += [("edited", s, None) for s in gen_pairs.DEFAULT_SIZES if s not in sizes]
    try:
        load = os.getloadavg()[0]
        print(f"load average {load:.2f} (figures are noisy above ~0.5 on 2 cores)")
    except OSError:
        pass
    print(f"{'shape':<16} {'MB a side':>9} {'wall s':>8} {'peak MB':>8}  status")
    results = []
    missed = 0
    for shape, size, count in rows:
        a, b = build(shape, size or 0.0, count)
        mb = os.path.getsize(a) / 1e6
        res = measure(args.textdiff, a, b, args.timeout)
        name = f"{shape}-{count // 1000}k" if count else shape
        wall = f"{res['wall']:.2f}" if res.get("wall") is not None else "-"
        peak = f"{res['maxrss_kb'] / 1024:.0f}" if res.get("maxrss_kb") else "-"
        status = res.get("status", "?") + (f" ({res['error']})" if res.get("error") else "")
        max_s, max_mb = budget(name, size)
        over = (max_s is not None and (res.get("wall") or 1e9) > max_s) or (
            max_mb is not None and (res.get("maxrss_kb") or 1e12) / 1024 > max_mb
        )
        if max_s is not None or max_mb is not None:
            status += " · budget " + ("MISSED" if over else "ok")
        missed += over
        print(f"{name:<16} {mb:>9.1f} {wall:>8} {peak:>8}  {status}", flush=True)
        results.append({"shape": name, "mb": round(mb, 2), **res, "over_budget": over})
    if args.json:
        _write(args.json, json.dumps(results, indent=1) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
