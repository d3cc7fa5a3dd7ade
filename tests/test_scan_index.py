"""The SQLite index: atomic units of work, settings guard, changed documents, read-only view,
format upgrade."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from textdiff.errors import InputError, OptionsError
from textdiff.scan.index import FORMAT, Index, Passage, Verified, read_documents
from textdiff.scan.readers import discover, group_text, read_partition

from .conftest import BULLETIN, CLOSING, ROOT, run_cli


def _fill(index: Index, *paths: Path) -> list[int]:
    sources = discover([str(p) for p in paths]).sources
    for p in group_text(sources):
        index.add_partition(read_partition(p), [s.path for s in sources])
    order = index.order()
    return sorted(order, key=order.__getitem__)


def _verified(a: int, b: int) -> Verified:
    passage = Passage(0, 100, 5, 105, 20, 20)
    return Verified(a, b, "variant", (1.0, 1.0), 0.9, None, {}, (20, 25), (passage,))


def test_wal_and_settings_are_checked(tmp_path: Path) -> None:
    path = str(tmp_path / "i.sqlite")
    Index(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute("UPDATE meta SET value = '7' WHERE key = 'shingle_words'")
    db.commit()
    db.close()
    with pytest.raises(OptionsError, match="shingle_words"):
        Index(path)


def test_not_an_index(tmp_path: Path) -> None:
    bad = tmp_path / "x.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="not a textdiff scan index"):
        Index(str(bad))


def test_a_failed_batch_leaves_nothing_behind(tmp_path: Path) -> None:
    index = Index(str(tmp_path / "i.sqlite"))
    a, b = _fill(index, CLOSING, BULLETIN)
    assert index.add_candidates([(a, b, 10, 10, 0.9)], index.state(), "k")
    with pytest.raises(KeyboardInterrupt), index.transaction() as db:
        db.execute("DELETE FROM candidates")
        raise KeyboardInterrupt
    assert index.pending_candidates() == [(a, b)]
    index.add_verified([_verified(a, b)])
    assert index.pending_candidates() == []
    ((v, e),) = index.verified_candidates()
    assert v == _verified(a, b) and (e.shared, e.own, e.score) == (10, 10, 0.9)
    assert v.share == (1.0, 0.8)
    index.close()


def test_candidates_of_a_collection_that_changed_meanwhile_are_refused(tmp_path: Path) -> None:
    index = Index(str(tmp_path / "i.sqlite"))
    a, b = _fill(index, CLOSING, BULLETIN)
    before = index.state()
    assert index.add_candidates([(a, b, 10, 10, 0.9)], before, "k")
    assert index.candidates_for() == f"{before}|k"
    third = tmp_path / "third.txt"
    third.write_text("a third text " * 40)
    _fill(index, third)
    assert index.state() != before
    assert not index.add_candidates([], before, "k")
    assert index.pending_candidates() == [(a, b)], "the refused call wrote nothing"
    index.close()


def test_changed_document_is_matched_again(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("first text " * 50)
    two.write_text("second text " * 50)
    index = Index(str(tmp_path / "i.sqlite"))
    a, b = _fill(index, one, two)
    state = index.state()
    index.add_candidates([(a, b, 10, 10, 0.9)], state, "k")
    index.add_verified([_verified(a, b)])
    two.write_text("second text, edited " * 50)
    _fill(index, one, two)
    assert index.state() != state
    assert index.verified_candidates() == [] and index.counts()["candidates"] == 0
    assert index.db.execute("SELECT count(*) FROM verified").fetchone()[0] == 0
    assert index.counts()["documents"] == 2
    index.close()


_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE partitions (
    path TEXT NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL,
    PRIMARY KEY (path, start, stop)) WITHOUT ROWID;
CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,
    line INTEGER, meta TEXT NOT NULL, sha256 TEXT NOT NULL, encoding TEXT NOT NULL,
    method TEXT NOT NULL, confidence REAL NOT NULL, bytes INTEGER NOT NULL,
    format TEXT NOT NULL, chars INTEGER NOT NULL, words INTEGER NOT NULL,
    text BLOB NOT NULL, shingles BLOB NOT NULL, UNIQUE (source, key));
CREATE TABLE candidates (
    a INTEGER NOT NULL, b INTEGER NOT NULL, shared INTEGER NOT NULL, score REAL NOT NULL,
    status INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE pairs (
    a INTEGER NOT NULL, b INTEGER NOT NULL, relation TEXT NOT NULL, verdict TEXT NOT NULL,
    coverage_a REAL NOT NULL, coverage_b REAL NOT NULL, similarity REAL NOT NULL,
    region TEXT, edits TEXT NOT NULL, shared INTEGER NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (a, b)) WITHOUT ROWID;
INSERT INTO meta VALUES ('format', 'textdiff.scan.index/1'), ('shingle_words', '5'),
    ('sample', '4'), ('matched_through', '2');
INSERT INTO candidates VALUES (1, 2, 10, 0.9, 1);
INSERT INTO pairs VALUES (1, 2, 'variant', 'variant', 1, 1, 1, NULL, '{}', 10, 0.9);
"""


def test_an_index_of_format_1_keeps_its_documents_and_drops_its_pairs(tmp_path: Path) -> None:
    path = str(tmp_path / "old.sqlite")
    db = sqlite3.connect(path)
    db.executescript(_V1)
    db.close()
    index = Index(path)
    assert index.outdated
    a, b = _fill(index, CLOSING, BULLETIN)
    index.upgrade()
    assert not index.outdated
    assert index.db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()[0] == FORMAT
    tables = {r[0] for r in index.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "pairs" not in tables and index.counts() == {
        "documents": 2, "candidates": 0, "verified": 0,
    }  # fmt: skip
    assert index.add_candidates([(a, b, 10, 10, 0.9)], index.state(), "k")
    index.close()
    assert not Index(path).outdated


def test_workers_read_texts_back(tmp_path: Path) -> None:
    index = Index(str(tmp_path / "i.sqlite"))
    a, _ = _fill(index, CLOSING, BULLETIN)
    doc = read_documents(index.path, [a])[a]
    assert doc.text == CLOSING.read_text(encoding="utf-8") and doc.name == str(CLOSING)
    index.close()


def _tables(path: Path) -> tuple[set[str], str]:
    db = sqlite3.connect(path)
    try:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return names, db.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        db.close()


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
        " INSERT INTO customers VALUES (1, 'Ann');",
        # Someone else's table called meta, with other columns, or without our format.
        "CREATE TABLE meta (k TEXT, v TEXT); INSERT INTO meta VALUES ('a', 'b');",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        " CREATE TABLE documents (x); INSERT INTO documents VALUES (1);",
    ],
)
def test_a_foreign_database_is_refused_and_left_alone(tmp_path: Path, schema: str) -> None:
    """F14: any SQLite file was adopted: it gained our tables and was switched to WAL."""
    path = tmp_path / "foreign.db"
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match=r"foreign\.db: not a textdiff scan index"):
        Index(str(path))
    assert path.read_bytes() == before
    assert _tables(path)[1] == "delete"


def test_cli_refuses_a_foreign_database_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "foreign.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    db.commit()
    db.close()
    res = run_cli("scan", str(CLOSING), "--index", str(path))
    assert res.returncode == 2
    assert res.stderr.decode() == (
        f"textdiff: error: {path}: not a textdiff scan index (a SQLite database with tables"
        " customers); give --index a new file\n"
    )
    assert _tables(path)[0] == {"customers"}


def test_an_empty_file_or_a_cut_short_creation_becomes_an_index(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    Index(str(empty)).close()
    half = tmp_path / "half.sqlite"
    db = sqlite3.connect(half)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE sources (path TEXT PRIMARY KEY)")
    db.commit()
    db.close()
    Index(str(half)).close()
    assert "documents" in _tables(half)[0]


def test_a_second_run_creating_the_same_new_index_waits(tmp_path: Path) -> None:
    """F16: "database is locked" at once when another run is creating the same index.

    SQLite does not call its busy handler when switching to WAL while another
    connection holds the write lock of a new database; here that connection is
    held open until a moment after Index() starts, so Index() must wait for it.
    """
    path = tmp_path / "new.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.execute, ("COMMIT",))
    release.start()
    try:
        index = Index(str(path))
    finally:
        release.join()
        other.close()
    assert index.counts()["documents"] == 0
    index.close()


def test_two_runs_creating_one_index_both_succeed(tmp_path: Path) -> None:
    """F16 end to end: both scans finish; the meta row is written once (no UNIQUE failure)."""
    path = tmp_path / "both.sqlite"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "textdiff", "scan", str(CLOSING), "--index", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors


def test_a_lock_held_too_long_is_one_line(tmp_path: Path) -> None:
    """A run that finds the index locked past the timeout says so, without a traceback."""
    path = str(tmp_path / "i.sqlite")
    Index(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        index = Index(path, timeout=0.1)
        with pytest.raises(InputError, match=r"i\.sqlite: the index is locked: another textdiff"):
            index.finish_sources(["x"])
        index.close()
    finally:
        other.execute("ROLLBACK")
        other.close()
