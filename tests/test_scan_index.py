"""The SQLite index: atomic units of work, settings guard, changed documents, read-only view."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from textdiff.errors import InputError, OptionsError
from textdiff.scan.index import Index, Verified, read_documents
from textdiff.scan.readers import discover, group_text, read_partition

from .conftest import BULLETIN, CLOSING


def _fill(index: Index, *paths: Path) -> list[int]:
    sources = discover([str(p) for p in paths]).sources
    for p in group_text(sources):
        index.add_partition(read_partition(p), [s.path for s in sources])
    order = index.order()
    return sorted(order, key=order.__getitem__)


def _verified(a: int, b: int, relation: str | None) -> Verified:
    return Verified(a, b, 10, 0.9, relation, "variant", (1.0, 1.0), 0.9, None, {})


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
    index.add_candidates([(a, b, 10, 0.9)], max(a, b))
    with pytest.raises(KeyboardInterrupt), index.transaction() as db:
        db.execute("UPDATE candidates SET status = 1")
        raise KeyboardInterrupt
    assert index.pending_candidates() == [(a, b, 10, 0.9)]
    index.add_verified([_verified(a, b, "variant")])
    assert index.pending_candidates() == [] and len(index.pairs()) == 1
    index.close()


def test_changed_document_is_matched_again(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("first text " * 50)
    two.write_text("second text " * 50)
    index = Index(str(tmp_path / "i.sqlite"))
    a, b = _fill(index, one, two)
    index.add_candidates([(a, b, 10, 0.9)], max(a, b))
    index.add_verified([_verified(a, b, "variant")])
    assert index.pending_documents() == 0
    two.write_text("second text, edited " * 50)
    _fill(index, one, two)
    assert index.pending_documents() == 1
    assert index.pairs() == [] and index.counts()["candidates"] == 0
    assert index.counts()["documents"] == 2
    index.close()


def test_workers_read_texts_back(tmp_path: Path) -> None:
    index = Index(str(tmp_path / "i.sqlite"))
    a, _ = _fill(index, CLOSING, BULLETIN)
    doc = read_documents(index.path, [a])[a]
    assert doc.text == CLOSING.read_text(encoding="utf-8") and doc.name == str(CLOSING)
    index.close()
