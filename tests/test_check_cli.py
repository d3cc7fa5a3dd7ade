"""textdiff check as a user runs it: the real CLI in a child process, in a copy of the fixture."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_check_github import commands
from .test_check_runner import copy_fixture


def run(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "textdiff", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**base, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy for the read-only runs; the first run fills its cache for the others."""
    return copy_fixture(tmp_path_factory.mktemp("check") / "repo")


def test_human(repo: Path) -> None:
    res = run(repo)
    assert res.returncode == 1, res.stderr
    heads = [line.split()[:3] for line in res.stdout.splitlines() if line[:4] in ("PASS", "FAIL")]
    assert heads == [
        ["FAIL", "transcripts", "transcripts/changed-word.txt"],
        ["PASS", "transcripts", "transcripts/clean.txt"],
        ["FAIL", "transcripts", "transcripts/missing-paragraph.txt"],
        ["PASS", "bulletin", "bulletins/embassy-bulletin.txt"],
    ]
    assert (
        "  - transcripts/changed-word.txt:33:54: substantive edit: “unyielding” → “unbending”"
        in (res.stdout)
    )
    assert "reference coverage 97.5% below 100% (1 paragraph missing)" in res.stdout
    assert res.stdout.splitlines()[-1].startswith("2 failed, 2 passed (4 pairs")
    assert (repo / ".textdiff_cache" / ".gitignore").exists()


def test_github_with_junit_and_step_summary(repo: Path) -> None:
    summary = repo.parent / "summary.md"
    res = run(
        repo,
        "--format",
        "github",
        "--junit-xml",
        "report.xml",
        env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(repo)},
    )
    assert res.returncode == 1, res.stderr
    found = commands(res.stdout)
    assert [(f["file"], f["line"], f["col"]) for _, f, _ in found] == [
        ("transcripts/changed-word.txt", "33", "54"),
        ("transcripts/missing-paragraph.txt", "33", "1"),
    ]
    root = ET.parse(repo / "report.xml").getroot()
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 4
    assert [c.find("failure") is not None for c in cases] == [True, False, True, False]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### textdiff check: 2 of 4 pairs failed")
    assert "| ✅ pass | bulletin |" in text


def test_json_lines_and_output_file(repo: Path) -> None:
    res = run(repo, "--format", "json", "-o", "out.jsonl")
    assert res.returncode == 1 and res.stdout == ""
    records = [json.loads(line) for line in (repo / "out.jsonl").read_text().splitlines()]
    assert [(r["copy"], r["status"], r["summary"]["verdict"]) for r in records] == [
        ("transcripts/changed-word.txt", "fail", "variant"),
        ("transcripts/clean.txt", "pass", "equivalent"),
        ("transcripts/missing-paragraph.txt", "fail", "variant"),
        ("bulletins/embassy-bulletin.txt", "pass", "equivalent"),
    ]
    assert all(r["cached"] for r in records)  # an earlier test filled the cache


def test_exit_zero_and_discovery_from_a_subdirectory(repo: Path) -> None:
    res = run(repo / "transcripts", "--exit-zero", "--no-cache")
    assert res.returncode == 0
    assert "2 failed, 2 passed (4 pairs)" in res.stdout


def test_baseline_update_rerun_new_and_stale(tmp_path: Path) -> None:
    repo = copy_fixture(tmp_path / "repo")
    res = run(repo, "--update-baseline")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "wrote 2 accepted differences to" in res.stderr
    baseline = json.loads((repo / "textdiff-baseline.json").read_text())
    assert [p["copy"] for p in baseline["pairs"]] == [
        "transcripts/changed-word.txt",
        "transcripts/missing-paragraph.txt",
    ]
    res = run(repo)
    assert res.returncode == 0, res.stdout
    assert "substantive 1 (1 accepted)" in res.stdout
    # A new substantive edit fails, and only it is reported; the accepted ones stay accepted.
    clean = repo / "transcripts" / "clean.txt"
    clean.write_text(clean.read_text().replace("gigantic", "enormous"), encoding="utf-8")
    # The fixed word: its baseline entry no longer occurs.
    changed = repo / "transcripts" / "changed-word.txt"
    changed.write_text(changed.read_text().replace("unbending", "unyielding"), encoding="utf-8")
    res = run(repo)
    assert res.returncode == 1
    assert [line.split()[:3] for line in res.stdout.splitlines() if line.startswith("FAIL")] == [
        ["FAIL", "transcripts", "transcripts/clean.txt"]
    ]
    assert "substantive edit: “gigantic” → “enormous”" in res.stdout
    assert (
        "stale baseline entry: transcripts/changed-word.txt vs reference/closing-address.txt: "
        "substantive edit …dinary determination, ardent passion and [-unyielding-]{+unbending+}"
    ) in res.stdout
    assert "note: 1 stale baseline entry" in res.stdout


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("copies = [", "copy = ["), "textdiff.toml: unknown key 'check[1].copy'"),
        (
            ("transcripts/*.txt", "transcripts/missing.txt"),
            "no such file 'transcripts/missing.txt'",
        ),
        (("transcripts/*.txt", "transcripts/[ab.txt"), "bad glob 'transcripts/[ab.txt'"),
        (("transcripts/*.txt", "transcripts/*.md"), "'transcripts/*.md' matches no files"),
        (("embedded = true", "embedded = 1"), "check[2].embedded must be true or false"),
    ],
)
def test_trouble_is_one_line_and_exit_2(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    repo = copy_fixture(tmp_path / "repo")
    config = repo / "textdiff.toml"
    config.write_text(config.read_text().replace(*edit), encoding="utf-8")
    res = run(repo)
    assert res.returncode == 2
    assert res.stdout == ""
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("textdiff: error: ")
    assert message in res.stderr


def test_unreadable_copy_and_missing_config(tmp_path: Path) -> None:
    repo = copy_fixture(tmp_path / "repo")
    (repo / "transcripts" / "clean.txt").write_bytes(b"\x00\x01binary\x00")
    res = run(repo, "--no-cache")
    assert res.returncode == 2 and res.stderr.count("\n") == 1, res.stderr
    assert "clean.txt" in res.stderr
    res = run(tmp_path, "--config", "nowhere.toml")
    assert res.returncode == 2 and "nowhere.toml: no such configuration file" in res.stderr


def test_pyproject_config(tmp_path: Path) -> None:
    repo = copy_fixture(tmp_path / "repo")
    toml = (repo / "textdiff.toml").read_text().replace("[[check]]", "[[tool.textdiff.check]]")
    (repo / "textdiff.toml").unlink()
    (repo / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.textdiff]\n"
        + toml.replace("baseline =", "cache = false\nbaseline ="),
        encoding="utf-8",
    )
    res = run(repo, "--format", "json")
    assert res.returncode == 1, res.stderr
    assert len(res.stdout.splitlines()) == 4
    assert not (repo / ".textdiff_cache").exists()
