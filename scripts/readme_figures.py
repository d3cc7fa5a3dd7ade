#!/usr/bin/env python3
"""The figures the README and docs/ quote, computed: rewrite them, or check they have not drifted.

    python scripts/readme_figures.py             # rewrite every marked figure in place
    python scripts/readme_figures.py --check     # list figures that differ; exit 1 if any
    python scripts/readme_figures.py --timings   # also re-measure the timing figures
    python scripts/readme_figures.py --scan      # also the whole archive's scan figures

A figure in a Markdown file is marked with HTML comments, which render as
nothing: ``<!-- fig:frankenstein.changes -->543<!-- /fig -->``. ``FIGURES``
says how each name is computed. Counts are deterministic and cheap, so
``tests/test_docs.py`` runs the check on every test run and fails when the code
and the text disagree; timings vary with the machine, so they are measured
only with ``--timings`` (by the benchmarks named beside them) and never checked;
the whole archive's scan counts take a minute, so only ``--scan`` computes them.
A figure whose inputs are absent (the shared corpora) is skipped.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARK = re.compile(r"<!-- fig:([\w.]+) -->(.*?)<!-- /fig -->", re.S)

sys.path.insert(0, str(ROOT))


class Unavailable(Exception):
    """The figure's inputs are not on this machine."""


def _table_rows(name: str) -> int:
    path = ROOT / "textdiff" / "normalize" / "data" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if line and line[0] != "#")


@functools.cache
def _seed() -> dict[str, str]:
    import textdiff

    samples = ROOT / "samples"
    c = textdiff.compare(samples / "closing-address.txt", samples / "embassy-bulletin.txt")
    assert c.region is not None
    text_b = c.b.document.text
    b0 = text_b.count("\n", 0, c.region[1].start) + 1
    b1 = text_b.count("\n", 0, c.region[1].end) + 1
    edits = c.summary.region_edits
    return {
        "lines": f"{b0}–{b1}",
        "spelling": str(edits.get(textdiff.Category.SPELLING, 0)),
        "typography": str(edits.get(textdiff.Category.TYPOGRAPHY, 0)),
    }


def _report_facts(a: Path, b: Path) -> dict[str, str]:
    import textdiff
    from textdiff.display import number
    from textdiff.render.html import build, render

    if not (a.exists() and b.exists()):
        raise Unavailable(str(a))
    c = textdiff.compare(a, b)
    page = render(c, version=textdiff.__version__)
    return {
        "blocks": number(len(c.blocks)),
        "changes": number(build(c).changes),
        "edits": number(sum(c.summary.edits.values())),
        "substantive": number(c.summary.edits.get(textdiff.Category.SUBSTANTIVE, 0)),
        "size": f"{len(page.encode('utf-8')) / 1e6:.2f} MB",
    }


@functools.cache
def _r06() -> dict[str, str]:
    groups = sorted((SHARED / "corpora" / "kcna-revisions-2024" / "groups").glob("R06-*"))
    if not groups:
        raise Unavailable("kcna-revisions-2024")
    return _report_facts(groups[0] / "v1.txt", groups[0] / "v2.txt")


@functools.cache
def _frankenstein() -> dict[str, str]:
    full = SHARED / "corpora" / "frankenstein-variorum" / "full"
    return _report_facts(full / "1818.txt", full / "1831.txt")


@functools.cache
def _check_cache() -> dict[str, str]:
    """Three runs of benchmarks/check_cache.py: ranges of each figure."""
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "check_cache.py")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        first = re.search(r"first run \(empty cache\)\s+([\d.]+)s\s+([\d.]+)s", out)
        second = re.search(r"second run \(all cached\)\s+([\d.]+)s\s+([\d.]+)s", out)
        startup = re.search(r"includes ([\d.]+) s of interpreter", out)
        assert first and second and startup, out
        runs.append((float(first[1]), float(second[1]), float(startup[1])))

    return {
        "first": _span([r[0] for r in runs], ".2f"),
        "second": _span([r[1] for r in runs], ".3f"),
        "ratio": _span([r[0] / r[1] for r in runs], ".0f"),
        "startup": _span([r[2] for r in runs], ".2f"),
    }


def _span(values: list[float], fmt: str) -> str:
    lo, hi = min(values), max(values)
    return format(lo, fmt) if format(lo, fmt) == format(hi, fmt) else f"{lo:{fmt}}–{hi:{fmt}}"


@functools.cache
def _batch() -> dict[str, str]:
    """50 copies of the seed pair: one ``compare --pairs`` process, against 50 processes."""
    import tempfile
    import time

    samples = ROOT / "samples"
    pair = (str(samples / "closing-address.txt"), str(samples / "embassy-bulletin.txt"))
    textdiff = [sys.executable, "-m", "textdiff", "compare"]
    one: list[float] = []
    many: list[float] = []
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as fh:
        fh.write("".join(f"{pair[0]}\t{pair[1]}\n" for _ in range(50)))
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [*textdiff, "--pairs", fh.name, "--format", "json"],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        one.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _ in range(50):
            subprocess.run(
                [*textdiff, *pair, "--format", "json"], stdout=subprocess.DEVNULL, check=False
            )
        many.append(time.perf_counter() - t)
    Path(fh.name).unlink()
    return {"one": _span(one, ".2f"), "many": _span(many, ".1f")}


@functools.cache
def _scan() -> dict[str, str]:
    """The whole KCNA archive scanned from scratch (about a minute on 2 cores)."""
    import tempfile

    archive = SHARED / "corpora" / "kcna-archive"
    if not archive.is_dir():
        raise Unavailable(archive)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scan.jsonl"
        cmd = [sys.executable, "-m", "textdiff", "scan", str(archive), "--jobs", "2"]
        cmd += ["--index", str(Path(tmp) / "i.sqlite"), "--format", "jsonl", "-o", str(out)]
        subprocess.run(cmd, check=True, capture_output=True, cwd=tmp)
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    summary = next(r for r in records if r["type"] == "summary")
    sizes = [r["size"] for r in records if r["type"] == "family"]
    figures = {
        "pairs": f"{summary['pairs']:,}",
        "families": f"{summary['families']:,}",
        "twos": f"{sizes.count(2):,}",
        "largest": f"{max(sizes):,}",
    }
    for kind, counts in (("pairs", "pairs_by_relation"), ("families", "families_by_relation")):
        for relation, n in summary[counts].items():
            figures[f"{kind}.{relation}"] = f"{n:,}"
    return figures


FIGURES: dict[str, Callable[[], str]] = {
    "spelling.en": lambda: f"{_table_rows('spelling_en.tsv'):,}",
    "spelling.old": lambda: f"{_table_rows('spelling_old.tsv'):,}",
    "spelling.ko": lambda: f"{_table_rows('romanization_ko.tsv'):,}",
    "seed.lines": lambda: _seed()["lines"],
    "seed.spelling": lambda: _seed()["spelling"],
    "seed.typography": lambda: _seed()["typography"],
    "r06.changes": lambda: _r06()["changes"],
    "r06.substantive": lambda: _r06()["substantive"],
    "frankenstein.blocks": lambda: _frankenstein()["blocks"],
    "frankenstein.changes": lambda: _frankenstein()["changes"],
    "frankenstein.edits": lambda: _frankenstein()["edits"],
    "frankenstein.size": lambda: _frankenstein()["size"],
}

TIMINGS: dict[str, Callable[[], str]] = {
    "check.first": lambda: _check_cache()["first"],
    "check.second": lambda: _check_cache()["second"],
    "check.ratio": lambda: _check_cache()["ratio"],
    "check.startup": lambda: _check_cache()["startup"],
    "batch.one": lambda: _batch()["one"],
    "batch.many": lambda: _batch()["many"],
}


_SCAN_NAMES = ["pairs", "families", "twos", "largest"] + [
    f"{kind}.{relation}"
    for kind in ("pairs", "families")
    for relation in ("duplicate", "variant", "contains", "contained-in", "overlap")
]
# The whole archive's scan: counts, deterministic, but a minute to compute, so like the
# timings they are computed only when asked (--scan), never on a test run.
SCAN: dict[str, Callable[[], str]] = {
    f"scan.{name}": functools.partial(lambda n: _scan()[n], name) for name in _SCAN_NAMES
}


def drift(timings: bool = False, scan: bool = False) -> list[tuple[Path, str, str, str]]:
    """(file, name, written, computed) for every marked figure that differs."""
    table = {**FIGURES, **(TIMINGS if timings else {}), **(SCAN if scan else {})}
    out = []
    for path in FILES:
        for m in MARK.finditer(path.read_text(encoding="utf-8")):
            name, written = m.group(1), m.group(2)
            if (name in TIMINGS and not timings) or (name in SCAN and not scan):
                continue
            if name not in table:
                out.append((path, name, written, "(no such figure)"))
                continue
            try:
                value = table[name]()
            except Unavailable:
                continue
            if value != written:
                out.append((path, name, written, value))
    return out


def rewrite(timings: bool, scan: bool) -> int:
    changed = drift(timings, scan)
    for path in {p for p, *_ in changed}:
        values = {name: value for p, name, _, value in changed if p == path}

        def put(m: re.Match[str], values: dict[str, str] = values) -> str:
            return f"<!-- fig:{m[1]} -->{values.get(m[1], m[2])}<!-- /fig -->"

        text = MARK.sub(put, path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    for path, name, old, new in changed:
        print(f"{path.relative_to(ROOT)}: {name}: {old} -> {new}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report drift; exit 1 if any")
    ap.add_argument("--timings", action="store_true", help="also re-measure timing figures")
    ap.add_argument("--scan", action="store_true", help="also scan the whole KCNA archive")
    args = ap.parse_args()
    if args.check:
        found = drift(args.timings, args.scan)
        print(json.dumps([(str(p.relative_to(ROOT)), n, w, v) for p, n, w, v in found], indent=1))
        return 1 if found else 0
    return rewrite(args.timings, args.scan)


if __name__ == "__main__":
    sys.exit(main())
