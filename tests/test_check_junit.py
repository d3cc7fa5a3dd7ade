"""check.junit: one testcase per pair, valid XML 1.0 whatever control characters OCR left in."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from textdiff.check import Baseline, Report, compute, judge_all, load_config, resolve
from textdiff.check.junit import render, xml_text

from .conftest import CLOSING
from .test_check_runner import fixture_report


@pytest.fixture(scope="module")
def report() -> Report:
    return fixture_report()


def test_one_testcase_per_pair(report: Report) -> None:
    root = ET.fromstring(render(report))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "0")
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        ("transcripts", "3", "2"),
        ("bulletin", "1", "0"),
    ]
    cases = root.findall("testsuite/testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("textdiff.check.transcripts", "transcripts/changed-word.txt"),
        ("textdiff.check.transcripts", "transcripts/clean.txt"),
        ("textdiff.check.transcripts", "transcripts/missing-paragraph.txt"),
        ("textdiff.check.bulletin", "bulletins/embassy-bulletin.txt"),
    ]
    failed = {c.get("name"): c.find("failure") for c in cases}
    assert failed["transcripts/clean.txt"] is None
    changed = failed["transcripts/changed-word.txt"]
    assert changed is not None and changed.get("message") == "1 substantive edit (0 allowed)"
    assert (changed.text or "").startswith("transcripts/changed-word.txt:33:54: substantive edit")
    missing = failed["transcripts/missing-paragraph.txt"]
    assert missing is not None and "coverage 97.5%" in (missing.get("message") or "")


def test_control_characters_from_ocr_stay_valid_xml(tmp_path: Path) -> None:
    speech = CLOSING.read_text(encoding="utf-8")
    ocr = "unbend\x07ing\x1b[0m\x0c \x01\x02\x0b\ufffe\ufffftext <&>\"'"
    (tmp_path / "ref.txt").write_text(speech, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(
        speech.replace("unyielding fortitude", ocr + " fortitude"), encoding="utf-8"
    )
    (tmp_path / "textdiff.toml").write_text(
        '[[check]]\nname = "ocr\\u0007"\nreference = "ref.txt"\ncopies = "copy.txt"\n',
        encoding="utf-8",
    )
    pairs = resolve(load_config(tmp_path / "textdiff.toml"))
    report = judge_all(pairs, compute(pairs, None, 1), Baseline())
    text = render(report)
    root = ET.fromstring(text)  # raises on any character XML 1.0 forbids
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "ocr\\x07"
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.text is not None
    assert "\\x07" in failure.text and "\\x1b" in failure.text and "<&>" in failure.text
    (tmp_path / "report.xml").write_text(text, encoding="utf-8")
    assert ET.parse(tmp_path / "report.xml").getroot().get("failures") == "1"


def test_xml_text() -> None:
    assert xml_text("a\x00b\x1fc\td\ne\ud800f\U0001f600") == "a\\x00b\\x1fc\td\ne\\ud800f\U0001f600"
