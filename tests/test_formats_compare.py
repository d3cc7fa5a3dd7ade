"""The acceptance pair: the speech as a web page against the bulletin as a PDF.

``compare closing-address.html embassy-bulletin.pdf`` (both made here from the
two seed texts) must say what the text pair says: equivalent, the 4 spelling
edits, nothing substantive in the region, and now also where the region is
in the PDF (pages and columns) and in the page (xpaths, source offsets).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("trafilatura")
pytest.importorskip("reportlab")

from textdiff import load

from .conftest import BULLETIN, CLOSING, assert_contract, run_cli
from .formats_build import blocks_from_markdown, chromium_pdf, reportlab_pdf, web_page

NOTES = {3: "A first note about the conference held in Pyongyang."}


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("originals")
    speech = blocks_from_markdown(CLOSING.read_text(encoding="utf-8"))
    html = tmp / "closing-address.html"
    html.write_text(web_page(speech[0].text, speech[1:], "wordpress"), encoding="utf-8")
    out = {"html": html}
    bulletin = blocks_from_markdown(BULLETIN.read_text(encoding="utf-8"))
    out["rl"] = tmp / "embassy-bulletin.pdf"
    reportlab_pdf(out["rl"], bulletin, NOTES)
    if chromium_pdf(tmp / "embassy-bulletin-chromium.pdf", bulletin, NOTES):
        out["cr"] = tmp / "embassy-bulletin-chromium.pdf"
    return out


def _compare(a: Path | str, b: Path | str) -> tuple[int, dict]:
    res = run_cli("compare", str(a), str(b), "--format", "json")
    assert res.returncode in (0, 1), res.stderr
    return res.returncode, json.loads(res.stdout)


@pytest.mark.parametrize("producer", ["rl", "cr"])
def test_web_page_against_pdf_as_the_text_pair(
    originals: dict[str, Path], producer: str, tmp_path: Path
) -> None:
    if producer not in originals:
        pytest.skip("chromium not installed")
    _, texts = _compare(CLOSING, BULLETIN)
    status, out = _compare(originals["html"], originals[producer])
    assert status == 0
    summary = out["summary"]
    assert summary["verdict"] == texts["summary"]["verdict"] == "equivalent"
    assert summary["region_edits"]["spelling"] == texts["summary"]["region_edits"]["spelling"] == 4
    assert "substantive" not in summary["region_edits"]
    # The region, located: pages and columns of the PDF, blocks of the page.
    loc = out["region"]["loc"]
    assert loc["b"]["pages"] and all(c in (1, 2) for _, c in loc["b"]["columns"])
    assert loc["a"]["xpaths"][0].startswith("/html[1]/body[1]/")
    b_doc = out["documents"][1]
    assert b_doc["format"] == "pdf" and b_doc["source"]["pages"] >= 5
    kinds = {r["kind"] for r in b_doc["regions"]}
    assert {"running-head", "folio", "hyphen-break", "page-break"} <= kinds
    assert all("loc" in p for p in b_doc["paragraphs"])
    # comparison/1 holds, offsets being into each reader's canonical text.
    a_txt, b_txt = tmp_path / "a.txt", tmp_path / "b.txt"
    a_txt.write_text(load(str(originals["html"])).text, encoding="utf-8")
    b_txt.write_text(load(str(originals[producer])).text, encoding="utf-8")
    assert_contract(json.dumps(out), a_txt, b_txt, tmp_path)


def test_same_bytes_same_json(originals: dict[str, Path]) -> None:
    one = run_cli("compare", str(originals["html"]), str(originals["rl"]), "--format", "json")
    two = run_cli("compare", str(originals["html"]), str(originals["rl"]), "--format", "json")
    assert one.stdout == two.stdout


def test_report_shows_pages(originals: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    res = run_cli("report", str(originals["html"]), str(originals["rl"]), "-o", str(out), "-q")
    assert res.returncode == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    assert "p. " in page and "col. " in page
