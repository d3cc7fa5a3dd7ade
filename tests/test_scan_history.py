"""The index's result depends on the final collection alone (issue 15, F7).

Scanning A then B, B then A, A and B at once into one index, and A+B in one
run give the same pairs and families; a report-only run never writes. The
collection is built so that history would show: A alone holds four letters of
a template whose sentences are then rare enough to pair them, which B's
letters make common; and B holds the excerpts of A's speech.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from textdiff.scan import Index, ScanConfig, scan
from textdiff.scan.readers import discover, plan, read_partition

from .conftest import ROOT, run_cli
from .scan_texts import reuse_collection, write_jsonl


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    docs = reuse_collection(seed=4)
    ids = sorted(docs)
    a = [i for i in ids if i in ("speech", "serial-whole", "report") or i < "letter-04"]
    a = [i for i in a if not i.startswith("other") or i < "other-15"]
    b = [i for i in ids if i not in a]
    folder = tmp_path_factory.mktemp("halves")
    return write_jsonl(folder / "a.jsonl", a, docs), write_jsonl(folder / "b.jsonl", b, docs)


def _results(*args: str) -> list[str]:
    """The JSON Lines records, without the summary's account of this run."""
    res = run_cli("scan", *args, "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.decode("utf-8").splitlines()
    summary = json.loads(lines[-1])
    del summary["run"]
    return [*lines[:-1], json.dumps(summary)]


def _pairs(records: list[str]) -> list[tuple[str, str, str]]:
    out = []
    for line in records:
        r = json.loads(line)
        if r["type"] == "pair":
            out.append((r["a"]["id"], r["b"]["id"], r["relation"]))
    return out


def test_history_would_show_here(halves: tuple[Path, Path]) -> None:
    a, b = halves
    alone = _pairs(_results(str(a)))
    assert any(x.startswith("letter") for x, _, _ in alone), "A alone pairs its letters"
    together = _pairs(_results(str(a), str(b)))
    assert not any(x.startswith("letter") for x, _, _ in together)
    assert ("excerpt", "speech", "overlap") in together


@pytest.mark.parametrize("order", ["a-then-b", "b-then-a"])
def test_one_input_after_the_other_equals_both_at_once(
    tmp_path: Path, halves: tuple[Path, Path], order: str
) -> None:
    a, b = halves
    first, second = (a, b) if order == "a-then-b" else (b, a)
    index = str(tmp_path / "i.sqlite")
    _results(str(first), "--index", index)
    assert _results(str(a), str(b), "--index", index) == _results(str(a), str(b))
    # Adding the second input alone to the index is the same as naming both.
    other = str(tmp_path / "j.sqlite")
    _results(str(first), "--index", other)
    _results(str(second), "--index", other)
    assert _results("--index", other) == _results(str(a), str(b))


_CHILD = """
import sys
from textdiff.scan import Index, ScanConfig, run_scan
from textdiff.scan.engines import InProcess
from textdiff.scan.progress import Progress
index = Index(sys.argv[1])
sys.stdout.write("ready\\n")
sys.stdout.flush()
sys.stdin.readline()
run_scan(index, ScanConfig(inputs=(sys.argv[2],), batch_pairs=1), InProcess(), Progress(None))
"""


def test_two_scans_at_once_into_one_index(tmp_path: Path, halves: tuple[Path, Path]) -> None:
    a, b = halves
    index = tmp_path / "i.sqlite"
    Index(str(index)).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(index), str(path)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for path in (a, b)
    ]
    try:
        for p in procs:  # both opened the index; now let them run together
            assert p.stdout is not None and p.stdout.readline() == b"ready\n"
        for p in procs:
            assert p.stdin is not None
            p.stdin.write(b"go\n")
            p.stdin.flush()
        for p in procs:
            _, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
    finally:
        for p in procs:
            p.kill()
    assert _results("--index", str(index)) == _results(str(a), str(b))


def _dump(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def test_report_only_never_writes_and_says_the_index_is_unfinished(
    tmp_path: Path, halves: tuple[Path, Path]
) -> None:
    a, b = halves
    index = tmp_path / "i.sqlite"
    scan(ScanConfig(inputs=(str(a),)), str(index))
    # A run over B killed after reading: B's documents are in, not yet matched.
    opened = Index(str(index))
    for part in plan(discover([str(b)]).sources[0]):
        opened.add_partition(read_partition(part), [str(b)])
    opened.close()
    before = _dump(index)
    report = scan(ScanConfig(), str(index))
    assert report.stats.unfinished == -1 and report.stats.candidates == 0
    res = run_cli("scan", "--index", str(index), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    text = run_cli("scan", "--index", str(index))
    assert b"note: the index is unfinished (its candidates are not of" in text.stdout
    assert _dump(index) == before
    # The next scan with inputs finishes the work: the result of a clean run.
    assert _results(str(a), str(b), "--index", str(index)) == _results(str(a), str(b))
