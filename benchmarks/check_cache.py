#!/usr/bin/env python3
"""Benchmark of ``textdiff check``'s result cache: the same 100 pairs checked twice.

    python benchmarks/check_cache.py [--pairs N] [--seed S] [--jobs J] [--keep DIR]

Generates N (reference, copy) pairs deterministically into a temporary directory: references
are the samples and the KCNA revisions (../shared/corpora/kcna-revisions-2024, both versions of
each article), copies are the reference with small seeded edits (curly quotes straightened,
British spellings Americanized, a word substituted in a third of them, a paragraph dropped in a
tenth). A ``textdiff.toml`` pairs ``transcripts/`` with ``reference/`` by name. Then it runs
``textdiff check`` twice as a user would (a fresh process each time, empty cache first) and
prints both wall times and their ratio; the acceptance bar is a ratio of at least 10.
Stdlib only; the timings include interpreter start-up, which the cache cannot remove.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("TEXTDIFF_SHARED", REPO.parent / "shared"))
KCNA = SHARED / "corpora" / "kcna-revisions-2024" / "groups"

SPELLING = {
    "behaviour": "behavior",
    "fulfil ": "fulfill ",
    "honour": "honor",
    "vigour": "vigor",
    "programme": "program",
    "labour": "labor",
    "centre": "center",
    "defence": "defense",
    "organisation": "organization",
}
WORDS = re.compile(r"\b[a-z]{5,}\b")


def sources() -> list[str]:
    """The texts references are made of, in a fixed order."""
    paths = sorted((REPO / "samples").glob("*.txt"))
    if KCNA.is_dir():
        paths += sorted(KCNA.glob("*/v[12].txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def make_copy(text: str, rng: random.Random) -> str:
    """The reference with small seeded edits, mostly ones the default profile ignores."""
    out = text.replace("’", "'").replace("“", '"').replace("”", '"')
    for british, american in SPELLING.items():
        if rng.random() < 0.7:
            out = out.replace(british, american)
    if rng.random() < 0.33:
        words = list(WORDS.finditer(out))
        if words:
            m = rng.choice(words)
            out = out[: m.start()] + m.group()[::-1] + out[m.end() :]
    if rng.random() < 0.1:
        paras = out.split("\n\n") if "\n\n" in out else out.split("\n")
        if len(paras) > 4:
            del paras[rng.randrange(1, len(paras) - 1)]
            out = ("\n\n" if "\n\n" in text else "\n").join(paras)
    return out


def generate(root: Path, n: int, seed: int) -> None:
    texts = sources()
    (root / "reference").mkdir(parents=True)
    (root / "transcripts").mkdir()
    for i in range(n):
        rng = random.Random(seed * 1000 + i)
        text = texts[i % len(texts)]
        name = f"p{i:03d}.txt"
        (root / "reference" / name).write_text(text, encoding="utf-8")
        (root / "transcripts" / name).write_text(make_copy(text, rng), encoding="utf-8")
    (root / "textdiff.toml").write_text(
        '[[check]]\nname = "benchmark"\nreference-dir = "reference"\ncopy-dir = "transcripts"\n',
        encoding="utf-8",
    )


# Runs the real command in a fresh process, timing it from inside as well: what the cache can
# save is the checking, not the interpreter's start-up and imports (about 0.4 s on its own).
CHILD = """
import contextlib, io, json, sys, time
from textdiff.cli import main
import textdiff.commands.check, textdiff.check.cache, textdiff.check.jsonl  # imports: untimed
out = io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
seconds = time.perf_counter() - start
sys.__stdout__.write(json.dumps({"seconds": seconds, "code": code, "output": out.getvalue()}))
"""


def run_check(root: Path, jobs: int | None) -> tuple[float, float, int, str]:
    """(seconds checking, seconds for the whole process, exit status, JSON Lines output)."""
    args = [sys.executable, "-c", CHILD, "check", "--format", "json"]
    if jobs is not None:
        args += ["--jobs", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    start = time.perf_counter()
    res = subprocess.run(args, cwd=root, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"benchmark child failed ({res.returncode}): {res.stderr.decode()}")
    data = json.loads(res.stdout)
    if data["code"] not in (0, 1):
        sys.exit(f"textdiff check failed ({data['code']}): {res.stderr.decode()}")
    return float(data["seconds"]), elapsed, int(data["code"]), str(data["output"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1859)
    ap.add_argument("--jobs", type=int, default=None, help="textdiff check --jobs (default: all)")
    ap.add_argument("--keep", type=Path, default=None, help="generate here and keep it")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="textdiff-check-bench-"))
    root = args.keep or tmp / "repo"
    try:
        if root.exists():
            shutil.rmtree(root)
        generate(root, args.pairs, args.seed)
        cold, cold_all, rc1, out1 = run_check(root, args.jobs)
        warm, warm_all, rc2, out2 = run_check(root, args.jobs)
        if out1.replace('"cached": false', '"cached": true') != out2 or rc1 != rc2:
            sys.exit("the cached run reported something else than the first run")
        failed = out1.count('"status": "fail"')
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"textdiff check, {args.pairs} pairs ({failed} failing), {cores} cores")
        print(f"{'':28}{'checking':>10}{'whole process':>16}")
        print(f"{'  first run (empty cache)':28}{cold:>9.3f}s{cold_all:>15.3f}s")
        print(f"{'  second run (all cached)':28}{warm:>9.3f}s{warm_all:>15.3f}s")
        ratio, ratio_all = cold / warm, cold_all / warm_all
        print(f"{'  ratio':28}{ratio:>9.1f}x{ratio_all:>15.1f}x")
        verdict = "meets" if ratio >= 10 else "BELOW"
        print(f"checking is {ratio:.1f}x faster the second time: {verdict} the 10x bar; the whole")
        print(f"process includes {warm_all - warm:.2f} s of interpreter start-up and imports,")
        print("which no cache can remove")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
