#!/usr/bin/env python3
"""Benchmark of ``textdiff scan`` on the KCNA archive (136,276 articles, 205 M characters).

    python benchmarks/scan_bench.py [--sizes 10000,30000,all] [--jobs 2] [--sample 3]
    python benchmarks/scan_bench.py --study        # inverted index vs MinHash/LSH, measured
    python benchmarks/scan_bench.py --dask-check 2012   # one year: Dask LocalCluster == in-process

For each size, the first N articles in date order (whole year files, then the
first lines of the next) are scanned from scratch into a fresh index, as a
user would run it: ``textdiff scan FILES --index I --jobs 2``. Printed: wall
time, peak memory of the whole process tree (driver and workers, summed,
sampled every 0.2 s from /proc), seconds per 10k articles (flat = linear),
the scan's own phase times, then a second run over the same inputs (which
must do nothing new). For the largest size: pairs and families by relation
and a sample of families of each relation.

Needs ../shared/corpora/kcna-archive (or TEXTDIFF_SHARED). Stdlib only, apart
from textdiff itself (and numpy, which textdiff scan needs, for --study).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("TEXTDIFF_SHARED", REPO.parent / "shared"))
ARCHIVE = SHARED / "corpora" / "kcna-archive"
REVISIONS = SHARED / "corpora" / "kcna-revisions-2024"
LIMIT_SECONDS = 600
LIMIT_BYTES = 4 << 30


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            pass
    return total


def run(cmd: list[str]) -> tuple[float, int, str]:
    """Run ``cmd``; return wall seconds, peak tree RSS in bytes, and stdout."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return elapsed, peak, out.decode()


def year_files() -> list[Path]:
    files = sorted(ARCHIVE.glob("*.jsonl.gz"))
    if not files:
        sys.exit(f"no archive at {ARCHIVE}")
    return files


def subset(n: int | None, folder: Path) -> tuple[list[Path], int]:
    """The first ``n`` articles (all when None): whole years, then part of the next."""
    files = year_files()
    if n is None:
        total = 0
        for f in files:
            with gzip.open(f, "rb") as fh:
                total += sum(1 for _ in fh)
        return files, total
    out, left = [], n
    for f in files:
        with gzip.open(f, "rb") as fh:
            lines = fh.readlines()
        if len(lines) <= left:
            out.append(f)
            left -= len(lines)
        else:
            part = folder / f.name
            part.write_bytes(gzip.compress(b"".join(lines[:left]), compresslevel=1))
            out.append(part)
            left = 0
        if not left:
            break
    return out, n - left


def scan_size(label: str, n: int | None, jobs: int, sample: int, last: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        folder = Path(tmp)
        files, count = subset(n, folder)
        index = folder / "index.sqlite"
        base = [sys.executable, "-m", "textdiff", "scan", *map(str, files), "--index", str(index)]
        seconds, peak, out = run([*base, "--jobs", str(jobs), "--no-progress"])
        phases = next((ln for ln in out.splitlines() if ln.startswith("time:")), "")
        again, _, _ = run([*base, "--no-progress"])
        _, _, lines = run([*base, "--format", "jsonl"])
        records = [json.loads(line) for line in lines.splitlines()]
        summary = records[-1]
        row: dict[str, object] = {
            "size": label,
            "articles": count,
            "seconds": round(seconds, 1),
            "peak_mb": round(peak / 2**20),
            "s_per_10k": round(seconds / count * 10_000, 1),
            "rerun_seconds": round(again, 1),
            "rerun_new": summary["run"]["documents_read"],
            "pairs": summary["pairs"],
            "families": summary["families"],
            "index_mb": round(index.stat().st_size / 2**20),
        }
        print(
            f"{label:>7} {count:>8,} articles  {seconds:7.1f} s  {peak / 2**30:5.2f} GB peak  "
            f"{row['s_per_10k']:5.1f} s/10k  rerun {again:4.1f} s  "
            f"{summary['pairs']:,} pairs, {summary['families']:,} families  [{phases[6:]}]",
            flush=True,
        )
        if last:
            print(f"\npairs by relation:    {summary['pairs_by_relation']}")
            print(f"families by relation: {summary['families_by_relation']}")
            sizes = Counter(r["size"] for r in records if r["type"] == "family")
            print(f"family sizes: {dict(sorted(sizes.items()))}")
            show_sample(records, sample)
        return row


def show_sample(records: list[dict], per_relation: int) -> None:
    families = [r for r in records if r["type"] == "family"]
    shown: set[int] = set()
    for relation in ("duplicate", "variant", "contains", "contained-in", "overlap"):
        having = [f for f in families if relation in f["relations"]]
        count = len(having)
        # Families not shown under an earlier relation (the largest holds them all).
        having = [f for f in having if f["family"] not in shown] or having
        # A spread, not just the largest: every len/per-th family holding the relation.
        step = max(1, len(having) // per_relation)
        print(f"\n-- {relation}: {count:,} families; a sample --")
        for f in having[::step][:per_relation]:
            shown.add(f["family"])
            print(f"family {f['family']} ({f['size']} documents: {f['relations']})")
            for m in f["members"][:4]:
                meta = m["metadata"]
                print(f"    {m['id']}  {meta.get('date', '')}  {meta.get('title', '')[:80]}")
            if f["size"] > 4:
                print(f"    … and {f['size'] - 4} more")


def study(size: int) -> None:
    """Candidate generation, measured: inverted index (what scan uses) vs MinHash/LSH.

    Both work on the same sampled 5-word shingle sets of the first ``size``
    articles plus the 41 revision texts and the five samples, planted to
    measure recall on known pairs (20 revisions, the speech inside the bulletin).
    """
    import numpy as np

    from textdiff.scan.candidates import Thresholds, find_candidates
    from textdiff.scan.readers import discover, group_text, plan, read_partition

    with tempfile.TemporaryDirectory() as tmp:
        files, _ = subset(size, Path(tmp))
        sources, _ = discover([*map(str, files), str(REVISIONS / "groups"),
                               *map(str, sorted((REPO / "samples").glob("*.txt")))])  # fmt: skip
        parts = [p for s in sources if s.kind == "jsonl" for p in plan(s)]
        parts += group_text([s for s in sources if s.kind == "text"])
        docs = [d for p in parts for d in read_partition(p).docs]
    docs.sort(key=lambda d: (d.source, d.key))
    names = [d.name for d in docs]
    sets = [np.frombuffer(d.shingles, dtype="<u8").astype(np.uint64) for d in docs]
    where = {n: i for i, n in enumerate(names)}
    truth = {(where[str(g / "v1.txt")], where[str(g / "v2.txt")])
             for g in sorted((REVISIONS / "groups").iterdir())}  # fmt: skip
    samples = REPO / "samples"
    truth.add(
        (where[str(samples / "closing-address.txt")], where[str(samples / "embassy-bulletin.txt")])
    )
    print(f"{len(docs):,} documents, {sum(map(len, sets)):,} sampled shingles, "
          f"{len(truth)} known pairs")  # fmt: skip

    t = time.monotonic()
    c = find_candidates(sets, np.ones(len(sets), bool), Thresholds())
    found = set(zip(c.a.tolist(), c.b.tolist(), strict=True))
    print(
        f"inverted index (weighted containment >= 0.25): {time.monotonic() - t:5.1f} s  "
        f"{len(found):>9,} candidates  recall {len(found & truth)}/{len(truth)}"
    )

    t = time.monotonic()
    k = 128
    rng = np.random.default_rng(0)
    mul = rng.integers(1, 2**63, k, dtype=np.uint64) | np.uint64(1)
    add = rng.integers(0, 2**63, k, dtype=np.uint64)
    lengths = np.array([len(s) for s in sets])
    nonempty = np.flatnonzero(lengths)
    flat = np.concatenate([sets[i] for i in nonempty])
    starts = np.r_[0, np.cumsum(lengths[nonempty])[:-1]]
    sig = np.empty((len(nonempty), k), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            sig[:, j] = np.minimum.reduceat(flat * mul[j] + add[j], starts)
    print(f"MinHash signatures (k={k}): {time.monotonic() - t:5.1f} s")
    for bands, rows in ((32, 4), (42, 3), (64, 2)):
        t = time.monotonic()
        pairs: set[tuple[int, int]] = set()
        for b in range(bands):
            key = np.zeros(len(sig), dtype=np.uint64)
            with np.errstate(over="ignore"):
                for r in range(rows):
                    key = key * np.uint64(0x9E3779B97F4A7C15) + sig[:, b * rows + r]
            order = np.argsort(key, kind="stable")
            key, ids = key[order], nonempty[order]
            cut = np.flatnonzero(np.r_[True, key[1:] != key[:-1], True])
            for lo, hi in pairwise(cut):
                if 2 <= hi - lo <= 100:  # the same boilerplate cut-off as the index
                    members = sorted(ids[lo:hi].tolist())
                    pairs.update((x, y) for i, x in enumerate(members) for y in members[i + 1 :])
        print(f"LSH {bands} bands x {rows} rows: {time.monotonic() - t:5.1f} s  "
              f"{len(pairs):>9,} candidates  recall {len(pairs & truth)}/{len(truth)}")  # fmt: skip


def dask_check(year: str) -> None:
    """One year's file scanned in-process and on a Dask LocalCluster: the same records?"""
    path = ARCHIVE / f"{year}.jsonl.gz"
    outs = []
    for extra in ([], ["--dask-local", "2"]):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "textdiff", "scan", str(path), "--format", "jsonl",
                   "--index", f"{tmp}/i.sqlite", *extra]  # fmt: skip
            seconds, peak, out = run(cmd)
            outs.append(out)
            print(f"{' '.join(extra) or 'in-process':>15}: {seconds:5.1f} s, "
                  f"{peak / 2**30:.2f} GB peak, {len(out.splitlines()) - 1:,} records")  # fmt: skip
    same = outs[0] == outs[1]
    print(f"{year}: pairs and families {'identical' if same else 'DIFFER'} (byte for byte)")
    if not same:
        sys.exit(1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="10000,30000,all")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=3, help="families shown per relation")
    ap.add_argument("--study", action="store_true", help="inverted index vs MinHash/LSH")
    ap.add_argument("--study-size", type=int, default=10_000)
    ap.add_argument("--dask-check", metavar="YEAR", default=None)
    args = ap.parse_args()
    if args.study:
        study(args.study_size)
        return
    if args.dask_check:
        dask_check(args.dask_check)
        return
    sizes = [s.strip() for s in args.sizes.split(",")]
    print(f"textdiff scan on {ARCHIVE} with --jobs {args.jobs} ({os.cpu_count()} CPUs)")
    rows = []
    for i, s in enumerate(sizes):
        n = None if s == "all" else int(s)
        rows.append(scan_size(s, n, args.jobs, args.sample, i == len(sizes) - 1))
    worst = max(float(r["seconds"]) for r in rows)  # type: ignore[arg-type]
    peak = max(int(r["peak_mb"]) for r in rows)  # type: ignore[call-overload]
    # Growth exponent between the smallest and the largest size: time ~ n^e.
    # Fixed costs (start-up, imports) make small runs dearer per article, so
    # e is a little under 1 for a linear scan; 2 would be all-pairs.
    first, last = rows[0], rows[-1]
    ratio = int(last["articles"]) / int(first["articles"])  # type: ignore[call-overload]
    growth = math.log(float(last["seconds"]) / float(first["seconds"])) / math.log(ratio)  # type: ignore[arg-type]
    print(
        f"\nacceptance: slowest {worst:.0f} s (limit {LIMIT_SECONDS}), peak {peak} MB "
        f"(limit {LIMIT_BYTES >> 20}), time grows as n^{growth:.2f} "
        f"({'near-linear' if growth <= 1.15 else 'NOT linear'})"
    )
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
