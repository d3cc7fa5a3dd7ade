#!/usr/bin/env python3
r"""Benchmark of ``textdiff scan`` on the KCNA archive (136,276 articles, 205 M characters).

    python benchmarks/scan_bench.py [--sizes 10000,30000,all] [--jobs 2] [--sample 3]
    python benchmarks/scan_bench.py --sizes all --index kcna.sqlite   # keep the whole-archive index
    python benchmarks/scan_bench.py --labels-only kcna.sqlite   # the label figures of a kept index
    python benchmarks/scan_bench.py --study        # inverted index vs MinHash/LSH, measured
    python benchmarks/scan_bench.py --dask-check 2012   # a year (or all): Dask == in-process

For each size, the first N articles in date order (whole year files, then the
first lines of the next) are scanned from scratch into a fresh index, as a
user would run it: ``textdiff scan FILES --index I --jobs 2``. Printed: wall
time, peak memory of the whole process tree (driver and workers, summed,
sampled every 0.2 s from /proc), seconds per 10k articles (flat = linear),
the scan's own phase times, then a second run over the same inputs (which
must read and compare nothing). For the whole archive, then:

- the development labels (``../shared/eval-dev/kcna-families-dev.json``):
  groups whose members are all in one family (and, for the others, whether
  their members share any text at all); edited republications found as
  variant or duplicate; partial-reuse pairs found (each member of a summary,
  serial, overview or excerpt group with the group's longest text, as
  contains, contained-in or overlap); template pairs not called duplicate,
  and the size of the family they are in;
- precision: of the reported pairs, how many share a passage of their own:
  a run of at least 8 words that at most ``FEW_DOZEN`` articles of the
  archive contain. An oracle independent of textdiff (lower-cased ``\w+``
  words, every 8-word run of every article hashed and counted), over every
  reported pair (``--precision-sample N`` for a random sample);
- the largest family, its relations and its first members: why it is so big;
- pairs and families by relation, family sizes, a sample of each relation.

The load average is printed first: other work on the two cores slows a run.
Needs ../shared/corpora/kcna-archive (or TEXTDIFF_SHARED). Stdlib only, apart
from textdiff itself and numpy (which textdiff scan needs) for the oracle.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = Path(os.environ.get("TEXTDIFF_SHARED", REPO.parent / "shared"))
ARCHIVE = SHARED / "corpora" / "kcna-archive"
REVISIONS = SHARED / "corpora" / "kcna-revisions-2024"
LABELS = SHARED / "eval-dev" / "kcna-families-dev.json"
LIMIT_SECONDS = 120
LIMIT_BYTES = 2 << 30
FEW_DOZEN = 36  # "a passage of their own": a run of 8+ words at most this many articles hold
RUN_WORDS = 8
PARTIAL = ("summary_vs_full", "serial_parts_vs_compiled", "overview_plus_serial_parts",
           "long_text_vs_excerpt_articles")  # fmt: skip
EDITED = "edited_republication"
TEMPLATE = "hard_negative_template_reuse"


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


def scan_size(
    label: str, n: int | None, jobs: int, keep: str | None, folder: Path
) -> tuple[dict[str, object], list[dict]]:
    """Scan the first ``n`` articles from scratch; the figures and the JSON Lines records."""
    files, count = subset(n, folder)
    index = Path(keep) if keep else folder / f"index-{label}.sqlite"
    for old in (index, Path(f"{index}-wal"), Path(f"{index}-shm")):
        old.unlink(missing_ok=True)
    base = [sys.executable, "-m", "textdiff", "scan", *map(str, files), "--index", str(index)]
    seconds, peak, out = run([*base, "--jobs", str(jobs), "--no-progress"])
    phases = next((ln for ln in out.splitlines() if ln.startswith("time:")), "")
    again, _, _ = run([*base, "--format", "jsonl", "-o", str(folder / "again.jsonl")])
    again_run = json.loads((folder / "again.jsonl").read_text().splitlines()[-1])["run"]
    _, _, lines = run([sys.executable, "-m", "textdiff", "scan", "--index", str(index),
                       "--format", "jsonl"])  # fmt: skip
    records = [json.loads(line) for line in lines.splitlines()]
    summary = records[-1]
    new = again_run["documents_read"] + again_run["candidates"] + again_run["verified"]
    row: dict[str, object] = {
        "size": label,
        "articles": count,
        "seconds": round(seconds, 1),
        "peak_mb": round(peak / 2**20),
        "s_per_10k": round(seconds / count * 10_000, 1),
        "rerun_seconds": round(again, 1),
        "rerun_new": new,
        "pairs": summary["pairs"],
        "families": summary["families"],
        "index_mb": round(index.stat().st_size / 2**20),
    }
    print(
        f"{label:>7} {count:>8,} articles  {seconds:7.1f} s  {peak / 2**30:5.2f} GB peak  "
        f"{row['s_per_10k']:5.1f} s/10k  rerun {again:4.1f} s ({new} new)  "
        f"{summary['pairs']:,} pairs, {summary['families']:,} families  [{phases[6:]}]",
        flush=True,
    )
    return row, records


def read_archive() -> tuple[dict[str, str], dict[str, str]]:
    """Every article's text and title, by id."""
    texts: dict[str, str] = {}
    titles: dict[str, str] = {}
    for f in year_files():
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                texts[str(obj["id"])] = obj["text"]
                titles[str(obj["id"])] = str(obj.get("title", "")).strip()
    return texts, titles


_WORD = re.compile(r"\w+")


class RunOracle:
    """Runs of ``RUN_WORDS`` words two articles share, and how many articles hold each.

    Independent of textdiff: words are lower-cased ``\\w+`` matches, each run
    of 8 is hashed (a polynomial over word numbers, mod 2**64), and a run's
    count is the number of articles of the whole archive that contain it.
    """

    def __init__(self, texts: dict[str, str]) -> None:
        import numpy as np

        self.np = np
        self.vocab: dict[str, int] = {}
        self.ids = list(texts)
        self.grams = [self._grams(texts[i]) for i in self.ids]
        self.where = {d: n for n, d in enumerate(self.ids)}

    def _grams(self, text: str) -> Any:
        np = self.np
        vocab = self.vocab
        words = np.fromiter(
            (vocab.setdefault(w, len(vocab) + 1) for w in _WORD.findall(text.lower())),
            dtype=np.uint64,
        )
        n = len(words) - RUN_WORDS + 1
        if n <= 0:
            return np.zeros(0, dtype=np.uint64)
        h = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for k in range(RUN_WORDS):
                h = h * np.uint64(0x100000001B3) + words[k : k + n]
        return np.unique(h)

    def shared(self, a: str, b: str) -> Any:
        return self.np.intersect1d(self.grams[self.where[a]], self.grams[self.where[b]])

    def counts(self, runs: Any) -> dict[int, int]:
        """How many articles hold each run of ``runs``."""
        np = self.np
        runs = np.unique(runs)
        total = np.zeros(len(runs), dtype=np.int64)
        for g in self.grams:
            total[np.searchsorted(runs, g[np.isin(g, runs, assume_unique=True)])] += 1
        return dict(zip(runs.tolist(), total.tolist(), strict=True))


def precision(records: list[dict], oracle: RunOracle, sample: int | None) -> None:
    """Of the reported pairs (or a sample), the share that holds a passage of its own."""
    import random

    np = oracle.np
    pairs = [(r["a"]["id"], r["b"]["id"], r["relation"]) for r in records if r["type"] == "pair"]
    if sample and sample < len(pairs):
        pairs = random.Random(0).sample(pairs, sample)
    shared = [oracle.shared(a, b) for a, b, _ in pairs]
    counts = oracle.counts(np.concatenate(shared)) if shared else {}
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()
    long = 0  # a passage of 12 words or more: five 8-word runs of its own at least
    for (_, _, relation), runs in zip(pairs, shared, strict=True):
        total[relation] += 1
        mine = sum(counts[r] <= FEW_DOZEN for r in runs.tolist())
        own[relation] += mine > 0
        long += mine >= 5
    n, k = sum(total.values()), sum(own.values())
    by = ", ".join(f"{rel} {own[rel]}/{total[rel]}" for rel in sorted(total))
    what = f"a random sample of {n:,}" if sample and sample < n else f"all {n:,}"
    print(
        f"\nprecision: {k:,} of {what} reported pairs share a run of {RUN_WORDS}+ words that at"
        f" most {FEW_DOZEN} articles hold: {k / max(n, 1):.1%} (acceptance: 95%)\n    {by}\n"
        f"    five such runs or more (a passage of 12+ words): {long / max(n, 1):.1%}"
    )


def evaluate_labels(records: list[dict], oracle: RunOracle, titles: dict[str, str]) -> None:
    """The development labels against the scan's families and pairs."""
    groups = json.loads(LABELS.read_text(encoding="utf-8"))["groups"]
    family_of: dict[str, int] = {}
    relation: dict[frozenset[str], str] = {}
    sizes: dict[int, int] = {}
    for r in records:
        if r["type"] == "pair":
            relation[frozenset((r["a"]["id"], r["b"]["id"]))] = r["relation"]
        elif r["type"] == "family":
            sizes[r["family"]] = r["size"]
            for m in r["members"]:
                family_of[m["id"]] = r["family"]
    joined = split_no_text = 0
    positive = [g for g in groups if g["relation"] != TEMPLATE]
    print(f"\ndevelopment labels: {len(groups)} groups ({LABELS})")
    for g in positive:
        ids = [m["id"] for m in g["members"]]
        fams = {family_of.get(i) for i in ids}
        if len(fams) == 1 and None not in fams:
            joined += 1
            continue
        share_text = any(len(oracle.shared(a, b)) for a, b in combinations(ids, 2))
        split_no_text += not share_text
        why = "members share some text" if share_text else "members share no text at all"
        print(f"    not joined: {g['group']} {g['relation']} ({why}): families "
              f"{[family_of.get(i) for i in ids]}")  # fmt: skip
    print(f"groups whose members are all joined: {joined}/{len(positive)}"
          f" (not joined and sharing no text: {split_no_text})")  # fmt: skip

    edited = [relation.get(frozenset(p)) for g in groups if g["relation"] == EDITED
              for p in combinations([m["id"] for m in g["members"]], 2)]  # fmt: skip
    found = sum(r in ("variant", "duplicate") for r in edited)
    print(f"edited republications found as variant or duplicate: {found}/{len(edited)} pairs")

    partial: list[tuple[str, str, str, str | None]] = []
    for g in groups:
        if g["relation"] not in PARTIAL:
            continue
        ids = [m["id"] for m in g["members"]]
        host = max(ids, key=lambda i: (len(oracle.grams[oracle.where[i]]), i))
        partial += [(g["group"], host, i, relation.get(frozenset((host, i)))) for i in ids
                    if i != host]  # fmt: skip
    as_partial = sum(r in ("contains", "contained-in", "overlap") for *_, r in partial)
    other = Counter(r for *_, r in partial if r not in ("contains", "contained-in", "overlap"))
    rate = as_partial / max(len(partial), 1)
    print(f"partial-reuse pairs found: {as_partial}/{len(partial)} as contains, contained-in or"
          f" overlap ({rate:.0%}, acceptance 95%); otherwise: {dict(other)}")  # fmt: skip
    for group, host, i, r in partial:
        if r not in ("contains", "contained-in", "overlap"):
            print(f"    missed: {group} {i} with {host}: {r}")

    for g in groups:
        if g["relation"] != TEMPLATE:
            continue
        ids = [m["id"] for m in g["members"]]
        rels = [relation.get(frozenset(p)) for p in combinations(ids, 2)]
        fams = sorted({family_of[i] for i in ids if i in family_of})
        print(f"template {g['group']}: relations {rels} (never duplicate:"
              f" {'yes' if 'duplicate' not in rels else 'NO'}); in families of"
              f" {[sizes[f] for f in fams] or 'none'} documents")  # fmt: skip

    families = [r for r in records if r["type"] == "family"]
    if families:
        big = families[0]
        print(f"\nlargest family: {big['size']} documents ({big['relations']}), acceptance <= 40;"
              " its first members:")  # fmt: skip
        for m in big["members"][:8]:
            print(f"    {m['id']}  {titles.get(m['id'], '')[:80]}")


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
    c = find_candidates(sets, Thresholds())
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
    """One year's file (or ``all``) scanned in-process and on a Dask LocalCluster: the same?"""
    path = ARCHIVE if year == "all" else ARCHIVE / f"{year}.jsonl.gz"
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


def report_whole(records: list[dict], sample: int, precision_sample: int | None) -> None:
    """For the whole archive: labels, precision, the largest family, relations, samples."""
    t = time.monotonic()
    texts, titles = read_archive()
    oracle = RunOracle(texts)
    del texts
    print(f"\n(oracle: {len(oracle.ids):,} articles' {RUN_WORDS}-word runs hashed in"
          f" {time.monotonic() - t:.0f} s)")  # fmt: skip
    evaluate_labels(records, oracle, titles)
    precision(records, oracle, precision_sample)
    summary = records[-1]
    print(f"\npairs by relation:    {summary['pairs_by_relation']}")
    print(f"families by relation: {summary['families_by_relation']}")
    sizes = Counter(r["size"] for r in records if r["type"] == "family")
    print(f"family sizes: {dict(sorted(sizes.items()))}")
    show_sample(records, sample)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="10000,30000,all")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=3, help="families shown per relation")
    ap.add_argument("--index", default=None, help="keep the largest size's index in this file")
    ap.add_argument(
        "--labels-only",
        metavar="INDEX",
        default=None,
        help="label and precision figures of a whole-archive index already built",
    )
    ap.add_argument(
        "--precision-sample",
        type=int,
        default=None,
        help="check a random sample of this many pairs (default: all)",
    )
    ap.add_argument("--study", action="store_true", help="inverted index vs MinHash/LSH")
    ap.add_argument("--study-size", type=int, default=10_000)
    ap.add_argument("--dask-check", metavar="YEAR", default=None, help="a year, or all")
    args = ap.parse_args()  # fmt: skip
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
          f" ({os.cpu_count()} CPUs)")  # fmt: skip
    if args.study:
        study(args.study_size)
        return
    if args.dask_check:
        dask_check(args.dask_check)
        return
    if args.labels_only:
        _, _, lines = run([sys.executable, "-m", "textdiff", "scan", "--index", args.labels_only,
                           "--format", "jsonl"])  # fmt: skip
        records = [json.loads(line) for line in lines.splitlines()]
        report_whole(records, args.sample, args.precision_sample)
        return
    sizes = [s.strip() for s in args.sizes.split(",")]
    print(f"textdiff scan on {ARCHIVE} with --jobs {args.jobs}")
    rows = []
    records: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        for i, s in enumerate(sizes):
            n = None if s == "all" else int(s)
            last = i == len(sizes) - 1
            row, records = scan_size(s, n, args.jobs, args.index if last else None, Path(tmp))
            rows.append(row)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    worst = max(float(r["seconds"]) for r in rows)  # type: ignore[arg-type]
    peak = max(int(r["peak_mb"]) for r in rows)  # type: ignore[call-overload]
    again = max(float(r["rerun_seconds"]) for r in rows)  # type: ignore[arg-type]
    new = sum(int(r["rerun_new"]) for r in rows)  # type: ignore[call-overload]
    # Growth exponent between the smallest and the largest size: time ~ n^e.
    # Fixed costs (start-up, imports) make small runs dearer per article, so
    # e is a little under 1 for a linear scan; 2 would be all-pairs.
    first, last_row = rows[0], rows[-1]
    if len(rows) > 1:
        ratio = int(last_row["articles"]) / int(first["articles"])  # type: ignore[call-overload]
        growth = math.log(float(last_row["seconds"]) / float(first["seconds"])) / math.log(ratio)  # type: ignore[arg-type]
        shape = (
            f"time grows as n^{growth:.2f} ({'near-linear' if growth <= 1.15 else 'NOT linear'})"
        )
    else:
        shape = "one size: no growth figure"
    print(
        f"\nacceptance: slowest {worst:.0f} s (limit {LIMIT_SECONDS}), peak {peak} MB "
        f"(limit {LIMIT_BYTES >> 20}), {shape}; a second run took at most {again:.1f} s "
        f"and read, matched or compared {new} new things"
    )
    print(json.dumps(rows))
    if sizes[-1] == "all":
        report_whole(records, args.sample, args.precision_sample)


if __name__ == "__main__":
    main()
