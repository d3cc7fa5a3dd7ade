"""report: default names that never collide, and no report of another pair silently replaced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import BULLETIN, CLOSING, ROOT


def textdiff(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "textdiff", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def groups(tmp_path: Path) -> None:
    speech = CLOSING.read_text(encoding="utf-8")
    for group, word in (("R01", "unbending"), ("R02", "steadfast")):
        (tmp_path / group).mkdir()
        (tmp_path / group / "v1.txt").write_text(speech, encoding="utf-8")
        (tmp_path / group / "v2.txt").write_text(
            speech.replace("unyielding", word), encoding="utf-8"
        )


def test_reports_of_two_pairs_with_the_same_file_names_both_survive(tmp_path: Path) -> None:
    """Issue 14: 'report R01/v1.txt R01/v2.txt' then 'report R02/v1.txt R02/v2.txt' both
    wrote reports/v1-vs-v2.html, and the first report was gone."""
    groups(tmp_path)
    first = textdiff(tmp_path, "report", "R01/v1.txt", "R01/v2.txt")
    second = textdiff(tmp_path, "report", "R02/v1.txt", "R02/v2.txt")
    assert (first.returncode, second.returncode) == (1, 1), first.stderr + second.stderr
    assert first.stdout == "reports/v1-vs-v2.html: variant\n"
    assert second.stdout == "reports/R02-v1-vs-R02-v2.html: variant\n"
    assert "unbending" in (tmp_path / "reports" / "v1-vs-v2.html").read_text(encoding="utf-8")
    assert "steadfast" in (tmp_path / "reports" / "R02-v1-vs-R02-v2.html").read_text(
        encoding="utf-8"
    )
    # Each pair again: its own report is updated in place; nothing new appears.
    again = textdiff(tmp_path, "report", "./R02/../R02/v1.txt", "R02/v2.txt")
    assert again.stdout == "reports/R02-v1-vs-R02-v2.html: variant\n"
    assert textdiff(tmp_path, "report", "R01/v1.txt", "R01/v2.txt").stdout == first.stdout
    assert sorted(os.listdir(tmp_path / "reports")) == ["R02-v1-vs-R02-v2.html", "v1-vs-v2.html"]


def test_a_users_file_at_the_default_name_is_kept(tmp_path: Path) -> None:
    groups(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "v1-vs-v2.html").write_text("my notes", encoding="utf-8")
    res = textdiff(tmp_path, "report", "R01/v1.txt", "R01/v2.txt")
    assert res.stdout == "reports/R01-v1-vs-R01-v2.html: variant\n"
    assert (tmp_path / "reports" / "v1-vs-v2.html").read_text(encoding="utf-8") == "my notes"


def test_explicit_output_over_another_pairs_report_needs_force(tmp_path: Path) -> None:
    groups(tmp_path)
    assert textdiff(tmp_path, "report", "R01/v1.txt", "R01/v2.txt", "-o", "r.html").returncode == 1
    res = textdiff(tmp_path, "report", "R02/v1.txt", "R02/v2.txt", "-o", "r.html")
    assert res.returncode == 2
    assert res.stderr == (
        "textdiff: error: r.html: holds the report of another pair of files; "
        "choose another -o, or pass --force to replace it\n"
    )
    assert "unbending" in (tmp_path / "r.html").read_text(encoding="utf-8")
    res = textdiff(tmp_path, "report", "R02/v1.txt", "R02/v2.txt", "-o", "r.html", "--force")
    assert res.returncode == 1 and "steadfast" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_sample_report_written_before_pages_recorded_their_pair_is_updated(
    tmp_path: Path,
) -> None:
    """An older page (no textdiff-pair tag) of the same file names is this pair's report."""
    old = (ROOT / "reports" / "closing-address-vs-embassy-bulletin.html").read_text(
        encoding="utf-8"
    )
    (tmp_path / "reports").mkdir()
    page = tmp_path / "reports" / "closing-address-vs-embassy-bulletin.html"
    page.write_text(old.replace('<meta name="textdiff-pair"', '<meta name="x"'), encoding="utf-8")
    res = textdiff(tmp_path, "report", str(CLOSING), str(BULLETIN))
    assert res.stdout == "reports/closing-address-vs-embassy-bulletin.html: equivalent\n"
    assert '<meta name="textdiff-pair"' in page.read_text(encoding="utf-8")
