"""What the commands read and write, as a user runs them: odd stream encodings (F15), file names
that are not UTF-8 (F5) or hold line breaks (F21), and outputs that must never replace an input
(F12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CLOSING, ROOT, SAMPLES
from .test_check_runner import copy_fixture

BAD = os.fsdecode(b"bad\xff.txt")  # a name that is not UTF-8: "bad\udcff.txt" in Python


def textdiff(
    cwd: Path, *args: str, encoding: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PYTHONIOENC"))}
    env["PYTHONPATH"] = str(ROOT)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run(
        [sys.executable, "-m", "textdiff", *args],
        cwd=cwd,
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )


def assert_clean(res: subprocess.CompletedProcess[bytes], status: int) -> None:
    assert b"Traceback" not in res.stderr, res.stderr.decode("utf-8", "replace")
    assert res.returncode == status, res.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8:strict"])
def test_check_scan_and_inspect_under_any_stdout_encoding(tmp_path: Path, encoding: str) -> None:
    """F15: no traceback whatever the stream can encode; what it cannot is escaped."""
    repo = copy_fixture(tmp_path / "repo")
    res = textdiff(repo, "check", "--no-cache", encoding=encoding)
    assert_clean(res, 1)
    out = res.stdout.decode("latin-1")
    assert "2 failed, 2 passed (4 pairs)" in out
    if encoding == "ascii":
        assert "\\u2717 1 substantive edit" in out and "\\xb7 coverage" in out
    res = textdiff(repo, "check", "--format", "github", "--no-cache", encoding=encoding)
    assert_clean(res, 1)
    rodong = str(SAMPLES / "rodong-short-course-2021.txt")
    res = textdiff(ROOT, "inspect", rodong, encoding=encoding)
    assert_clean(res, 0)
    res = textdiff(ROOT, "scan", *map(str, sorted(SAMPLES.glob("*.txt"))), encoding=encoding)
    assert_clean(res, 0)
    assert b"textdiff scan: 5 documents" in res.stdout


@pytest.fixture
def bad_name(tmp_path: Path) -> Path:
    """A folder with a copy whose name is not UTF-8, and its reference."""
    speech = CLOSING.read_text(encoding="utf-8")
    (tmp_path / "ok.txt").write_text(speech, encoding="utf-8")
    copy = speech.replace("unyielding fortitude", "unbending fortitude")
    (tmp_path / BAD).write_text(copy, encoding="utf-8")
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / BAD).write_text(copy, encoding="utf-8")
    (tmp_path / "textdiff.toml").write_text(
        '[[check]]\nname = "x"\nreference = "ok.txt"\ncopies = "copies/*"\n', encoding="utf-8"
    )
    return tmp_path


def test_file_names_that_are_not_utf8(bad_name: Path) -> None:
    """F5: report, compare --format html, check --junit-xml -o show the name escaped."""
    res = textdiff(bad_name, "report", BAD, "ok.txt", "-o", "r.html")
    assert_clean(res, 1)
    page = (bad_name / "r.html").read_text(encoding="utf-8")
    assert "bad[U+DCFF].txt" in page
    res = textdiff(bad_name, "compare", "--format", "html", BAD, "ok.txt")
    assert_clean(res, 1)
    assert "bad[U+DCFF].txt" in res.stdout.decode("utf-8")
    for encoding in (None, "utf-8:strict"):
        res = textdiff(bad_name, "compare", BAD, "ok.txt", encoding=encoding)
        assert_clean(res, 1)
        assert res.stdout.startswith(b"A: bad\\udcff.txt (utf-8, ")
    res = textdiff(bad_name, "check", "--junit-xml", "j.xml", "-o", "out.txt", "--no-cache")
    assert_clean(res, 1)
    assert "copies/bad\\udcff.txt" in (bad_name / "out.txt").read_text(encoding="utf-8")
    assert 'name="copies/bad\\udcff.txt"' in (bad_name / "j.xml").read_text(encoding="utf-8")
    res = textdiff(bad_name, "check", "--format", "github", "--no-cache", encoding="utf-8:strict")
    assert_clean(res, 1)
    res = textdiff(bad_name, "inspect", BAD, encoding="utf-8:strict")
    assert_clean(res, 0)
    assert res.stdout.startswith(b"bad\\udcff.txt: utf-8")
    res = textdiff(bad_name, "inspect", BAD, "--format", "json")
    assert json.loads(res.stdout)["path"] == BAD


def test_line_breaks_in_file_names_stay_on_their_line(tmp_path: Path) -> None:
    """F21: a name with a newline or tab never splits an output line."""
    name = "new\nline\tA.txt"
    (tmp_path / name).write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    res = textdiff(tmp_path, "compare", name, "b.txt")
    assert_clean(res, 0)
    assert res.stdout.decode().splitlines()[0].startswith("A: new\\nline\\tA.txt (utf-8")
    res = textdiff(tmp_path, "inspect", name)
    assert res.stdout.decode().splitlines()[0].startswith("new\\nline\\tA.txt: utf-8")
    res = textdiff(tmp_path, "report", name, "b.txt", "-o", "out\nx.html")
    assert_clean(res, 0)
    assert res.stdout.decode() == "out\\nx.html: identical\n"
    res = textdiff(tmp_path, "compare", name, "missing\n.txt")
    assert_clean(res, 2)
    assert res.stderr.decode().count("\n") == 1 and "missing\\n.txt" in res.stderr.decode()


@pytest.mark.parametrize(
    "where", ["reference/closing-address.txt", "transcripts/clean.txt", "textdiff.toml"]
)
def test_update_baseline_never_writes_over_an_input(tmp_path: Path, where: str) -> None:
    """F12: a baseline pointed at a reference, a copy or the configuration is refused."""
    repo = copy_fixture(tmp_path / "repo")
    config = repo / "textdiff.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('"textdiff-baseline.json"', f'"{where}"'), encoding="utf-8")
    before = (repo / where).read_bytes()
    res = textdiff(repo, "check", "--update-baseline", "--no-cache")
    assert_clean(res, 2)
    assert res.stderr.decode().strip() == (
        f"textdiff: error: {repo / where}: refusing to overwrite an input file"
    )
    assert res.stdout == b""
    assert (repo / where).read_bytes() == before
