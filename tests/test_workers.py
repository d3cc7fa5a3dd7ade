"""Worker pools under faults: a killed worker is one line and exit 2 (F9); workers die with
their driver (F10). For ``scan --jobs N`` and ``check -j N``.

Each fault happens at a chosen point: the driver runs under ``tests/stopper.py``,
which stops it (SIGSTOP) right after it has handed work to its pool; the test
then kills the driver or its workers, and lets the driver go on (SIGCONT). No
outcome depends on how fast anything runs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from textdiff import workers as pools
from textdiff.scan.engines import ProcessPool, run_all
from textdiff.workers import WorkerDied

from . import stopper
from .conftest import ROOT, run_cli
from .test_check_runner import copy_fixture

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and stops processes with SIGSTOP"
)

SUBMIT = "concurrent.futures.process:ProcessPoolExecutor.submit"


def _suicide(x: int) -> int:
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_a_killed_worker_is_one_error_not_broken_process_pool() -> None:
    """In process: the scan engine's pool raises WorkerDied naming the signal."""
    pool = ProcessPool(2)
    try:
        with pytest.raises(WorkerDied, match=r"^a worker process was killed by SIGKILL "):
            run_all(pool, _suicide, range(8))
    finally:
        pool.close()


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _kill_workers_then_continue(proc: subprocess.Popen[bytes]) -> list[int]:
    stopper.wait_stopped(proc)
    pids = stopper.workers(proc.pid)
    assert len(pids) == 2, stopper.descendants(proc.pid)
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    os.kill(proc.pid, signal.SIGCONT)
    return pids


@pytest.fixture
def gen(tmp_path: Path) -> Path:
    """Four JSON Lines files (four read partitions) of 108 articles, 144 candidate pairs."""
    return make_collection(tmp_path / "gen")


def make_collection(folder: Path) -> Path:
    import random
    import re

    from .conftest import SAMPLES

    paras = []
    for p in sorted(SAMPLES.glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        paras += [x.strip() for x in re.split(r"\n\s*\n", text) if len(x.split()) >= 25]
    docs = []
    for f in range(36):
        start = (f * 7) % (len(paras) - 6)
        base = paras[start : start + 5]
        edited = [re.sub(r"\bthe\b", "a", base[0], count=2), *base[1:]]
        docs += [
            {"id": f"f{f}-a", "title": f"Family {f}", "date": f"2012-01-{f % 28 + 1:02d}",
             "text": "\n\n".join(base)},
            {"id": f"f{f}-b", "title": f"Family {f} again", "text": "\n\n".join(edited)},
            {"id": f"f{f}-c", "text": "\n\n".join(base[1:4])},
        ]  # fmt: skip
    random.Random(7).shuffle(docs)
    folder.mkdir(parents=True)
    for i in range(4):
        rows = "".join(json.dumps(d) + "\n" for d in docs[i::4])
        (folder / f"part{i}.jsonl").write_text(rows, encoding="utf-8")
    return folder


def test_scan_with_a_killed_worker_exits_2_in_one_line(tmp_path: Path, gen: Path) -> None:
    """F9 for scan --jobs 2: both workers killed while reading; the rerun completes."""
    index = tmp_path / "i.sqlite"
    args = ["scan", str(gen), "--index", str(index), "--jobs", "2", "--format", "jsonl"]
    proc = stopper.start(f"{SUBMIT}:2:after", *args, cwd=str(ROOT), env=_env())
    _kill_workers_then_continue(proc)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err
    assert err.decode() == (
        "textdiff: error: a worker process was killed by SIGKILL (often the out-of-memory"
        " killer); the index keeps the work already done: run the same command again to"
        " resume\n"
    )
    assert out == b""
    again = run_cli(*args)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout.decode().splitlines()[-1])["pairs"] == 144


def test_check_with_a_killed_worker_exits_2_in_one_line(tmp_path: Path) -> None:
    """F9 for check -j 2: exit 1 would read as "a copy failed" to CI; it is trouble, 2."""
    repo = copy_fixture(tmp_path / "repo")
    proc = stopper.start(f"{SUBMIT}:1:after", "check", "-j", "2", "--no-cache", cwd=str(repo),
                         env=_env())  # fmt: skip
    _kill_workers_then_continue(proc)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err
    assert err.decode() == (
        "textdiff: error: a worker process was killed by SIGKILL (often the out-of-memory"
        " killer); no result was judged: run the check again\n"
    )


@pytest.mark.parametrize(
    ("command", "spec"),
    [
        (["scan", "--jobs", "2"], f"{SUBMIT}:2:after"),
        (["scan", "--jobs", "2"], "textdiff.scan.index:Index.add_verified:1:after"),
        (["check", "-j", "2", "--no-cache"], f"{SUBMIT}:1:after"),
    ],
    ids=["scan-reading", "scan-verifying", "check"],
)
def test_workers_die_with_a_killed_driver(
    tmp_path: Path, gen: Path, command: list[str], spec: str
) -> None:
    """F10: the workers (and the resource tracker) of a SIGKILLed driver end by themselves."""
    if command[0] == "scan":
        args = [*command, str(gen), "--index", str(tmp_path / "i.sqlite")]
        cwd = ROOT
    else:
        args, cwd = command, copy_fixture(tmp_path / "repo")
    proc = stopper.start(spec, *args, cwd=str(cwd), env=_env())
    try:
        stopper.wait_stopped(proc)
        below = sorted(stopper.descendants(proc.pid))
        assert len(stopper.workers(proc.pid)) == 2
        proc.kill()
        proc.wait()
        # Not a time limit on how fast they go: a generous bound on "they go at all"
        # (before the fix they stayed for as long as anyone watched).
        assert stopper.wait_gone(below) == []
    finally:
        proc.kill()
        for pid in stopper.alive(below if "below" in locals() else []):
            os.kill(pid, signal.SIGKILL)


def test_workers_ignore_ctrl_c_and_exit_with_an_ended_parent() -> None:
    """The worker side in isolation: the initializer installs both behaviours."""
    pool = pools.start(1, "spawn")
    try:
        assert pool.submit(_sigint_handler).result() == "SIG_IGN"
        assert pool.submit(_watching).result() is True
    finally:
        pool.shutdown()


def _sigint_handler() -> str:
    return "SIG_IGN" if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else "other"


def _watching() -> bool:
    import threading

    return any(t.name == "textdiff-parent-watch" for t in threading.enumerate())


def _always_dies(x: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return x


@pytest.mark.skipif(
    __import__("importlib").util.find_spec("distributed") is None,
    reason="dask[distributed] not installed",
)
def test_dask_workers_killed_by_a_task_are_one_error() -> None:
    """Dask retries a task whose worker died on other workers; when every try dies, one line."""
    import dask

    from textdiff.scan.engines import make_executor

    # One try instead of Dask's default four keeps the test short; the path is the same.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        executor = make_executor("dask", dask_local=1)
        try:
            with pytest.raises(WorkerDied, match=r"^each Dask worker that ran _always_dies-"):
                run_all(executor, _always_dies, [1])
        finally:
            executor.close()
