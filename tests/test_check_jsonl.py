"""check.jsonl: JSON Lines, one record per pair with the comparison summary."""

from __future__ import annotations

import json

import pytest

from textdiff import Category
from textdiff.check import Baseline, Report
from textdiff.check.baseline import Entry
from textdiff.check.evaluate import DiffKind
from textdiff.check.jsonl import SCHEMA, render

from .test_check_runner import EXPECTED, fixture_report


@pytest.fixture(scope="module")
def report() -> Report:
    return fixture_report()


def test_one_record_per_pair(report: Report) -> None:
    text = render(report)
    assert text.isascii() and text.endswith("\n")
    records = [json.loads(line) for line in text.splitlines()]
    assert [(r["schema"], r["type"]) for r in records] == [(SCHEMA, "pair")] * 4
    assert {r["copy"]: r["status"] for r in records} == {k: v.value for k, v in EXPECTED.items()}
    changed, clean, missing, bulletin = records
    assert changed["reasons"] == ["1 substantive edit (0 allowed)"]
    assert changed["substantive"] == 1
    (d,) = changed["differences"]
    assert (d["kind"], d["category"], d["reference"], d["copy"]) == (
        "edit",
        "substantive",
        "unyielding",
        "unbending",
    )
    assert (d["line"], d["column"], d["baselined"]) == (33, 54, False)
    assert clean["summary"]["verdict"] == "equivalent" and clean["differences"] == []
    assert set(clean["summary"]) == {
        "verdict",
        "similarity",
        "coverage",
        "reference_coverage",
        "region",
        "blocks",
        "edits",
        "region_edits",
    }
    assert missing["summary"]["reference_coverage"] < 1
    assert missing["differences"][0]["kind"] == "omission"
    assert bulletin["settings"]["embedded"] is True
    assert bulletin["summary"]["coverage"]["b"] < 0.5


def test_baselined_and_orphaned_entries() -> None:
    first = fixture_report()
    baseline = Baseline.build((r.pair.reference, r.pair.copy, r.outcome) for r in first.results)
    orphan = Entry(
        "ref.txt", "gone.txt", "f" * 20, DiffKind.EDIT, Category.SUBSTANTIVE, "a", "b", ""
    )
    report = fixture_report(Baseline((*baseline.entries, orphan)))
    records = [json.loads(line) for line in render(report).splitlines()]
    assert [r["status"] for r in records[:4]] == ["pass"] * 4
    assert records[0]["differences"][0]["baselined"] is True
    assert records[4] == {
        "schema": SCHEMA,
        "type": "stale",
        "reference": "ref.txt",
        "copy": "gone.txt",
        "entry": {
            "key": "f" * 20,
            "kind": "edit",
            "category": "substantive",
            "reference": "a",
            "copy": "b",
            "context": "",
        },
    }
