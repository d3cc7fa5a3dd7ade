"""check and scan read PDFs, web pages and Word files through load, like compare."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("trafilatura")
pytest.importorskip("reportlab")

from .conftest import BULLETIN, CLOSING, run_cli
from .formats_build import blocks_from_markdown, docx, reportlab_pdf, web_page


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("originals")
    speech = blocks_from_markdown(CLOSING.read_text(encoding="utf-8"))
    (root / "reference").mkdir()
    shutil.copy(CLOSING, root / "reference" / "closing-address.txt")
    (root / "copies").mkdir()
    page = web_page(speech[0].text, speech[1:], "semantic")
    (root / "copies" / "closing-address.html").write_text(page, encoding="utf-8")
    reportlab_pdf(root / "copies" / "bulletin.pdf", blocks_from_markdown(BULLETIN.read_text()))
    docx(root / "copies" / "transcript.docx", speech)
    (root / "textdiff.toml").write_text(
        '[[check]]\nname = "originals"\nreference = "reference/closing-address.txt"\n'
        'copies = ["copies/*.html", "copies/*.docx"]\n\n'
        '[[check]]\nname = "bulletin"\nreference = "reference/closing-address.txt"\n'
        'copies = "copies/bulletin.pdf"\nembedded = true\n',
        encoding="utf-8",
    )
    return root


def test_check_reads_originals(folder: Path) -> None:
    res = run_cli("check", "--config", str(folder / "textdiff.toml"), "--format", "json")
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in res.stdout.decode().splitlines()]
    verdicts = {r["copy"]: r["summary"]["verdict"] for r in records if r.get("type") == "pair"}
    assert set(verdicts) >= {
        "copies/closing-address.html",
        "copies/transcript.docx",
        "copies/bulletin.pdf",
    }, records
    assert set(verdicts.values()) <= {"identical", "equivalent"}, verdicts


def test_scan_finds_the_speech_in_every_format(folder: Path) -> None:
    res = run_cli("scan", str(folder), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in res.stdout.decode().splitlines()]
    summary = records[-1]
    assert summary["type"] == "summary"
    pairs = {
        frozenset(Path(r[s]["source"]).name for s in "ab"): r["verdict"]
        for r in records
        if r["type"] == "pair"
    }
    names = ("closing-address.txt", "closing-address.html", "bulletin.pdf", "transcript.docx")
    # Every two of the four are found as versions of each other, and none differs in words.
    assert len(pairs) == 6 and {n for p in pairs for n in p} == set(names), pairs
    assert set(pairs.values()) == {"equivalent"}, pairs
