"""index: the scan's SQLite file, the only state a scan keeps.

    Index(path)                 open or create (WAL); refuses a database that is not an
                                index and one built with other settings; waits for a run
                                that is creating or writing the same file
    Index.transaction()         one BEGIN IMMEDIATE ... COMMIT; every batch of work is one
    read_documents(path, ids)   a worker's read-only view: the texts of a verification batch

Tables:

    meta         key/value: index format, shingle settings, the textdiff that verified,
                 and ``candidates_for``: the collection and settings the candidates are of
    sources      path, size, mtime_ns, done: a finished, unchanged file is never read again
    partitions   finished byte ranges of JSON Lines files, so a killed run resumes mid-file
    documents    (source, key) unique; name, line, metadata, content sha256, encoding,
                 text (zlib), sampled shingle hashes (little-endian u64)
    candidates   the candidate pairs (a, b) of the whole collection as it now is, with
                 their evidence: shared and own sampled shingles, weighted score
    verified     what ``compare`` found for a pair (verdict, coverage, similarity, region,
                 edits, words of each side, shared passages): a function of the two texts
                 alone, so it is kept for as long as both documents are

Every unit of work (a read partition, the candidate list, a verified batch)
is written in one transaction, so a Ctrl-C or a kill loses at most the unit in
flight and the file stays consistent; WAL lets workers read texts while the
driver writes. A document whose content changed (same source and id, new
sha256) is stored anew and loses its candidates and verified pairs.

Nothing stored depends on the order or the split of the runs that built it
(issue 15, F7): the candidates are recomputed over the whole collection
whenever it changes (``state``: document count and highest id, which every
insertion changes, as ids only grow), a verification is a pure function of
two texts, and the relation of a pair is decided when the index is read,
from the verification and the current evidence (``textdiff.scan.verify``).

Format 1 (before partial reuse) kept a relation per pair and candidates of
an earlier collection; its documents are still good. ``Index.outdated`` says
so, and ``Index.upgrade()`` (a scan with inputs) drops what it cannot trust
and keeps the documents; a report-only run on such an index is refused.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..errors import InputError, OptionsError
from .readers import DocRecord, PartitionResult, SourceFile, stored_path
from .shingles import SAMPLE, SHINGLE_WORDS, U64

FORMAT = "textdiff.scan.index/2"
OLD_FORMATS = ("textdiff.scan.index/1",)

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
    a INTEGER NOT NULL, b INTEGER NOT NULL, shared INTEGER NOT NULL, own INTEGER NOT NULL,
    score REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS candidates_b ON candidates (b);
CREATE TABLE IF NOT EXISTS verified (
    a INTEGER NOT NULL, b INTEGER NOT NULL, verdict TEXT NOT NULL,
    coverage_a REAL NOT NULL, coverage_b REAL NOT NULL, similarity REAL NOT NULL,
    region TEXT, edits TEXT NOT NULL, words_a INTEGER NOT NULL, words_b INTEGER NOT NULL,
    passages TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS verified_b ON verified (b);
"""


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


class Passage(NamedTuple):
    """A run of text the two sides share (equal but for ignorable edits), in code points."""

    a0: int
    a1: int
    b0: int
    b1: int
    words_a: int
    words_b: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """What candidate generation found for a pair, in the whole collection as it now is.

    shared   sampled shingles in common that are not boilerplate (df <= max_df)
    own      those of them that at most ``own_df`` documents hold: text of their own
    score    rarity-weighted containment (``textdiff.scan.candidates``)
    """

    shared: int
    own: int
    score: float


@dataclass(frozen=True, slots=True)
class Verified:
    """What ``compare`` found for a pair: a function of the two texts alone."""

    a: int
    b: int
    verdict: str
    coverage: tuple[float, float]
    similarity: float
    region: tuple[tuple[int, int], tuple[int, int]] | None
    edits: dict[str, int]
    words: tuple[int, int]
    passages: tuple[Passage, ...]

    @property
    def shared_words(self) -> tuple[int, int]:
        """Words of each side inside the shared passages."""
        return (sum(p.words_a for p in self.passages), sum(p.words_b for p in self.passages))

    @property
    def share(self) -> tuple[float, float]:
        """The share of each side's words that the shared passages cover."""
        (sa, sb), (na, nb) = self.shared_words, self.words
        return (round(sa / na, 4) if na else 0.0, round(sb / nb, 4) if nb else 0.0)


@dataclass(frozen=True, slots=True)
class PairRow:
    """A kept pair as the outputs show it: relation, compare's facts, candidate evidence."""

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
    own: int = 0
    share: tuple[float, float] = (0.0, 0.0)
    passages: tuple[Passage, ...] = ()


_TABLES = frozenset(
    line.split()[5] for line in _SCHEMA.splitlines() if line.startswith("CREATE TABLE")
)
BUSY_SECONDS = 60.0  # how long a run waits for another one's transaction


class Index:
    """The scan index at ``path`` (created when missing).

    Opening never adopts a database that is not an index (exit 2), and two
    runs that create the same new index at once both succeed: the one that
    comes second waits, as every later transaction does, up to ``timeout``
    seconds for the other's lock.
    """

    def __init__(self, path: str, timeout: float = BUSY_SECONDS) -> None:
        self.path = path
        self.timeout = timeout
        try:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=timeout)
        except sqlite3.Error as exc:
            raise InputError(f"{path}: cannot open the index: {exc}") from None
        try:
            made = self._refuse_foreign()
            self._wal()
            if made:
                self._check_meta()
            else:
                with self.transaction():
                    # One transaction: a run that creates the index and one that
                    # finds it half made cannot interleave (both would write meta).
                    self._refuse_foreign()
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                    self._check_meta()
        except BaseException:
            self.db.close()
            raise

    def _refuse_foreign(self) -> bool:
        """Raise unless the file is empty or holds a textdiff index; True when it is one."""
        try:
            tables = {
                str(name)
                for (name,) in self.db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%'"
                )
            }
            if not tables:
                return False
            if "meta" in tables:
                rows = self.db.execute("SELECT value FROM meta WHERE key = 'format'").fetchall()
                if rows and str(rows[0][0]).startswith("textdiff.scan.index/"):
                    return True
            if tables <= _TABLES and not self._has_rows(tables):
                return False  # an index whose creation was cut short before it held anything
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise self._locked() from None
            raise InputError(f"{self.path}: not a textdiff scan index ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a textdiff scan index ({exc})") from None
        shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
        raise InputError(
            f"{self.path}: not a textdiff scan index (a SQLite database with tables {shown});"
            " give --index a new file"
        )

    def _has_rows(self, tables: set[str]) -> bool:
        return any(
            self.db.execute(f'SELECT 1 FROM "{_quoted(name)}" LIMIT 1').fetchone()
            for name in tables
        )

    def _wal(self) -> None:
        """Switch to WAL, waiting for a concurrent creator of the same file.

        SQLite returns "database is locked" at once here, without its busy
        handler, while another connection holds the write lock of a new
        database (waiting could deadlock it); so wait here, up to the timeout.
        """
        deadline = time.monotonic() + self.timeout
        pause = 0.005
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                # NORMAL in WAL mode: a power cut may lose the last commits, never consistency.
                self.db.execute("PRAGMA synchronous=NORMAL")
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise InputError(f"{self.path}: cannot write the index ({exc})") from None
                if time.monotonic() >= deadline:
                    raise self._locked() from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)

    def _locked(self) -> InputError:
        return InputError(
            f"{self.path}: the index is locked: another textdiff scan has been writing it for"
            f" over {self.timeout:g} s; run again when it ends"
        )

    def _check_meta(self) -> None:
        want = {"format": FORMAT, "shingle_words": str(SHINGLE_WORDS), "sample": str(SAMPLE)}
        have = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        self.outdated = have.get("format") in OLD_FORMATS
        if self.outdated:
            want["format"] = have["format"]
        if not have:
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
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (Ctrl-C included).

        SQLite's failures become one-line errors: a lock held past the
        timeout, a full disk, a read-only file, a damaged index.
        """
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failure(exc) or exc from None
        try:
            yield self.db
        except BaseException as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            failure = self._failure(exc)
            if failure is None:
                raise
            raise failure from None
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise self._failure(exc) or exc from None

    def _failure(self, exc: BaseException) -> InputError | None:
        """The one-line error for a fault of the file; None for anything else (a bug of ours)."""
        if isinstance(exc, sqlite3.OperationalError):
            if _busy(exc):
                return self._locked()
            return InputError(f"{self.path}: cannot write the index ({exc})")
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
        ):
            return InputError(f"{self.path}: the index is damaged ({exc}); scan into a new index")
        return None

    # -- reading sources ---------------------------------------------------------------

    def source_done(self, s: SourceFile) -> bool:
        row = self.db.execute(
            "SELECT size, mtime_ns, done FROM sources WHERE path = ?", (s.stored,)
        ).fetchone()
        return row is not None and tuple(row) == (s.size, s.mtime_ns, 1)

    def begin_source(self, s: SourceFile) -> set[tuple[int, int]]:
        """Record that ``s`` is being read; its finished partitions, if it is unchanged."""
        row = self.db.execute(
            "SELECT size, mtime_ns FROM sources WHERE path = ?", (s.stored,)
        ).fetchone()
        with self.transaction():
            if row is None or tuple(row) != (s.size, s.mtime_ns):
                # New or changed file: earlier partial progress no longer applies.
                self.db.execute("DELETE FROM partitions WHERE path = ?", (s.stored,))
                self.db.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, 0)",
                    (s.stored, s.size, s.mtime_ns),
                )
        rows = self.db.execute("SELECT start, stop FROM partitions WHERE path = ?", (s.stored,))
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
                    (stored_path(p.paths[0]), p.start, p.stop),
                )
            db.executemany(
                "UPDATE sources SET done = 1 WHERE path = ?",
                [(stored_path(path),) for path in finished],
            )
        return added, same

    def finish_sources(self, paths: Sequence[str]) -> None:
        """Mark sources whose every partition is already stored as done."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE sources SET done = 1 WHERE path = ?", [(stored_path(p),) for p in paths]
            )

    def _forget(self, doc: int) -> None:
        for table in ("candidates", "verified"):
            self.db.execute(f"DELETE FROM {table} WHERE a = ? OR b = ?", (doc, doc))

    def upgrade(self) -> None:
        """Bring an index of an older format up to this one, keeping its documents.

        Format 1 stored candidates of whatever collection each run saw and a
        relation per pair under the old rules: both are dropped (the next
        phases recompute them); documents and shingles are unchanged.
        """
        if not self.outdated:
            return
        with self.transaction() as db:
            db.execute("DROP TABLE IF EXISTS pairs")
            db.execute("DROP TABLE IF EXISTS candidates")
            db.execute("DROP TABLE IF EXISTS verified")
            for statement in _SCHEMA.split(";"):
                if "candidates" in statement or "verified" in statement:
                    db.execute(statement)
            db.execute("DELETE FROM meta WHERE key = 'matched_through'")
            db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (FORMAT,))
        self.outdated = False

    # -- candidates and verification -------------------------------------------------------

    def state(self) -> str:
        """The collection's state: it changes with every document stored, and only then.

        Documents are only ever inserted (a changed one is deleted and stored
        anew) and ids only grow, so the count and the highest id name a state.
        """
        n, top = self.db.execute("SELECT count(*), coalesce(max(id), 0) FROM documents").fetchone()
        return f"{int(n)}:{int(top)}"

    def candidates_for(self) -> str | None:
        """The state and settings the stored candidates were computed for (None: never)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'candidates_for'").fetchone()
        return None if row is None else str(row[0])

    def signatures(self) -> tuple[str, list[int], list[U64]]:
        """The state, ids in (source, key) order and their shingle sets: one snapshot."""
        ids: list[int] = []
        sets: list[U64] = []
        self.db.execute("BEGIN")  # a read transaction: the state and the rows agree
        try:
            state = self.state()
            rows = self.db.execute("SELECT id, shingles FROM documents ORDER BY source, key")
            for doc, blob in rows:
                ids.append(int(doc))
                sets.append(np.frombuffer(blob, dtype="<u8").astype(np.uint64, copy=False))
        finally:
            self.db.execute("COMMIT")
        return state, ids, sets

    def add_candidates(
        self, rows: Sequence[tuple[int, int, int, int, float]], state: str, key: str
    ) -> bool:
        """Make ``rows`` (a, b, shared, own, score) the candidates, if ``state`` is still current.

        False, and nothing written, when documents were stored since the
        candidates were computed (by another run): they are of a collection
        that no longer is, and the caller computes them again.
        """
        with self.transaction() as db:
            if self.state() != state:
                return False
            db.execute("DELETE FROM candidates")
            db.executemany("INSERT INTO candidates VALUES (?, ?, ?, ?, ?)", rows)
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('candidates_for', ?)", (f"{state}|{key}",)
            )
        return True

    def check_verifier(self, version: str) -> None:
        """Forget verifications made by another textdiff: its compare may differ."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'verifier'").fetchone()
        if row is not None and row[0] == version:
            return
        with self.transaction() as db:
            db.execute("DELETE FROM verified")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('verifier', ?)", (version,))

    def pending_candidates(self) -> list[tuple[int, int]]:
        """Candidates not yet verified, in (source, key) order of A then B."""
        rows = self.db.execute(
            "SELECT c.a, c.b FROM candidates c"
            " JOIN documents x ON x.id = c.a JOIN documents y ON y.id = c.b"
            " WHERE NOT EXISTS (SELECT 1 FROM verified v WHERE v.a = c.a AND v.b = c.b)"
            " ORDER BY x.source, x.key, y.source, y.key"
        )
        return [(int(a), int(b)) for a, b in rows]

    def add_verified(self, results: Sequence[Verified]) -> None:
        """Store one verified batch."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO verified VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_verified_values(r) for r in results],
            )

    def verified_candidates(self) -> list[tuple[Verified, Evidence]]:
        """Every verified candidate with its evidence, in no particular order."""
        out = []
        rows = self.db.execute(
            "SELECT v.*, c.shared, c.own, c.score FROM candidates c"
            " JOIN verified v ON v.a = c.a AND v.b = c.b"
        )
        for row in rows:
            a, b, verdict, ca, cb, sim, region, edits, wa, wb, passages, shared, own, score = row
            reg = json.loads(region) if region else None
            v = Verified(
                int(a), int(b), verdict, (ca, cb), sim,
                ((reg[0][0], reg[0][1]), (reg[1][0], reg[1][1])) if reg else None,
                json.loads(edits), (int(wa), int(wb)),
                tuple(Passage(*p) for p in json.loads(passages)),
            )  # fmt: skip
            out.append((v, Evidence(int(shared), int(own), float(score))))
        return out

    # -- output --------------------------------------------------------------------------

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
            "verified": "SELECT count(*) FROM candidates c JOIN verified v"
            " ON v.a = c.a AND v.b = c.b",
        }
        return {k: int(self.db.execute(sql).fetchone()[0]) for k, sql in q.items()}


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def _busy(exc: sqlite3.OperationalError) -> bool:
    """Is this SQLite's "database is locked" (SQLITE_BUSY), not another failure?"""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED and their extended codes
    return "locked" in str(exc) or "busy" in str(exc)


def _verified_values(r: Verified) -> tuple[object, ...]:
    return (
        r.a, r.b, r.verdict, r.coverage[0], r.coverage[1], r.similarity,
        json.dumps(r.region), json.dumps(r.edits), r.words[0], r.words[1],
        json.dumps([list(p) for p in r.passages]),
    )  # fmt: skip


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
