"""check.runner: outcomes from the cache or computed (in parallel, in order), then judged.

Also home of ``fixture_report``, which the output-format tests share: the fixture repository
(tests/fixtures/check-repo) checked in-process, without writing into it.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from textdiff import Verdict
from textdiff.check import Baseline, Report, Status, compute, judge_all, load_config, resolve
from textdiff.check.cache import Cache
from textdiff.check.runner import BadInput, judge

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "check-repo"
EXPECTED = {
    "transcripts/changed-word.txt": Status.FAIL,
    "transcripts/clean.txt": Status.PASS,
    "transcripts/missing-paragraph.txt": Status.FAIL,
    "bulletins/embassy-bulletin.txt": Status.PASS,
}


def fixture_report(baseline: Baseline | None = None) -> Report:
    """The fixture repository checked in-process (no cache, so nothing is written into it)."""
    config = load_config(FIXTURE / "textdiff.toml")
    pairs = resolve(config)
    return judge_all(pairs, compute(pairs, None, 1), baseline or Baseline())


def copy_fixture(dest: Path) -> Path:
    shutil.copytree(
        FIXTURE, dest, ignore=shutil.ignore_patterns(".textdiff_cache", "textdiff-baseline.json")
    )
    return dest


@pytest.fixture(scope="module")
def report() -> Report:
    return fixture_report()


def test_fixture_outcomes(report: Report) -> None:
    assert {r.pair.copy: r.status for r in report.results} == EXPECTED
    by_copy = {r.pair.copy: r for r in report.results}
    assert by_copy["transcripts/changed-word.txt"].reasons == ("1 substantive edit (0 allowed)",)
    assert by_copy["transcripts/missing-paragraph.txt"].reasons == (
        "reference coverage 97.5% below 100% (1 paragraph missing)",
    )
    assert by_copy["bulletins/embassy-bulletin.txt"].outcome.coverage[1] < 0.5  # a longer host
    assert (report.passed, report.failed, report.cached, report.stale) == (2, 2, 0, ())


def test_results_keep_configuration_order(report: Report) -> None:
    assert [r.pair.check for r in report.results] == ["transcripts"] * 3 + ["bulletin"]
    assert [r.pair.copy for r in report.results] == list(EXPECTED)


def test_parallel_equals_serial_and_cache_is_used(tmp_path: Path, report: Report) -> None:
    root = copy_fixture(tmp_path / "repo")
    config = load_config(root / "textdiff.toml")
    pairs = resolve(config)
    cache = Cache(config.cache_dir)
    first = compute(pairs, cache, 2)  # four pairs over two worker processes
    assert [c.outcome for c in first] == [r.outcome for r in report.results]
    assert not any(c.cached for c in first)
    second = compute(pairs, cache, 2)
    assert all(c.cached and c.seconds == 0 for c in second)
    assert [c.outcome for c in second] == [c.outcome for c in first]
    # Proof that a cached pair is not compared again: a doctored entry is what comes back.
    entries = sorted(config.cache_dir.glob("*/*.json"))
    assert len(entries) == 4
    for path in entries:
        data = json.loads(path.read_text())
        data["similarity"] = 0.125
        path.write_text(json.dumps(data))
    assert {c.outcome.similarity for c in compute(pairs, cache, 2)} == {0.125}
    # Changing a copy's bytes changes its key: that pair alone is compared again.
    clean = root / "transcripts" / "clean.txt"
    clean.write_text(clean.read_text() + "\n", encoding="utf-8")
    third = compute(pairs, cache, 2)
    assert [c.cached for c in third] == [True, False, True, True]
    assert third[1].outcome.similarity != 0.125


def test_identical_pairs_are_compared_once(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo")
    (root / "transcripts" / "again.txt").write_bytes(
        (root / "transcripts" / "clean.txt").read_bytes()
    )
    pairs = resolve(load_config(root / "textdiff.toml"))
    computed = compute(pairs, None, 1)
    by_copy = {p.copy: c for p, c in zip(pairs, computed, strict=True)}
    assert by_copy["transcripts/again.txt"].outcome == by_copy["transcripts/clean.txt"].outcome
    assert by_copy["transcripts/again.txt"].cached != by_copy["transcripts/clean.txt"].cached


def test_settings_decide(report: Report) -> None:
    by_copy = {r.pair.copy: r for r in report.results}
    changed = by_copy["transcripts/changed-word.txt"]
    lenient = dataclasses.replace(
        changed.pair, settings=dataclasses.replace(changed.pair.settings, max_substantive=1)
    )
    computed = compute([lenient], None, 1)[0]
    assert judge(lenient, computed, ()).status is Status.PASS
    missing = by_copy["transcripts/missing-paragraph.txt"]
    loose = dataclasses.replace(
        missing.pair, settings=dataclasses.replace(missing.pair.settings, min_coverage=0.95)
    )
    assert judge(loose, compute([loose], None, 1)[0], ()).status is Status.PASS


def test_baseline_accepts_edits_and_omissions(report: Report) -> None:
    baseline = Baseline.build((r.pair.reference, r.pair.copy, r.outcome) for r in report.results)
    again = fixture_report(baseline)
    assert again.failed == 0 and again.stale == ()
    assert sum(len(r.accepted) for r in again.results) == 2


def test_unrelated_copy_fails_with_one_reason(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "repo")
    (root / "transcripts" / "clean.txt").write_text(
        "A different text altogether.\n\nAbout the weather, mostly rain.\n", encoding="utf-8"
    )
    pairs = resolve(load_config(root / "textdiff.toml"))
    report = judge_all(pairs, compute(pairs, None, 1), Baseline())
    r = report.results[1]
    assert r.outcome.verdict is Verdict.UNRELATED and r.status is Status.FAIL
    assert r.reasons[0].startswith("the reference is not in this copy (verdict unrelated")
    assert r.new == ()


def test_bad_input_is_reported_and_the_other_pairs_go_on(tmp_path: Path) -> None:
    """A copy gone before hashing, one past the size limit and a binary one are bad input:
    their pairs are not judged, every other pair is."""
    root = copy_fixture(tmp_path / "repo")
    pairs = resolve(load_config(root / "textdiff.toml"))
    (root / "transcripts" / "clean.txt").unlink()
    (root / "transcripts" / "missing-paragraph.txt").write_bytes(b"\x00binary\x00")
    limit = (root / "reference" / "closing-address.txt").stat().st_size + 100
    (root / "bulletins" / "embassy-bulletin.txt").write_bytes(b"x" * (limit + 1))
    computed = compute(pairs, None, 1, max_size=limit)
    bad = {
        p.copy: c.message
        for p, c in zip(pairs, computed, strict=True)
        if isinstance(c, BadInput)
    }
    assert set(bad) == {
        "transcripts/clean.txt",
        "transcripts/missing-paragraph.txt",
        "bulletins/embassy-bulletin.txt",
    }
    assert bad["transcripts/clean.txt"].endswith("clean.txt: no such file")
    assert "binary file" in bad["transcripts/missing-paragraph.txt"]
    assert f"larger than {limit}, the input size limit" in bad["bulletins/embassy-bulletin.txt"]
    report = judge_all(pairs, computed, Baseline())
    assert [r.pair.copy for r in report.results] == ["transcripts/changed-word.txt"]
    assert [e.pair.copy for e in report.errors] == sorted(bad, key=[p.copy for p in pairs].index)
