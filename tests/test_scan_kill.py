"""``scan`` killed with SIGKILL at chosen phases, with and without ``--jobs`` (issue 15).

For each phase: no process is left behind, the index is consistent, and the
rerun's output equals a clean run's. The driver runs under ``tests/stopper.py``,
which stops it at the N-th call of an index method (after it, or inside its
transaction before COMMIT); the test kills it there. A kill at a chosen
point, not at a random moment: the test does not depend on timing.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from . import stopper
from .conftest import ROOT, run_cli
from .test_workers import make_collection

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and stops processes with SIGSTOP"
)

INDEX = "textdiff.scan.index:Index"


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The generated collection and a clean run's JSON Lines (without its run statistics)."""
    folder = make_collection(tmp_path_factory.mktemp("kill") / "gen")
    res = run_cli("scan", str(folder), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    return folder, _results(res.stdout)


def _results(out: bytes) -> list[str]:
    """The records, with the summary's account of this run (what it read, verified) dropped."""
    lines = out.decode("utf-8").splitlines()
    summary = json.loads(lines[-1])
    del summary["run"]
    return [*lines[:-1], json.dumps(summary)]


def _consistent(index: Path) -> None:
    db = sqlite3.connect(index)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("candidates", "verified"):
            orphans = db.execute(
                f"SELECT count(*) FROM {table} WHERE a NOT IN (SELECT id FROM documents)"
                " OR b NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0
    finally:
        db.close()


@pytest.mark.parametrize(
    ("jobs", "spec"),
    [
        ([], f"{INDEX}.add_partition:2:inside"),
        ([], f"{INDEX}.add_candidates:1:after"),
        ([], f"{INDEX}.add_verified:2:inside"),
        (["--jobs", "2"], f"{INDEX}.add_partition:1:after"),
        (["--jobs", "2"], f"{INDEX}.add_candidates:1:inside"),
        (["--jobs", "2"], f"{INDEX}.add_verified:3:after"),
    ],
    ids=[
        "reading-mid-commit",
        "after-candidates",
        "verifying-mid-commit",
        "jobs-reading",
        "jobs-candidates-mid-commit",
        "jobs-verifying",
    ],
)
def test_killed_scan_leaves_nothing_behind_and_the_rerun_equals_a_clean_run(
    tmp_path: Path, collection: tuple[Path, list[str]], jobs: list[str], spec: str
) -> None:
    folder, clean = collection
    index = tmp_path / "i.sqlite"
    args = ["scan", str(folder), "--index", str(index), "--format", "jsonl", *jobs]
    proc = stopper.start(spec, *args, cwd=str(ROOT))
    below: list[int] = []
    try:
        stopper.wait_stopped(proc)
        below = sorted(stopper.descendants(proc.pid))
        assert len(stopper.workers(proc.pid)) == (2 if jobs else 0)
        proc.kill()
        proc.wait()
        assert stopper.wait_gone(below) == [], "processes outlived the killed scan"
    finally:
        proc.kill()
        for pid in stopper.alive(below):
            os.kill(pid, signal.SIGKILL)
    _consistent(index)
    rerun = run_cli(*args)
    assert rerun.returncode == 0, rerun.stderr
    assert _results(rerun.stdout) == clean
    _consistent(index)
    # The rerun resumed: it did not read every document again.
    run = json.loads(rerun.stdout.decode().splitlines()[-1])["run"]
    assert run["documents_read"] < 108 or "add_partition" in spec
    assert sorted(os.listdir(tmp_path)) in (
        ["i.sqlite"], ["i.sqlite", "i.sqlite-shm", "i.sqlite-wal"]
    )  # fmt: skip


def test_a_second_scan_waits_for_the_one_holding_the_index(
    tmp_path: Path, collection: tuple[Path, list[str]]
) -> None:
    """Issue 15: a run that finds the index locked waits (up to 60 s) rather than failing.

    The first scan is stopped inside a write transaction, holding the lock; the
    second starts and must wait for it; then the first is killed (the lock goes
    with it), and the second completes with the clean run's result.
    """
    folder, clean = collection
    index = tmp_path / "i.sqlite"
    args = ["scan", str(folder), "--index", str(index), "--format", "jsonl"]
    first = stopper.start(f"{INDEX}.add_partition:2:inside", *args, cwd=str(ROOT))
    second = None
    try:
        stopper.wait_stopped(first)
        second = subprocess.Popen(
            [sys.executable, "-m", "textdiff", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        first.kill()
        first.wait()
        out, err = second.communicate(timeout=300)
    finally:
        first.kill()
        if second is not None and second.poll() is None:
            second.kill()
    assert second.returncode == 0, err
    assert _results(out) == clean
