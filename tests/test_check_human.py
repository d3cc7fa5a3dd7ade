"""check.human: one line per pair, the substantive edits of failing pairs with context."""

from __future__ import annotations

import dataclasses

import pytest

from textdiff import Category
from textdiff.check import Baseline, Report
from textdiff.check.baseline import Entry
from textdiff.check.evaluate import DiffKind
from textdiff.check.human import MAX_SHOWN, describe, render
from textdiff.display import escape as safe

from .test_check_runner import fixture_report


@pytest.fixture(scope="module")
def report() -> Report:
    return fixture_report()


def test_one_line_per_pair_then_details_of_failures(report: Report) -> None:
    text = render(report, "textdiff.toml")
    lines = text.splitlines()
    heads = [line for line in lines if line.startswith(("PASS", "FAIL"))]
    assert [h.split()[:3] for h in heads] == [
        ["FAIL", "transcripts", "transcripts/changed-word.txt"],
        ["PASS", "transcripts", "transcripts/clean.txt"],
        ["FAIL", "transcripts", "transcripts/missing-paragraph.txt"],
        ["PASS", "bulletin", "bulletins/embassy-bulletin.txt"],
    ]
    assert "equivalent · coverage 100% · substantive 0 · found at lines 254–317" in heads[3]
    assert "variant · coverage 97.5% · substantive 0" in heads[2]
    assert "  ✗ 1 substantive edit (0 allowed)" in lines
    edit = next(line for line in lines if line.startswith("  - transcripts/changed-word.txt:"))
    assert edit == (
        "  - transcripts/changed-word.txt:33:54: substantive edit: “unyielding” → “unbending” "
        "(reference line 31)"
    )
    context = lines[lines.index(edit) + 1]
    assert (
        context.startswith("      > …") and "and [-unyielding-]{+unbending+} fortitude." in context
    )
    assert any(
        line.startswith("  - transcripts/missing-paragraph.txt:33:1: missing paragraph: “Those who")
        for line in lines
    )
    assert lines[-1] == "2 failed, 2 passed (4 pairs) · textdiff.toml"


def test_passing_pairs_show_no_details(report: Report) -> None:
    lines = render(report).splitlines()
    clean = lines.index(next(line for line in lines if "transcripts/clean.txt" in line))
    assert lines[clean + 1].startswith("FAIL")


def test_stale_entries_are_reported() -> None:
    gone = Entry(
        "reference/closing-address.txt",
        "transcripts/clean.txt",
        "0" * 20,
        DiffKind.EDIT,
        Category.SUBSTANTIVE,
        "old",
        "new",
        "…the [-old-]{+new+} text",
    )
    text = render(fixture_report(Baseline((gone,))))
    assert (
        "stale baseline entry: transcripts/clean.txt vs reference/closing-address.txt: "
        "substantive edit …the [-old-]{+new+} text no longer occurs" in text
    )
    assert "note: 1 stale baseline entry; textdiff check --update-baseline drops them" in text


def test_long_lists_are_cut(report: Report) -> None:
    r = report.results[0]
    many = (r.new[0],) * (MAX_SHOWN + 5)
    cut = dataclasses.replace(report, results=(dataclasses.replace(r, new=many),))
    text = render(cut)
    assert text.count("  - transcripts/changed-word.txt:33:54") == MAX_SHOWN
    assert "  … and 5 more differences" in text


def test_safe_and_describe_escape_controls(report: Report) -> None:
    assert safe("a\x1b[2Jb\u202e\u2028c\x85") == "a\\x1b[2Jb\\u202e\\u2028c\\x85"
    d = report.results[0].new[0]
    hostile = dataclasses.replace(d, copy="x\x07\r\n::error::y")
    assert "\n" not in describe(hostile).replace("\\n", "") and "\\x07" in describe(hostile)
