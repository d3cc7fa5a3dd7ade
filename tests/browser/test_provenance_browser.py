"""Provenance in the HTML report, in a real browser: page and column beside line numbers.

The report of the acceptance pair (the speech as a web page against the
bulletin as a PDF, both made here) must show, for every row that has a B
side, the page and column the core located it on, and the region's pages in
the header; and stay clean (no requests, no CSP violations, no errors).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import textdiff
from textdiff.formats import locate
from textdiff.render.html import render

from ..conftest import BULLETIN, CLOSING
from ..formats_build import blocks_from_markdown, reportlab_pdf, web_page
from .conftest import HAVE_BROWSER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_BROWSER, reason="needs /usr/bin/chromium and playwright"),
]
pytest.importorskip("pypdfium2")
pytest.importorskip("trafilatura")
pytest.importorskip("reportlab")

LOCS = """() => Array.from(document.querySelectorAll('main .row .cell.b .loc'))
  .map(e => e.textContent)"""


@pytest.fixture(scope="module")
def pair_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, textdiff.Comparison]:
    tmp = tmp_path_factory.mktemp("prov")
    speech = blocks_from_markdown(CLOSING.read_text(encoding="utf-8"))
    page = tmp / "closing-address.html"
    page.write_text(web_page(speech[0].text, speech[1:], "semantic"), encoding="utf-8")
    pdf = tmp / "embassy-bulletin.pdf"
    reportlab_pdf(pdf, blocks_from_markdown(BULLETIN.read_text(encoding="utf-8")))
    c = textdiff.compare(str(page), str(pdf))
    out = tmp / "report.html"
    out.write_text(render(c, version="test"), encoding="utf-8")
    return out, c


def test_rows_show_page_and_column(pair_report: tuple[Path, Any], open_report: Any) -> None:
    path, c = pair_report
    o = open_report(path)
    o.assert_clean()
    locs = o.page.evaluate(LOCS)
    assert locs, "no B cells"
    pattern = re.compile(r"B ¶[\d–]+ · lines? [\d–]+ · (pp?\. \d+(–\d+)?(, cols?\. [\d–]+)?)")
    assert all(pattern.search(t) for t in locs), [t for t in locs if not pattern.search(t)][:3]
    # What the page says is what the core located, for the first change.
    blk = next(b for b in c.blocks if b.kind.value == "changed" and b.b)
    p = c.b.paragraphs[blk.b[0]]
    where = str(locate(c.b.document, p.start, p.end))
    assert any(t.endswith(where) or f"· {where}" in t for t in locs), where


def test_header_gives_the_region_by_page(pair_report: tuple[Path, Any], open_report: Any) -> None:
    path, _ = pair_report
    o = open_report(path)
    text = o.page.inner_text("header")
    assert re.search(r"B lines \d+–\d+ \(pp?\. \d+", text), text
