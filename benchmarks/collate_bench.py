"""Benchmark of ``textdiff collate`` beside CollateX, on what CollateX can finish.

    python benchmarks/collate_bench.py                 # everything (CollateX if importable)
    python benchmarks/collate_bench.py --quick         # no CollateX, no browser
    python benchmarks/collate_bench.py --collatex-python /tmp/cx/bin/python --collatex-words 250,500
    python benchmarks/collate_bench.py --json out.json

Sets (whole process, ``python -m textdiff collate ... --format json`` and ``--format html``,
measured by ``_measure.py``: wall seconds and the child's peak RSS; best of --runs):

* ``frankenstein``: the four editions in ``corpora/frankenstein-variorum/full`` (target <= 3 s);
* ``darwin``: the six editions of the Origin's chapter 1 (target <= 3 s);
* ``twenty``: 20 witnesses of a novel (target <= 15 s and <= 1 GB): the four Frankenstein
  editions and 16 copies, eight of 1818 and eight of 1831, each with its own seeded edits
  (accidentals: spellings, case, punctuation, quote styles; substantive word substitutions;
  paragraphs split, merged, dropped, added and moved). Generated into benchmarks/.cache/
  (same seed, same bytes; bump GEN_VERSION when the recipe changes);
* ``darwin-<K>w``: the six Darwin editions cut to their first K words, for CollateX
  (Python, ``collate(c, output="json", segmentation=False)``, as in the research note) beside
  textdiff on the same files. CollateX is optional and never a textdiff dependency: install
  it in a scratch venv (``pip install collatex python-Levenshtein``) and pass that python.

With Chromium and playwright present, the 20-witness HTML page is also opened headless:
load time (load event), first contentful paint, DOM size, and the time to open one row.
The header prints the load average: on a busy machine the figures are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
FV = SHARED / "corpora" / "frankenstein-variorum" / "full"
DARWIN = SHARED / "corpora" / "darwin-origin-collatex" / "editions"
CACHE = HERE / ".cache"
MEASURE = HERE / "_measure.py"
GEN_VERSION = 1
SEED = 1818

TARGETS = {"frankenstein": (3.0, None), "darwin": (3.0, None), "twenty": (15.0, 1024.0)}

SPELLINGS = {
    "honour": "honor", "colour": "color", "favour": "favor", "labour": "labor",
    "endeavour": "endeavor", "shew": "show", "shewed": "showed", "connexion": "connection",
    "grey": "gray", "towards": "toward", "amongst": "among", "encreased": "increased",
}  # fmt: skip
WORDS = ("night", "heart", "father", "friend", "mountain", "lake", "dream", "letter", "hope",
         "despair", "creature", "journey", "science", "winter", "fire")  # fmt: skip


def _edit_paragraph(rnd: random.Random, p: str) -> str:
    words = p.split(" ")
    for i, w in enumerate(words):
        core = w.strip(".,;:!?\"'“”‘’")
        x = rnd.random()
        if core.lower() in SPELLINGS and x < 0.5:
            words[i] = w.replace(core, SPELLINGS[core.lower()])
        elif x < 0.002:
            words[i] = rnd.choice(WORDS)  # substantive
        elif x < 0.004 and core:
            words[i] = w.replace(core, core.capitalize() if core.islower() else core.lower())
        elif x < 0.008:
            words[i] = w + "," if not w.endswith(",") else w[:-1]
    out = " ".join(words)
    if rnd.random() < 0.2:
        out = out.replace("“", '"').replace("”", '"')
    return out


def _copy(rnd: random.Random, paras: list[str]) -> str:
    out: list[str] = []
    k = 0
    while k < len(paras):
        p = _edit_paragraph(rnd, paras[k])
        x = rnd.random()
        if x < 0.005:
            k += 1
            continue  # dropped
        if x < 0.015 and k + 1 < len(paras):
            p = p + " " + _edit_paragraph(rnd, paras[k + 1])  # merged
            k += 1
        elif x < 0.035 and ". " in p:
            cut = p.index(". ") + 1
            out.append(p[:cut])
            p = p[cut + 1 :]  # split
        elif x < 0.040:
            out.append(rnd.choice(paras))  # a paragraph added from elsewhere
        out.append(p)
        k += 1
    i = rnd.randrange(len(out))
    out.insert(rnd.randrange(len(out)), out.pop(i))  # one paragraph moved
    return "\n\n".join(out) + "\n"


def twenty() -> list[Path]:
    folder = CACHE / f"collate20-v{GEN_VERSION}-{SEED}"
    names = ["1818", "1823", "Thomas", "1831"]
    real = [FV / f"{n}.txt" for n in names]
    made = [folder / f"copy-{k:02d}-{'1818' if k < 8 else '1831'}.txt" for k in range(16)]
    if not all(p.exists() for p in made):
        folder.mkdir(parents=True, exist_ok=True)
        rnd = random.Random(SEED)
        sources = {n: (FV / f"{n}.txt").read_text(encoding="utf-8").split("\n\n") for n in names}
        for k, path in enumerate(made):
            src = sources["1818" if k < 8 else "1831"]
            path.write_text(_copy(rnd, [p.strip() for p in src if p.strip()]), encoding="utf-8")
    return real + made


def darwin_cut(words: int) -> list[Path]:
    folder = CACHE / f"darwin-{words}w"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for src in sorted(DARWIN.glob("*.txt")):
        dst = folder / src.name
        if not dst.exists():
            tokens = re.findall(r"\S+|\s+", src.read_text(encoding="utf-8"))
            kept, n = [], 0
            for t in tokens:
                if not t.isspace():
                    n += 1
                    if n > words:
                        break
                kept.append(t)
            dst.write_text("".join(kept).rstrip() + "\n", encoding="utf-8")
        out.append(dst)
    return out


def measure(cmd: list[str], timeout: float) -> dict[str, object]:
    res = subprocess.run(
        [sys.executable, str(MEASURE), "--timeout", str(timeout), "--ok-rc", "0,1", "--", *cmd],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    try:
        got = json.loads(res.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"status": "error", "error": res.stderr.strip()[-200:]}
    out: dict[str, object] = {"status": got["status"], "error": got.get("error", "")}
    if got["status"] == "ok":
        out["wall_s"] = round(got["wall"], 3)
        out["peak_rss_mb"] = round(got["maxrss_kb"] / 1024, 1)
    return out


def best(cmd: list[str], runs: int, timeout: float) -> dict[str, object]:
    results = [measure(cmd, timeout) for _ in range(runs)]
    ok = [r for r in results if r.get("status") == "ok"]
    if not ok:
        return results[0]
    return min(ok, key=lambda r: float(r["wall_s"]))  # type: ignore[arg-type]


def collatex_cmd(python: str, files: list[Path]) -> list[str]:
    code = (
        "import sys, time\n"
        "from collatex import Collation, collate\n"
        "c = Collation()\n"
        "for p in sys.argv[1:]:\n"
        "    c.add_plain_witness(p.rsplit('/', 1)[-1], open(p, encoding='utf-8').read())\n"
        "collate(c, output='json', segmentation=False)\n"
    )
    return [python, "-c", code, *map(str, files)]


def counts(files: list[Path]) -> dict[str, int]:
    """Rows and sites of one run (read from the JSON, in this process)."""
    out = subprocess.run(
        [sys.executable, "-m", "textdiff", "collate", *map(str, files), "--format", "json"],
        capture_output=True, cwd=REPO, check=False,
    )  # fmt: skip
    data = json.loads(out.stdout)
    return {"rows": len(data["rows"]), "sites": len(data["sites"])}


def browser(page: Path) -> dict[str, object] | None:
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(chromium), args=["--no-sandbox"])
        p = b.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        p.goto(page.resolve().as_uri(), wait_until="load")
        wall = time.perf_counter() - start
        nav = p.evaluate(
            "(() => { const n = performance.getEntriesByType('navigation')[0];"
            " const f = performance.getEntriesByName('first-contentful-paint')[0];"
            " return {load: n.loadEventEnd, fcp: f ? f.startTime : null,"
            " nodes: document.getElementsByTagName('*').length}; })()"
        )
        open_ms = p.evaluate(
            "(() => new Promise(done => { const rows = document.querySelectorAll('section.row');"
            " const d = rows[Math.floor(rows.length / 2)].querySelector('details');"
            " const t = performance.now(); d.open = true;"
            " requestAnimationFrame(() => requestAnimationFrame(() =>"
            " done(performance.now() - t))); }))()"
        )
        b.close()
    return {
        "wall_s": round(wall, 3),
        "load_ms": round(nav["load"]),
        "fcp_ms": None if nav["fcp"] is None else round(nav["fcp"]),
        "dom_nodes": nav["nodes"],
        "open_row_ms": round(open_ms, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="no CollateX, no browser")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300.0, help="per CollateX run (seconds)")
    ap.add_argument("--collatex-python", default=None, help="a python that can import collatex")
    ap.add_argument("--collatex-words", default="250,500,1000")
    ap.add_argument("--json", default=None, help="also write every figure here")
    args = ap.parse_args(argv)

    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores")
    textdiff = [sys.executable, "-m", "textdiff", "collate"]
    sets = {
        "frankenstein": [FV / f"{n}.txt" for n in ("1818", "1823", "Thomas", "1831")],
        "darwin": sorted(DARWIN.glob("*.txt")),
        "twenty": twenty(),
    }
    results: dict[str, dict[str, object]] = {}
    print(f"\n{'set':<14}{'wit':>4}{'words/wit':>10}{'rows':>6}{'sites':>7}"
          f"{'json s':>8}{'MB':>6}{'html s':>8}{'MB':>6}{'html MB':>9}  target")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="collate-bench-") as tmp:
        for name, files in sets.items():
            words = sum(len(p.read_text(encoding="utf-8").split()) for p in files) // len(files)
            js = best([*textdiff, *map(str, files), "--format", "json"], args.runs, 600)
            page = Path(tmp) / f"{name}.html"
            html = best(
                [*textdiff, *map(str, files), "--format", "html", "-o", str(page)], args.runs, 600
            )
            n = counts(files)
            size = page.stat().st_size / 1e6 if page.exists() else float("nan")
            limit_s, limit_mb = TARGETS[name]
            ok = js.get("status") == "ok" and float(js["wall_s"]) <= limit_s  # type: ignore[arg-type]
            if limit_mb is not None and ok:
                ok = float(js["peak_rss_mb"]) <= limit_mb  # type: ignore[arg-type]
            target = f"<= {limit_s:g} s" + (f", <= {limit_mb:g} MB" if limit_mb else "")
            print(
                f"{name:<14}{len(files):>4}{words:>10,}{n['rows']:>6}{n['sites']:>7}"
                f"{_fig(js, 'wall_s'):>8}{_fig(js, 'peak_rss_mb', 0):>6}"
                f"{_fig(html, 'wall_s'):>8}{_fig(html, 'peak_rss_mb', 0):>6}{size:>9.2f}"
                f"  {target}: {'ok' if ok else 'MISSED'}"
            )
            results[name] = {"json": js, "html": html, "html_mb": round(size, 3), **n,
                             "witnesses": len(files), "words": words, "met": ok}  # fmt: skip
            if name == "twenty" and not args.quick:
                seen = browser(page)
                results[name]["browser"] = seen
                if seen:
                    print(
                        f"{'':<14}Chromium: load {seen['load_ms']} ms, first paint "
                        f"{seen['fcp_ms']} ms, {seen['dom_nodes']:,} elements, "
                        f"opening a row {seen['open_row_ms']} ms"
                    )

    if not args.quick:
        python = args.collatex_python or sys.executable
        probe = subprocess.run([python, "-c", "import collatex"], capture_output=True, check=False)
        print(f"\n{'Darwin, 6 editions cut to':<28}{'textdiff s':>11}{'MB':>6}"
              f"{'CollateX s':>12}{'MB':>7}")  # fmt: skip
        for k in [int(x) for x in args.collatex_words.split(",") if x]:
            files = darwin_cut(k)
            ours = best([*textdiff, *map(str, files), "--format", "json"], args.runs, 600)
            if probe.returncode == 0:
                theirs = measure(collatex_cmd(python, files), args.timeout)
            else:
                theirs = {"status": "not installed"}
            print(
                f"{f'first {k:,} words':<28}{_fig(ours, 'wall_s'):>11}"
                f"{_fig(ours, 'peak_rss_mb', 0):>6}{_fig(theirs, 'wall_s'):>12}"
                f"{_fig(theirs, 'peak_rss_mb', 0):>7}"
            )
            results[f"darwin-{k}w"] = {"textdiff": ours, "collatex": theirs}
        print(
            "CollateX is not run on the whole sets: its cost grows with the square of the "
            "length\n(6 x 2,000 words took 212 s and 1.6 GB on this machine; see "
            "shared/research/n-way.md)."
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0 if all(r.get("met", True) for r in results.values()) else 1


def _fig(r: dict[str, object], key: str, digits: int = 2) -> str:
    if r.get("status") != "ok":
        return str(r.get("status", "error"))[:10]
    return f"{float(r[key]):.{digits}f}"  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
