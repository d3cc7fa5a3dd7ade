"""index: the scan's SQLite file, the only state a scan keeps.

    Index(path)                 open or create (WAL); refuses an index built with other settings
    Index.transaction()         one BEGIN IMMEDIATE ... COMMIT; every batch of work is one
    read_documents(path, ids)   a worker's read-only view: the texts of a verification batch

Tables:

    meta         key/value: index format, shingle settings, matched_through
    sources      path, size, mtime_ns, done: a finished, unchanged file is never read again
    partitions   finished byte ranges of JSON Lines files, so a killed run resumes mid-file
    documents    (source, key) unique; name, line, metadata, content sha256, encoding,
                 text (zlib), sampled shingle hashes (little-endian u64)
    candidates   (a, b) with shared shingles, score, status 0 pending / 1 kept / 2 rejected
    pairs        verified pairs that were kept: relation, verdict, coverage, region, edits

Every unit of work (a read partition, the candidate list, a verified batch)
is written in one transaction, so a Ctrl-C or a kill loses at most the unit in
flight and the file stays consistent; WAL lets workers read texts while the
driver writes. A document whose content changed (same source and id, new
sha256) loses its candidates and pairs and is matched again.

Documents with an id above ``matched_through`` have not yet been matched
against the rest. Ids only grow (AUTOINCREMENT), so a changed document,
stored anew, is pending again; and marking every pending document matched is
one row's update, not a rewrite of 136k rows that carry their texts.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..errors import InputError, OptionsError
from .readers import DocRecord, PartitionResult, SourceFile
from .shingles import SAMPLE, SHINGLE_WORDS, U64

FORMAT = "textdiff.scan.index/1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS partitions (
    path TEXT NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL,
    PRIMARY KEY (path, start, stop)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL,
    line INTEGER, meta TEXT NOT NULL, sha256 TEXT NOT NULL, encoding TEXT NOT NULL,
    method TEXT NOT NULL, confidence REAL NOT NULL, bytes INTEGER NOT NULL,
    format TEXT NOT NULL, chars INTEGER NOT NULL, words INTEGER NOT NULL,
    text BLOB NOT NULL, shingles BLOB NOT NULL, UNIQUE (source, key));
CREATE TABLE IF NOT EXISTS candidates (
    a INTEGER NOT NULL, b INTEGER NOT NULL, shared INTEGER NOT NULL, score REAL NOT NULL,
    status INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS candidates_b ON candidates (b);
CREATE INDEX IF NOT EXISTS candidates_pending ON candidates (status) WHERE status = 0;
CREATE TABLE IF NOT EXISTS pairs (
    a INTEGER NOT NULL, b INTEGER NOT NULL, relation TEXT NOT NULL, verdict TEXT NOT NULL,
    coverage_a REAL NOT NULL, coverage_b REAL NOT NULL, similarity REAL NOT NULL,
    region TEXT, edits TEXT NOT NULL, shared INTEGER NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pairs_b ON pairs (b);
"""

PENDING, KEPT, REJECTED = 0, 1, 2


@dataclass(frozen=True, slots=True)
class DocInfo:
    """What the output needs to know of a document (no text)."""

    id: int
    source: str
    key: str
    name: str
    line: int | None
    meta: dict[str, object]
    sha256: str
    chars: int
    words: int


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """A document as a verification worker reads it back."""

    name: str
    text: str
    sha256: str
    encoding: str
    method: str
    confidence: float
    size: int
    format: str


@dataclass(frozen=True, slots=True)
class PairRow:
    a: int
    b: int
    relation: str
    verdict: str
    coverage: tuple[float, float]
    similarity: float
    region: tuple[tuple[int, int], tuple[int, int]] | None
    edits: dict[str, int]
    shared: int
    score: float


@dataclass(frozen=True, slots=True)
class Verified:
    """A verified candidate: a PairRow's fields, or relation None when rejected."""

    a: int
    b: int
    shared: int
    score: float
    relation: str | None
    verdict: str
    coverage: tuple[float, float]
    similarity: float
    region: tuple[tuple[int, int], tuple[int, int]] | None
    edits: dict[str, int]


class Index:
    """The scan index at ``path`` (created when missing)."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=60)
        except sqlite3.Error as exc:
            raise InputError(f"{path}: cannot open the index: {exc}") from None
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a power cut may lose the last commits, never consistency.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self._check_meta()
        except sqlite3.OperationalError as exc:
            self.db.close()
            # Locked, read-only, or on a full disk: an index we cannot write, not a bad one.
            raise InputError(f"{path}: cannot write the index ({exc})") from None
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise InputError(f"{path}: not a textdiff scan index ({exc})") from None

    def _check_meta(self) -> None:
        want = {"format": FORMAT, "shingle_words": str(SHINGLE_WORDS), "sample": str(SAMPLE)}
        have = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if not have:
            with self.transaction():
                self.db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(want.items()))
            return
        for key, value in want.items():
            if have.get(key) != value:
                raise OptionsError(
                    f"{self.path}: index built with {key}={have.get(key)!r}, this textdiff "
                    f"uses {value!r}; scan into a new index"
                )

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (Ctrl-C included)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- reading sources ---------------------------------------------------------------

    def source_done(self, s: SourceFile) -> bool:
        row = self.db.execute(
            "SELECT size, mtime_ns, done FROM sources WHERE path = ?", (s.path,)
        ).fetchone()
        return row is not None and tuple(row) == (s.size, s.mtime_ns, 1)

    def begin_source(self, s: SourceFile) -> set[tuple[int, int]]:
        """Record that ``s`` is being read; its finished partitions, if it is unchanged."""
        row = self.db.execute(
            "SELECT size, mtime_ns FROM sources WHERE path = ?", (s.path,)
        ).fetchone()
        with self.transaction():
            if row is None or tuple(row) != (s.size, s.mtime_ns):
                # New or changed file: earlier partial progress no longer applies.
                self.db.execute("DELETE FROM partitions WHERE path = ?", (s.path,))
                self.db.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, 0)",
                    (s.path, s.size, s.mtime_ns),
                )
        rows = self.db.execute("SELECT start, stop FROM partitions WHERE path = ?", (s.path,))
        return {(int(a), int(b)) for a, b in rows}

    def add_partition(self, result: PartitionResult, finished: Sequence[str]) -> tuple[int, int]:
        """Store a read partition in one transaction; mark ``finished`` sources done.

        Returns (documents added or changed, documents already indexed unchanged).
        """
        added = same = 0
        p = result.partition
        with self.transaction() as db:
            for d in result.docs:
                row = db.execute(
                    "SELECT id, sha256 FROM documents WHERE source = ? AND key = ?",
                    (d.source, d.key),
                ).fetchone()
                if row is not None and row[1] == d.sha256:
                    same += 1
                    continue
                if row is not None:
                    self._forget(int(row[0]))
                    db.execute("DELETE FROM documents WHERE id = ?", (row[0],))
                db.execute(
                    "INSERT INTO documents (source, key, name, line, meta, sha256, encoding,"
                    " method, confidence, bytes, format, chars, words, text, shingles)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    _doc_values(d),
                )
                added += 1
            if p.kind == "jsonl":
                db.execute(
                    "INSERT OR IGNORE INTO partitions VALUES (?, ?, ?)",
                    (p.paths[0], p.start, p.stop),
                )
            db.executemany(
                "UPDATE sources SET done = 1 WHERE path = ?", [(path,) for path in finished]
            )
        return added, same

    def finish_sources(self, paths: Sequence[str]) -> None:
        """Mark sources whose every partition is already stored as done."""
        with self.transaction() as db:
            db.executemany("UPDATE sources SET done = 1 WHERE path = ?", [(p,) for p in paths])

    def _forget(self, doc: int) -> None:
        for table in ("candidates", "pairs"):
            self.db.execute(f"DELETE FROM {table} WHERE a = ? OR b = ?", (doc, doc))

    # -- candidates ----------------------------------------------------------------------

    def _matched_through(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'matched_through'").fetchone()
        return int(row[0]) if row else 0

    def pending_documents(self) -> int:
        row = self.db.execute(
            "SELECT count(*) FROM documents WHERE id > ?", (self._matched_through(),)
        ).fetchone()
        return int(row[0])

    def signatures(self) -> tuple[list[int], list[U64], npt.NDArray[np.bool_]]:
        """Document ids in (source, key) order, their shingle sets, and a pending mask."""
        through = self._matched_through()
        ids: list[int] = []
        sets: list[U64] = []
        for doc, blob in self.db.execute("SELECT id, shingles FROM documents ORDER BY source, key"):
            ids.append(int(doc))
            sets.append(np.frombuffer(blob, dtype="<u8").astype(np.uint64, copy=False))
        pending = np.array(ids, dtype=np.int64) > through
        return ids, sets, pending

    def add_candidates(self, rows: Sequence[tuple[int, int, int, float]], through: int) -> None:
        """Store new candidates and mark documents up to id ``through`` matched, atomically."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO candidates (a, b, shared, score) VALUES (?, ?, ?, ?)",
                rows,
            )
            db.execute("INSERT OR REPLACE INTO meta VALUES ('matched_through', ?)", (str(through),))

    def pending_candidates(self) -> list[tuple[int, int, int, float]]:
        rows = self.db.execute(
            "SELECT c.a, c.b, c.shared, c.score FROM candidates c"
            " JOIN documents x ON x.id = c.a JOIN documents y ON y.id = c.b"
            " WHERE c.status = 0 ORDER BY x.source, x.key, y.source, y.key"
        )
        return [(int(a), int(b), int(n), float(s)) for a, b, n, s in rows]

    def add_verified(self, results: Sequence[Verified]) -> None:
        """Store one verified batch: kept pairs, and every candidate's new status."""
        with self.transaction() as db:
            for r in results:
                if r.relation is not None:
                    db.execute(
                        "INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            r.a, r.b, r.relation, r.verdict, r.coverage[0], r.coverage[1],
                            r.similarity, json.dumps(r.region), json.dumps(r.edits),
                            r.shared, r.score,
                        ),
                    )  # fmt: skip
                db.execute(
                    "UPDATE candidates SET status = ? WHERE a = ? AND b = ?",
                    (REJECTED if r.relation is None else KEPT, r.a, r.b),
                )

    # -- output --------------------------------------------------------------------------

    def pairs(self) -> list[PairRow]:
        out = []
        for row in self.db.execute("SELECT * FROM pairs"):
            a, b, rel, verdict, ca, cb, sim, region, edits, shared, score = row
            reg = json.loads(region) if region else None
            out.append(
                PairRow(
                    int(a), int(b), rel, verdict, (ca, cb), sim,
                    ((reg[0][0], reg[0][1]), (reg[1][0], reg[1][1])) if reg else None,
                    json.loads(edits), int(shared), float(score),
                )
            )  # fmt: skip
        return out

    def order(self) -> dict[int, int]:
        """Each document id's rank in (source, key) order: how every output is sorted."""
        rows = self.db.execute("SELECT id FROM documents ORDER BY source, key")
        return {int(doc): rank for rank, (doc,) in enumerate(rows)}

    def documents(self, ids: Sequence[int] | None = None) -> dict[int, DocInfo]:
        sql = "SELECT id, source, key, name, line, meta, sha256, chars, words FROM documents"
        if ids is None:
            rows = self.db.execute(sql).fetchall()
        else:
            rows = []
            wanted = list(ids)
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows += self.db.execute(f"{sql} WHERE id IN ({marks})", chunk).fetchall()
        return {
            int(r[0]): DocInfo(int(r[0]), r[1], r[2], r[3], r[4], json.loads(r[5]), *r[6:])
            for r in rows
        }

    def counts(self) -> dict[str, int]:
        q = {
            "documents": "SELECT count(*) FROM documents",
            "candidates": "SELECT count(*) FROM candidates",
            "verified": "SELECT count(*) FROM candidates WHERE status != 0",
            "pairs": "SELECT count(*) FROM pairs",
        }
        return {k: int(self.db.execute(sql).fetchone()[0]) for k, sql in q.items()}


def _doc_values(d: DocRecord) -> tuple[object, ...]:
    return (
        d.source, d.key, d.name, d.line, d.meta, d.sha256, d.encoding, d.method,
        d.confidence, d.size, d.format, d.chars, d.words, d.text_z, d.shingles,
    )  # fmt: skip


def read_documents(path: str, ids: Sequence[int]) -> dict[int, StoredDoc]:
    """Texts of ``ids`` through a read-only connection (what a worker process uses)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=60)
    try:
        marks = ",".join("?" * len(ids))
        rows = db.execute(
            "SELECT id, name, text, sha256, encoding, method, confidence, bytes, format"
            f" FROM documents WHERE id IN ({marks})",
            list(ids),
        ).fetchall()
    finally:
        db.close()
    return {
        int(r[0]): StoredDoc(r[1], zlib.decompress(r[2]).decode("utf-8", "surrogatepass"), *r[3:])
        for r in rows
    }
