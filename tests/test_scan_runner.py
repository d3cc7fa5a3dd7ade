"""The scan end to end: the acceptance corpora, incremental runs, interrupted runs."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textdiff.scan import ScanConfig, scan
from textdiff.scan.runner import ScanResult

from .conftest import CORPORA, ROOT, SAMPLES

REVISIONS = CORPORA / "kcna-revisions-2024"
ARCHIVE_2012 = CORPORA / "kcna-archive" / "2012.jsonl.gz"
FIVE = sorted(SAMPLES.glob("*.txt"))


def named_pairs(r: ScanResult) -> list[tuple[str, str, str]]:
    docs = r.collection.documents
    return [(docs[p.a].name, docs[p.b].name, p.relation) for p in r.collection.pairs]


def archive_slice(path: Path, lines: int) -> Path:
    """The first ``lines`` articles of 2012, as a gzipped JSON Lines file."""
    with gzip.open(ARCHIVE_2012, "rb") as src:
        data = b"".join(src.readline() for _ in range(lines))
    path.write_bytes(gzip.compress(data))
    return path


def test_five_samples_make_one_family() -> None:
    assert len(FIVE) == 5
    r = scan(ScanConfig(inputs=tuple(map(str, FIVE))))
    assert named_pairs(r) == [
        (str(SAMPLES / "closing-address.txt"), str(SAMPLES / "embassy-bulletin.txt"),
         "contained-in"),
    ]  # fmt: skip
    (family,) = r.collection.families
    assert len(family.members) == 2
    assert r.documents == 5 and not r.stats.problems


@pytest.mark.corpus
@pytest.mark.skipif(not REVISIONS.exists(), reason="../shared/corpora not present")
def test_revisions_all_twenty_are_variants_and_control_unpaired() -> None:
    r = scan(ScanConfig(inputs=(str(REVISIONS),), include=("*.txt",)))
    pairs = named_pairs(r)
    groups = sorted((REVISIONS / "groups").iterdir())
    assert len(groups) == 20
    want = [(str(g / "v1.txt"), str(g / "v2.txt"), "variant") for g in groups]
    assert sorted(pairs) == sorted(want)
    assert not [p for p in pairs if "negative_controls" in p[0] + p[1]]


def test_second_run_does_nothing_and_added_documents_meet_only_what_they_need(
    tmp_path: Path,
) -> None:
    index = str(tmp_path / "i.sqlite")
    first = [SAMPLES / "closing-address.txt", SAMPLES / "cell-secretaries-2013.txt",
             SAMPLES / "rodong-short-course-2021.txt"]  # fmt: skip
    r1 = scan(ScanConfig(inputs=tuple(map(str, first))), index)
    assert r1.stats.documents_added == 3 and named_pairs(r1) == []
    again = scan(ScanConfig(inputs=tuple(map(str, first))), index)
    assert (again.stats.sources_skipped, again.stats.documents_read) == (3, 0)
    assert (again.stats.candidates, again.stats.verified) == (0, 0)
    r2 = scan(ScanConfig(inputs=tuple(map(str, FIVE))), index)
    assert r2.stats.documents_added == 2 and r2.stats.sources_skipped == 3
    fresh = scan(ScanConfig(inputs=tuple(map(str, FIVE))))
    assert named_pairs(r2) == named_pairs(fresh) and len(r2.collection.pairs) == 1
    # Candidates are of the whole collection; only those never verified were compared.
    assert r2.stats.candidates == fresh.stats.candidates
    assert r2.stats.verified == fresh.stats.verified - r1.stats.verified


def _consistent(index: Path) -> tuple[int, int]:
    db = sqlite3.connect(index)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("candidates", "verified"):
            orphans = db.execute(
                f"SELECT count(*) FROM {table} WHERE a NOT IN (SELECT id FROM documents)"
                " OR b NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0
        docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        verified = db.execute("SELECT count(*) FROM verified").fetchone()[0]
        return int(docs), int(verified)
    finally:
        db.close()


_CHILD = """
import sys
from textdiff.scan import Index, ScanConfig, run_scan
from textdiff.scan.engines import InProcess
from textdiff.scan.progress import Progress
index = Index(sys.argv[1])
config = ScanConfig(inputs=tuple(sys.argv[2:]), partition_bytes=64 << 10, batch_pairs=2)
run_scan(index, config, InProcess(), Progress(None))
"""


def _wait_for(index: Path, sql: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            db = sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=1)
            try:
                if db.execute(sql).fetchone()[0]:
                    return
            finally:
                db.close()
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.005)
    raise AssertionError("the scan finished (or hung) before it could be interrupted")


@pytest.fixture(scope="module")
def archive_scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ScanResult]:
    """2,500 archive articles and their scan from scratch (shared by the interrupt tests)."""
    if not ARCHIVE_2012.exists():
        pytest.skip("../shared/corpora not present")
    data = archive_slice(tmp_path_factory.mktemp("archive") / "slice.jsonl.gz", 2500)
    return data, scan(ScanConfig(inputs=(str(data),)))


@pytest.mark.parametrize(
    ("sig", "when"),
    [
        (signal.SIGKILL, "SELECT count(*) FROM documents"),
        (signal.SIGKILL, "SELECT count(*) FROM verified"),
        (signal.SIGINT, "SELECT count(*) FROM verified"),
    ],
    ids=["kill-reading", "kill-verifying", "ctrl-c-verifying"],
)
def test_interrupted_run_leaves_consistent_index_and_rerun_completes(
    tmp_path: Path, archive_scan: tuple[Path, ScanResult], sig: signal.Signals, when: str
) -> None:
    data, fresh = archive_scan
    index = tmp_path / "i.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(index), str(data)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(index, when, proc)
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0, "the run completed before the signal"
    if sig == signal.SIGINT:
        assert b"KeyboardInterrupt" in err
    docs, _ = _consistent(index)
    assert docs > 0
    resumed = scan(ScanConfig(inputs=(str(data),)), str(index))
    _consistent(index)
    assert named_pairs(resumed) == named_pairs(fresh) and named_pairs(fresh)
    assert resumed.documents == fresh.documents == 2500
    # Completed work was kept: the rerun read or verified less than a fresh run.
    assert (resumed.stats.documents_read, resumed.stats.verified) < (
        fresh.stats.documents_read, fresh.stats.verified + 1,
    )  # fmt: skip


def test_bad_input_is_counted_and_the_rest_scanned(tmp_path: Path) -> None:
    text = (SAMPLES / "closing-address.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "speech", "text": text, "date": "2022-03-02"}),
        "{broken",
        json.dumps({"id": "notext"}),
        json.dumps({"id": "copy", "text": text.replace("’", "'")}),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"%PDF-1.4 binary")
    r = scan(ScanConfig(inputs=(str(tmp_path),)))
    assert [(os.path.basename(p.path), p.line) for p in r.stats.problems] == [
        ("a.jsonl", 2), ("a.jsonl", 3), ("b.txt", None),
    ]  # fmt: skip
    assert named_pairs(r) == [("copy", "speech", "duplicate")]
    (family,) = r.collection.families
    meta = {r.collection.documents[m].name: r.collection.documents[m].meta for m in family.members}
    assert meta == {"copy": {}, "speech": {"date": "2022-03-02"}}


def test_a_repeated_id_in_another_partition_is_bad_input(tmp_path: Path) -> None:
    import json

    from textdiff.scan import ScanConfig, scan

    filler = "x " * 2000
    rows = [{"id": "dup", "text": "first " + filler}]
    rows += [{"id": f"n{i}", "text": f"row {i} " + filler} for i in range(20)]
    rows += [{"id": "dup", "text": "second " + filler}]
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    r = scan(ScanConfig(inputs=(str(path),), partition_bytes=16_000))
    messages = [p.message for p in r.stats.problems]
    assert any("duplicate id 'dup' (first on line 1)" in m for m in messages)
    assert r.stats.documents_read == r.stats.documents_added == 21
