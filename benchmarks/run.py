#!/usr/bin/env python3
"""textdiff benchmark harness: textdiff against its peers, side by side, in one run.

    python benchmarks/run.py [--quick] [--only NAME[,NAME...]] [--runs N] [--json PATH]

See benchmarks/README.md for what is measured and what each column means.  Stdlib only; CollateX
is optional (pip install collatex python-Levenshtein).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_pairs  # noqa: E402

MEASURE = os.path.join(HERE, "_measure.py")
WORKER = os.path.join(HERE, "_worker.py")
SHARED = os.environ.get("TEXTDIFF_SHARED", os.path.join(os.path.dirname(REPO), "shared"))

# ---------------------------------------------------------------------------------------- pairs

PAIRS = [
    # name, description, A, B  (None: generated)
    (
        "seed",
        "seed pair 000 vs 001 (same speech, two publications)",
        f"{SHARED}/samples-seed/000_71ff177ebcec07eb.txt",
        f"{SHARED}/samples-seed/001_da5c27215d4570f9.txt",
    ),
    (
        "darwin",
        "Darwin, Origin of Species 1859 vs 1872",
        f"{SHARED}/corpora/darwin-origin-collatex/editions/1859.txt",
        f"{SHARED}/corpora/darwin-origin-collatex/editions/1872.txt",
    ),
    (
        "frankenstein",
        "Frankenstein 1818 vs 1831, whole novels",
        f"{SHARED}/corpora/frankenstein-variorum/full/1818.txt",
        f"{SHARED}/corpora/frankenstein-variorum/full/1831.txt",
    ),
] + [
    (f"kcna-{s:g}mb", f"generated KCNA pair, ~{s:g} MB a side (seeded edits)", None, None)
    for s in gen_pairs.DEFAULT_SIZES
]
GENERATED = {f"kcna-{s:g}mb": s for s in gen_pairs.DEFAULT_SIZES}
BIG_PAIR = f"kcna-{max(gen_pairs.DEFAULT_SIZES):g}mb"

# ---------------------------------------------------------------------------------------- tools

TOOLS = [
    # name, label, slow peer?
    ("textdiff", "textdiff compare --format json", False),
    ("textdiff-lib", "textdiff.compare() in-process", False),
    ("python-pass", "python3 -c pass (baseline)", False),
    ("difflib", "difflib SequenceMatcher words", True),
    ("git", "git diff --no-index --word-diff", False),
    ("collatex", "CollateX (Python), 2 witnesses", True),
]
LABEL = {name: label for name, label, _ in TOOLS}
SLOW = {name for name, _, slow in TOOLS if slow}
QUICK_SLOW_PAIRS = {"seed", "darwin"}  # --quick runs difflib only on these, and collatex on none


def fmt_s(x):
    if x is None:
        return "-"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def fmt_ratio(x):
    return (
        "-" if x is None else (f"{x:.0f}x" if x >= 100 else f"{x:.1f}x" if x >= 10 else f"{x:.2f}x")
    )


def first_line(text):
    lines = [ln.strip() for ln in (text or "").splitlines() if ln.strip()]
    if not lines:
        return ""
    return (lines[-1] if lines[0].startswith("Traceback") else lines[0])[:160]


class Harness:
    def __init__(self, args):
        self.args = args
        self.python = self._pick_python()
        self.env = self._child_env()
        self.textdiff_cmd, self.textdiff_note = self._find_textdiff()
        self.avail = {}
        self.results = {}  # pair -> tool -> result dict
        self.pairs = {}  # pair -> info
        self.gave_up = {}  # tool -> pair where it timed out / ran out of memory
        self.warmed = set()

    # ------------------------------------------------------------------ environment discovery
    def _pick_python(self):
        if self.args.python:
            return self.args.python
        venv_py = os.path.join(REPO, ".venv", "bin", "python")
        if os.path.exists(venv_py):
            return venv_py
        return sys.executable

    def _child_env(self):
        env = dict(os.environ)
        if not self.args.keep_env:
            # PYTHONDONTWRITEBYTECODE (set on this machine) would make every textdiff start
            # recompile its modules; normal installs cache bytecode. Keep the cache out of the
            # source tree.
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = os.path.join(gen_pairs.CACHE_DIR, "pycache")
        # git: no user or system configuration
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = os.devnull
        env["GIT_PAGER"] = "cat"
        return env

    def _probe(self, code):
        try:
            p = subprocess.run(
                [self.python, "-c", code],
                capture_output=True,
                text=True,
                env=self.env,
                cwd=tempfile.gettempdir(),
                timeout=120,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            return False, f"{type(e).__name__}: {e}"
        return p.returncode == 0, (p.stdout.strip() if p.returncode == 0 else first_line(p.stderr))

    def _find_textdiff(self):
        script = os.path.join(os.path.dirname(self.python), "textdiff")
        if not os.path.exists(script):
            script = shutil.which("textdiff")
        if script:
            return [script], script
        ok, _ = self._probe(
            "import importlib.util as u, sys; "
            "sys.exit(0 if u.find_spec('textdiff.__main__') else 1)"
        )
        if ok:
            return [
                self.python,
                "-m",
                "textdiff",
            ], f"{self.python} -m textdiff (no textdiff script)"
        return None, "textdiff not installed (no `textdiff` command; pip install -e . in the venv)"

    def check_tools(self):
        a = self.avail
        a["textdiff"] = (
            (True, self.textdiff_note) if self.textdiff_cmd else (False, self.textdiff_note)
        )
        ok, msg = self._probe("import textdiff; f = textdiff.compare; print(textdiff.__file__)")
        if not ok and ("No module named 'textdiff'" in msg):
            msg = "textdiff not importable"
        a["textdiff-lib"] = (ok, msg)
        a["python-pass"] = (True, self.python)
        a["difflib"] = (True, f"Python {platform.python_version()} stdlib")
        git = shutil.which("git")
        if git:
            v = subprocess.run([git, "--version"], capture_output=True, text=True).stdout.strip()
            a["git"] = (True, v)
        else:
            a["git"] = (False, "git not found")
        ok, msg = self._probe(
            "import collatex, importlib.metadata as m; print('collatex', m.version('collatex'))"
        )
        a["collatex"] = (
            ok,
            msg if ok else f"{msg} (optional: pip install collatex python-Levenshtein)",
        )

    # ------------------------------------------------------------------------------ pairs
    def pair_files(self, name):
        for n, desc, a, b in PAIRS:
            if n == name:
                if a is None:
                    a, b = gen_pairs.generate(GENERATED[name])
                return desc, a, b
        raise KeyError(name)

    # ------------------------------------------------------------------------------ running
    def command(self, tool, a, b):
        """-> (cmd, capture, ok_rc, timeout)"""
        if tool == "textdiff":
            return (
                [*self.textdiff_cmd, "compare", a, b, "--format", "json"],
                False,
                "0,1",
                self.args.textdiff_timeout,
            )
        if tool == "textdiff-lib":
            return (
                [self.python, WORKER, "textdiff-lib", a, b],
                True,
                "0",
                self.args.textdiff_timeout,
            )
        if tool == "python-pass":
            return [self.python, "-c", "pass"], False, "0", 60
        if tool == "difflib":
            return [self.python, WORKER, "difflib", a, b], True, "0", self.args.timeout
        if tool == "git":
            return (
                ["git", "diff", "--no-index", "--word-diff", a, b],
                False,
                "0,1",
                self.args.timeout,
            )
        if tool == "collatex":
            return [self.python, WORKER, "collatex", a, b], True, "0", self.args.timeout
        raise KeyError(tool)

    def measure_once(self, tool, a, b):
        cmd, capture, ok_rc, timeout = self.command(tool, a, b)
        wrapper = [sys.executable, "-I", "-S", MEASURE, "--timeout", str(timeout), "--ok-rc", ok_rc]
        if self.args.mem_limit_mb:
            wrapper += ["--mem-limit-mb", str(self.args.mem_limit_mb)]
        if capture:
            wrapper.append("--capture")
        try:
            p = subprocess.run(
                [*wrapper, "--", *cmd],
                capture_output=True,
                text=True,
                env=self.env,
                cwd=tempfile.gettempdir(),
                timeout=timeout + 120,
            )
        except subprocess.TimeoutExpired:
            return {"status": "timeout", "wall": None}
        try:
            res = json.loads(p.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            return {"status": "error", "error": "measure wrapper failed: " + first_line(p.stderr)}
        if res.get("status") == "error" and "MemoryError" in res.get("error", ""):
            res["status"] = "memory"
            res["error"] = f"MemoryError (address space limited to {self.args.mem_limit_mb} MB)"
        return res

    def n_runs(self, tool, pair):
        if tool in ("python-pass", "textdiff") and pair == "seed":
            return max(self.args.runs, self.args.startup_runs)
        return self.args.slow_runs if tool in SLOW else self.args.runs

    def run_tool(self, tool, pair, a, b, mb):
        ok, why = self.avail[tool]
        if not ok:
            return {"status": "n/a" if tool.startswith("textdiff") else "unavailable", "error": why}
        if self.args.quick and tool == "collatex":
            return {"status": "skipped", "error": "--quick skips CollateX"}
        if self.args.quick and tool in SLOW and pair not in QUICK_SLOW_PAIRS:
            return {"status": "skipped", "error": f"--quick skips {tool} on large pairs"}
        if tool in self.gave_up and not self.args.no_give_up:
            prev, st = self.gave_up[tool]
            return {
                "status": st,
                "skipped": True,
                "error": f"not run: {st} already on the smaller pair {prev}",
            }
        print(f"  {pair}: {tool} ...", end="", file=sys.stderr, flush=True)
        if tool not in self.warmed and mb < 1.0:
            self.measure_once(tool, a, b)  # untimed warm-up (bytecode cache, page cache)
            self.warmed.add(tool)
        runs = [self.measure_once(tool, a, b)]
        if runs[0]["status"] == "ok":
            n = self.n_runs(tool, pair)
            while len(runs) < n:
                r = self.measure_once(tool, a, b)
                runs.append(r)
                if r["status"] != "ok":
                    break
        good = [r for r in runs if r["status"] == "ok"]
        if good and len(good) == len(runs):
            best = min(good, key=lambda r: r["wall"])
            inners = [r.get("child", {}).get("inner") for r in good]
            inners = [x for x in inners if x is not None]
            res = {
                "status": "ok",
                "wall": best["wall"],
                "walls": [r["wall"] for r in good],
                "runs": len(good),
                "inner": min(inners) if inners else None,
                "peak_mb": max(r["maxrss_kb"] for r in good) / 1024,
                "cpu": best.get("cpu"),
                "rc": best.get("rc"),
                "child": best.get("child"),
            }
        else:
            bad = next(r for r in runs if r["status"] != "ok")
            res = {
                "status": bad["status"],
                "wall": bad.get("wall"),
                "runs": len(runs),
                "peak_mb": (bad["maxrss_kb"] / 1024) if bad.get("maxrss_kb") else None,
                "error": bad.get("error"),
                "stderr_tail": bad.get("stderr_tail"),
            }
            if bad["status"] in ("timeout", "memory"):
                self.gave_up[tool] = (pair, bad["status"])
        print(f" {res['status']} {fmt_s(res.get('wall'))} s", file=sys.stderr, flush=True)
        return res

    # ------------------------------------------------------------------------------ report
    def print_pair(self, pair):
        info = self.pairs[pair]
        rows = self.results[pair]
        print(f"\n== {pair}: {info['desc']}")
        print(
            f"   A {info['a']} ({info['a_bytes']:,} B)\n   B {info['b']} ({info['b_bytes']:,} B)"
            f"   size {info['mb']:.3f} MB (mean of A and B)"
        )
        head = ("tool", "status", "wall s", "runs", "in-proc s", "peak MB", "s/MB", "x textdiff")
        widths = (32, 11, 8, 5, 10, 8, 8, 10)
        line = "  ".join(
            h.ljust(w) if i < 2 else h.rjust(w)
            for i, (h, w) in enumerate(zip(head, widths, strict=False))
        )
        print(line)
        print("-" * len(line))
        ref = rows.get("textdiff", {})
        ref_wall = ref.get("wall") if ref.get("status") == "ok" else None
        notes = []
        for tool, res in rows.items():
            st = res["status"]
            wall = res.get("wall")
            if st == "ok":
                w = fmt_s(wall)
            elif st == "timeout" and not res.get("skipped"):
                w = ">" + fmt_s(wall)
            else:
                w = "-"
            ratio = (wall / ref_wall) if (st == "ok" and ref_wall) else None
            if st == "timeout" and ref_wall and wall and not res.get("skipped"):
                ratio_s = ">" + fmt_ratio(wall / ref_wall)
            else:
                ratio_s = fmt_ratio(ratio)
            spm = fmt_s(wall / info["mb"]) if st == "ok" and wall else "-"
            runs = (
                str(res.get("runs", "-"))
                if st in ("ok", "timeout", "memory", "error") and not res.get("skipped")
                else "-"
            )
            peak = f"{res['peak_mb']:.0f}" if res.get("peak_mb") else "-"
            if res.get("peak_mb") and res["peak_mb"] < 100:
                peak = f"{res['peak_mb']:.1f}"
            cells = (
                LABEL[tool],
                st + ("*" if res.get("skipped") else ""),
                w,
                runs,
                fmt_s(res.get("inner")),
                peak,
                spm,
                ratio_s,
            )
            print(
                "  ".join(
                    c.ljust(wd) if i < 2 else c.rjust(wd)
                    for i, (c, wd) in enumerate(zip(cells, widths, strict=False))
                )
            )
            if st != "ok" and res.get("error"):
                notes.append(f"   {tool}: {st}: {res['error']}")
        for n in notes:
            print(n)

    def summary(self):
        R = self.results
        out = {}

        def get(pair, tool):
            r = R.get(pair, {}).get(tool)
            return r if r and r.get("status") == "ok" else None

        print("\n== Acceptance figures")
        td, base = get("seed", "textdiff"), get("seed", "python-pass")
        if td and base:
            ratio = td["wall"] / base["wall"]
            out["startup_ratio"] = ratio
            print(
                f"  seed compare process vs python3 -c pass: {fmt_s(td['wall'])} s / "
                f"{fmt_s(base['wall'])} s = {ratio:.2f}x   (target <= 2.5x: "
                f"{'PASS' if ratio <= 2.5 else 'FAIL'})"
            )
        else:
            print(
                f"  seed compare process vs python3 -c pass: n/a "
                f"(python3 -c pass = {fmt_s(base['wall']) if base else 'n/a'} s)"
            )
        fr = get("frankenstein", "textdiff")
        if fr:
            out["frankenstein_textdiff_s"] = fr["wall"]
            print(
                f"  Frankenstein whole process: {fmt_s(fr['wall'])} s   (target < 1.5 s: "
                f"{'PASS' if fr['wall'] < 1.5 else 'FAIL'})"
            )
        else:
            print("  Frankenstein whole process: n/a")
        dl = R.get("frankenstein", {}).get("difflib")
        if dl and dl["status"] == "ok":
            out["frankenstein_difflib_s"] = dl["wall"]
            print(
                f"  difflib Frankenstein: {fmt_s(dl['wall'])} s wall, {fmt_s(dl.get('inner'))} s "
                f"in-process   (issue expected ~27 s)"
            )
        elif dl:
            print(f"  difflib Frankenstein: {dl['status']}")
        big = get(BIG_PAIR, "textdiff")
        if big:
            out["big_pair_textdiff_s"] = big["wall"]
            out["big_pair_textdiff_peak_mb"] = big["peak_mb"]
            print(
                f"  {BIG_PAIR} pair: {fmt_s(big['wall'])} s, peak {big['peak_mb']:.0f} MB   "
                f"(target < 1 GB: {'PASS' if big['peak_mb'] < 1024 else 'FAIL'})"
            )
        else:
            r = R.get(BIG_PAIR, {}).get("textdiff")
            print(f"  {BIG_PAIR} pair: {r['status'] if r else 'not run'}")
        git_ratios = {}
        for pair in R:
            g, t = get(pair, "git"), get(pair, "textdiff")
            if g and t:
                git_ratios[pair] = g["wall"] / t["wall"]
        out["git_over_textdiff"] = git_ratios
        if git_ratios:
            print(
                "  git / textdiff time: "
                + ", ".join(f"{p} {fmt_ratio(x)}" for p, x in git_ratios.items())
            )
        else:
            print("  git / textdiff time: n/a (needs both rows)")

        gen = [p for p in GENERATED if p in R]
        if gen:
            print("\n== Growth on generated pairs: seconds per MB (wall; in-process where given)")
            print(
                "  " + "tool".ljust(32) + "".join(p.rjust(14) for p in gen) + "  growth".rjust(10)
            )
            growth = {}
            for tool in (t for t, _, _ in TOOLS if t != "python-pass"):
                cells, per = [], []
                for p in gen:
                    r = R[p].get(tool)
                    if r and r["status"] == "ok":
                        t = r["inner"] if tool == "textdiff-lib" and r.get("inner") else r["wall"]
                        per.append((self.pairs[p]["mb"], t))
                        cells.append(fmt_s(t / self.pairs[p]["mb"]))
                    else:
                        cells.append(r["status"] if r else "-")
                g = None
                if len(per) >= 2:
                    (m0, t0), (m1, t1) = per[0], per[-1]
                    g = (t1 / t0) / (m1 / m0)
                growth[tool] = {
                    "s_per_mb": {
                        p: t / mb
                        for p, (mb, t) in zip(
                            [p for p in gen if R[p].get(tool, {}).get("status") == "ok"],
                            per,
                            strict=True,
                        )
                    },
                    "growth": g,
                }
                print(
                    "  "
                    + LABEL[tool].ljust(32)
                    + "".join(c.rjust(14) for c in cells)
                    + (f"{g:.2f}".rjust(10) if g else "-".rjust(10))
                )
            m0, m1 = self.pairs[gen[0]]["mb"], self.pairs[gen[-1]]["mb"]
            print(
                f"  growth = (time ratio {gen[-1]}/{gen[0]}) / (size ratio): 1.00 is linear; "
                f"quadratic would be {m1 / m0:.2f}"
            )
            out["growth"] = growth
        return out


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Benchmark textdiff against difflib, git and CollateX."
    )
    ap.add_argument(
        "--quick",
        action="store_true",
        help=f"skip CollateX, difflib beyond {sorted(QUICK_SLOW_PAIRS)}, and the {BIG_PAIR} pair",
    )
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="only these pairs and/or tools (comma-separated, repeatable; a prefix of a "
        "pair name selects all matching pairs, e.g. kcna). Use --list for names",
    )
    ap.add_argument("--list", action="store_true", help="list pair and tool names and exit")
    ap.add_argument("--runs", type=int, default=3, help="best of N for fast runs (default 3)")
    ap.add_argument(
        "--slow-runs",
        type=int,
        default=1,
        help="best of N for the slow peers, difflib and CollateX (default 1)",
    )
    ap.add_argument(
        "--startup-runs",
        type=int,
        default=10,
        help="best of N for python3 -c pass and textdiff on the seed pair (default 10)",
    )
    ap.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="per-run timeout for peers, seconds (default 120)",
    )
    ap.add_argument("--textdiff-timeout", type=float, default=600.0, help="seconds (default 600)")
    ap.add_argument(
        "--mem-limit-mb",
        type=int,
        default=12288,
        help="address-space limit of every measured child, MB (default 12288; 0 = none)",
    )
    ap.add_argument(
        "--no-give-up",
        action="store_true",
        help="run a tool on larger pairs even after it timed out on a smaller one",
    )
    ap.add_argument(
        "--python",
        help="interpreter for textdiff-lib/difflib/collatex/baseline "
        "(default: the repo's .venv/bin/python)",
    )
    ap.add_argument(
        "--keep-env",
        action="store_true",
        help="pass PYTHONDONTWRITEBYTECODE through and do not set PYTHONPYCACHEPREFIX",
    )
    ap.add_argument("--json", metavar="PATH", help="also write all figures as JSON")
    return ap.parse_args(argv)


def select(args):
    pair_names = [p[0] for p in PAIRS]
    tool_names = [t[0] for t in TOOLS]
    want = [w.strip() for item in args.only for w in item.split(",") if w.strip()]
    sel_pairs, sel_tools = [], []
    for w in want:
        if w in tool_names:
            sel_tools.append(w)
            continue
        hits = [p for p in pair_names if p == w or p.startswith(w)]
        if not hits:
            raise SystemExit(
                f"--only: unknown name {w!r}; pairs: {pair_names}; tools: {tool_names}"
            )
        sel_pairs += hits
    pairs = [p for p in pair_names if not sel_pairs or p in sel_pairs]
    tools = [t for t in tool_names if not sel_tools or t in sel_tools]
    if args.quick and not sel_pairs:
        pairs = [p for p in pairs if p != BIG_PAIR]
    return pairs, tools


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        print("pairs: " + ", ".join(p[0] for p in PAIRS))
        print("tools: " + ", ".join(f"{n} ({lab})" for n, lab, _ in TOOLS))
        return 0
    pairs, tools = select(args)
    h = Harness(args)
    h.check_tools()
    t_start = time.time()
    print(
        f"textdiff benchmarks  {time.strftime('%Y-%m-%d %H:%M:%S')}  {platform.node()}  "
        f"{os.cpu_count()} CPUs  {platform.platform()}"
    )
    print(f"  python: {h.python}")
    for t in tools:
        ok, msg = h.avail[t]
        print(f"  {t:13s} {'ok' if ok else 'MISSING'}: {msg}")
    print(
        f"  best of {args.runs} runs ({args.startup_runs} for the startup figures), "
        f"{args.slow_runs} for difflib/CollateX; peer timeout {args.timeout:g} s; "
        "children run one at a time"
    )
    load0 = os.getloadavg()
    print(
        f"  load average at start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}"
        + ("   WARNING: the machine is busy, figures will be noisy" if load0[0] > 0.5 else "")
    )

    for pair in pairs:
        desc, a, b = h.pair_files(pair)
        ab, bb = os.path.getsize(a), os.path.getsize(b)
        h.pairs[pair] = {
            "desc": desc,
            "a": a,
            "b": b,
            "a_bytes": ab,
            "b_bytes": bb,
            "mb": (ab + bb) / 2 / 1e6,
        }
        h.results[pair] = {}
        for tool in tools:
            if tool == "python-pass" and pair != "seed":
                continue
            h.results[pair][tool] = h.run_tool(tool, pair, a, b, h.pairs[pair]["mb"])
        h.print_pair(pair)
        sys.stdout.flush()

    summary = h.summary()
    elapsed = time.time() - t_start
    load1 = os.getloadavg()
    print(
        f"\n(total benchmark time {elapsed:.0f} s; load average at end "
        f"{load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}, of which ~1.0 is this benchmark)"
    )
    if args.json:
        doc = {
            "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "host": platform.node(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": h.python,
            "options": vars(args),
            "tools": {t: {"available": h.avail[t][0], "info": h.avail[t][1]} for t in tools},
            "pairs": {p: dict(h.pairs[p], results=h.results[p]) for p in h.results},
            "summary": summary,
            "elapsed_s": elapsed,
            "loadavg_start": load0,
            "loadavg_end": load1,
        }
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1, default=str)
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
