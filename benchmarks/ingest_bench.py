#!/usr/bin/env python3
"""Benchmark of the format readers: a 50-page PDF bulletin and a web page.

    python benchmarks/ingest_bench.py [--pages 50] [--runs 5]

Builds, in a temporary folder and with the same builders as the tests
(tests/formats_build.py): a two-column PDF of English KCNA articles of about
``--pages`` pages with reportlab and, where Chromium is installed, with
Chromium's print-to-PDF; the seed address as a web page in the two site
templates (semantic HTML5 and a WordPress-like div soup); and a Word file of
the same length as the PDF with tracked changes. Then loads each with
``textdiff.load`` in this process, one warm-up run (imports, pdfium start-up)
and the best and median of ``--runs`` timed runs, and prints the figures with
the load average.

Targets (issue 13): a 50-page PDF loaded in <= 1 s; a web page in <= 20 ms.
Needs ``pip install -e '.[test,pdf,html]'`` and ../shared/corpora/kcna-archive.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.formats_build import (  # noqa: E402  (the tests' builders, from the repo root)
    Change,
    blocks_from_markdown,
    chromium_pdf,
    docx,
    kcna_blocks,
    reportlab_pdf,
    web_page,
)
from textdiff import load  # noqa: E402

TARGETS = {"pdf": 1.0, "html": 0.020}


def _time(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Best and median wall time, and best CPU time of this process (what a busy
    machine's other jobs inflate less: the 2 cores are shared)."""
    fn()  # warm-up: imports, pdfium's start-up
    times = []
    cpu = []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(times), statistics.median(times), min(cpu)


def _pdf_of_pages(folder: Path, pages: int, producer: str) -> tuple[Path, list] | None:
    """A bulletin of at least ``pages`` pages (articles added until it is that long);
    None when the producer (Chromium) is not installed."""
    import pypdfium2

    n = max(4, pages * 2 // 3)
    while True:
        blocks = kcna_blocks(n)
        path = folder / f"{producer}-{n}.pdf"
        if producer == "reportlab":
            reportlab_pdf(path, blocks, {5: "A note at the foot of the page."})
        elif not chromium_pdf(path, blocks, {5: "A note at the end."}):
            return None
        got = len(pypdfium2.PdfDocument(str(path)))
        if got >= pages or n > 400:
            return path, blocks
        n = int(n * pages / got) + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load1, load5, load15 = os.getloadavg()
    print(f"load average {load1:.2f} {load5:.2f} {load15:.2f}, {os.cpu_count()} cores")
    rows: list[tuple[str, str, int, int, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files: list[tuple[str, str, Path]] = []
        blocks: list = []
        for producer in ("reportlab", "chromium"):
            made = _pdf_of_pages(folder, args.pages, producer)
            if made is None:
                print(f"({producer} not installed: no PDF of it)")
                continue
            files.append(("pdf", producer, made[0]))
            blocks = blocks or made[1]
        closing = REPO / "samples" / "closing-address.txt"
        speech = blocks_from_markdown(closing.read_text(encoding="utf-8"))
        for template in ("semantic", "wordpress"):
            path = folder / f"{template}.html"
            path.write_text(web_page(speech[0].text, speech[1:], template), encoding="utf-8")
            files.append(("html", template, path))
        changes = [
            Change(i, "ins", "Indeed, ", "A", "2022-03-01T10:00:00Z")
            for i in range(0, len(blocks), 9)
        ]
        word = folder / "long.docx"
        docx(word, blocks, changes, {3: "A footnote."})
        files.append(("docx", "zipfile", word))
        for kind, producer, path in files:
            doc = load(str(path))
            best, median, cpu = _time(lambda p=path: load(str(p)), args.runs)
            pages = doc.source.pages if doc.source else 0
            rows.append((kind, producer, pages, len(doc.text), best, median, cpu))
    head = ("format", "producer", "pages", "chars", "best", "median", "cpu")
    print("{:<6} {:<10} {:>5} {:>9} {:>9} {:>9} {:>9}  target (best)".format(*head))
    for kind, producer, pages, chars, best, median, cpu in rows:
        target = TARGETS.get(kind)
        verdict = (
            ""
            if target is None
            else (f"<= {target * 1000:g} ms " + ("ok" if best <= target else "MISSED"))
        )
        print(
            f"{kind:<6} {producer:<10} {pages or '':>5} {chars:>9,} {best * 1000:>7.1f}ms "
            f"{median * 1000:>7.1f}ms {cpu * 1000:>7.1f}ms  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
