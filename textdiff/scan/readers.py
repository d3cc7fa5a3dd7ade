"""readers: input paths -> sources -> partitions -> document records.

    discover(inputs, include, exclude)   paths (files, folders) -> SourceFiles + problems
    plan(source, size)                   a source -> Partitions of about ``size`` bytes
    read_partition(partition)            a Partition -> PartitionResult (a pure function)

A *source* is one file: a text file (decoded by ``textdiff.load``, encoding
detected as in ``compare``) or a JSON Lines file, plain or gzipped, one object
a line with ``id`` and ``text`` (every other field is kept as metadata).

A *partition* names its work by path and byte range (for gzip, a range of the
decompressed stream), never by carrying documents, so it is cheap to ship to a
process pool or a Dask worker that sees the same files. Bad input (a file that
cannot be read or decoded, a malformed JSON line, a line without ``text``) is
returned as a Problem with file and line, never raised.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import json
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, TextdiffError
from ..load import DEFAULT_MAX_SIZE, load, load_bytes
from .shingles import WordHasher, shingle_sets

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.text", "*.markdown", *(f"*{s}" for s in JSONL_SUFFIXES),
                   "*.pdf", "*.docx", "*.html", "*.htm")  # read by textdiff.formats  # fmt: skip
PARTITION_BYTES = 4 << 20  # ~2,700 KCNA articles: seconds of work, fine-grained enough to resume
_TEXT_FILES_PER_PARTITION = 256


@dataclass(frozen=True, slots=True)
class Problem:
    """Bad input: where (file, and line for JSON Lines) and what."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str
    kind: str  # "text" or "jsonl"
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Partition:
    """A unit of reading work: text files by path, or a byte range of one JSON Lines file.

    ``start``/``stop`` are offsets into the (decompressed) JSON Lines stream,
    on line boundaries; ``first_line`` is the line number at ``start``.
    """

    kind: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int = 0
    first_line: int = 1
    max_size: int = DEFAULT_MAX_SIZE  # a text file larger than this is bad input (0: no limit)


@dataclass(frozen=True, slots=True)
class DocRecord:
    """One document as read: identity, provenance, decoded text (zlib) and shingles."""

    source: str
    key: str  # the JSON id, or "" for a text file
    name: str  # what a reader is shown: the id, or the path
    line: int | None
    meta: str  # JSON object of the other fields
    sha256: str
    encoding: str
    method: str
    confidence: float
    size: int
    format: str
    chars: int
    words: int
    text_z: bytes
    shingles: bytes


@dataclass(slots=True)
class PartitionResult:
    partition: Partition
    docs: list[DocRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = os.path.basename(rel)
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _source(path: str) -> SourceFile:
    st = os.stat(path)
    return SourceFile(path, "jsonl" if is_jsonl(path) else "text", st.st_size, st.st_mtime_ns)


def discover(
    inputs: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[SourceFile], list[Problem]]:
    """Files named and files under folders (recursively, sorted), filtered by globs.

    A file named on the command line is always read (unless excluded); under a
    folder only files matching ``include`` (default: text, Markdown and JSON
    Lines) are. A path that does not exist is an error (exit 2); a file found
    but not stat-able is a Problem. PDFs, Word files and web pages are read by
    ``textdiff.formats`` (through ``load``), like any other input.
    """
    include = tuple(include) or DEFAULT_INCLUDE
    seen: set[str] = set()
    out: list[SourceFile] = []
    problems: list[Problem] = []

    def add(path: str) -> None:
        path = os.path.normpath(path)
        if path in seen:
            return
        seen.add(path)
        try:
            out.append(_source(path))
        except OSError as exc:
            problems.append(Problem(path, None, f"cannot read: {exc.strerror or exc}"))

    for given in inputs:
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs.sort()
                for name in sorted(files):
                    path = os.path.join(root, name)
                    rel = os.path.relpath(path, given)
                    if _matches(rel, include) and not _matches(rel, exclude):
                        add(path)
        elif os.path.lexists(given):
            if not _matches(given, exclude):
                add(given)
        else:
            raise InputError(f"{given}: no such file or directory")
    return out, problems


def _open(path: str) -> Any:
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def plan(source: SourceFile, size: int = PARTITION_BYTES) -> list[Partition]:
    """Cut a JSON Lines source into line-aligned byte ranges of about ``size`` bytes.

    One sequential pass counting newlines (for gzip, over the decompressed
    stream); a text source is one partition of its own.
    """
    if source.kind != "jsonl":
        return [Partition("text", (source.path,))]
    parts: list[Partition] = []
    start = pos = 0
    line = first_line = 1
    broken = False
    try:
        with _open(source.path) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                offset = 0
                while True:
                    nl = chunk.find(b"\n", offset)
                    if nl < 0:
                        break
                    offset = nl + 1
                    line += 1
                    end = pos + offset
                    if end - start >= size:
                        parts.append(Partition("jsonl", (source.path,), start, end, first_line))
                        start, first_line = end, line
                pos += len(chunk)
    except (OSError, EOFError, zlib.error):
        # A truncated or corrupt gzip stream: the last partition reads on until
        # the break, so its reader keeps the lines before it and reports where.
        broken = True
    if broken:
        parts.append(Partition("jsonl", (source.path,), start, sys.maxsize, first_line))
    elif pos > start or not parts:
        parts.append(Partition("jsonl", (source.path,), start, pos, first_line))
    return parts


def group_text(sources: Sequence[SourceFile], size: int = PARTITION_BYTES) -> list[Partition]:
    """Text sources grouped into partitions of at most ``size`` bytes or 256 files."""
    parts: list[Partition] = []
    group: list[str] = []
    total = 0
    for s in sources:
        if group and (total + s.size > size or len(group) >= _TEXT_FILES_PER_PARTITION):
            parts.append(Partition("text", tuple(group)))
            group, total = [], 0
        group.append(s.path)
        total += s.size
    if group:
        parts.append(Partition("text", tuple(group)))
    return parts


@dataclass(slots=True)
class _Raw:
    source: str
    key: str
    name: str
    line: int | None
    meta: dict[str, Any]
    text: str
    sha256: str
    encoding: str
    method: str
    confidence: float
    size: int
    format: str = "text"


def _jsonl_lines(p: Partition) -> Iterator[tuple[int, bytes]]:
    with _open(p.paths[0]) as fh:
        fh.seek(p.start)  # gzip: decompresses and discards up to start
        remaining = p.stop - p.start
        line = p.first_line
        while remaining > 0:
            raw = fh.readline(remaining)
            if not raw:
                break
            remaining -= len(raw)
            yield line, raw
            line += 1


def _parse_line(path: str, line: int, raw: bytes) -> dict[str, Any] | Problem | None:
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except UnicodeDecodeError:
        # Not UTF-8: decode the line as compare would (a legacy codec, detected).
        try:
            obj = json.loads(load_bytes(raw, f"{path}:{line}").text)
        except (TextdiffError, ValueError) as exc:
            return Problem(path, line, f"undecodable line: {exc}")
    except ValueError as exc:
        return Problem(path, line, f"malformed JSON: {exc}")
    if not isinstance(obj, dict):
        return Problem(path, line, "not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        return Problem(path, line, "no 'text' string")
    if not text.strip():
        return Problem(path, line, "empty 'text'")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # JSON's \ud800 escapes can name half a character: that is no text.
        return Problem(path, line, "'text' holds a lone surrogate (not valid Unicode)")
    return obj


def _read_jsonl(p: Partition, result: PartitionResult) -> Iterator[_Raw]:
    path = p.paths[0]
    keys: set[str] = set()
    try:
        for line, raw in _jsonl_lines(p):
            obj = _parse_line(path, line, raw)
            if obj is None:
                continue
            if isinstance(obj, Problem):
                result.problems.append(obj)
                continue
            ident = obj.get("id")
            key = f"#{line}" if ident is None else str(ident)
            if key in keys:
                result.problems.append(Problem(path, line, f"duplicate id {key!r}"))
                continue
            keys.add(key)
            text: str = obj["text"]
            data = text.encode("utf-8", "surrogatepass")
            meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
            name = key if ident is not None else f"{path}#{line}"
            yield _Raw(
                path, key, name, line, meta, text,
                hashlib.sha256(data).hexdigest(), "utf-8", "json", 1.0, len(data),
            )  # fmt: skip
    except (OSError, EOFError, zlib.error) as exc:
        # A truncated or corrupt gzip stream: keep what was read, report where it broke.
        result.problems.append(Problem(path, None, f"cannot read further: {exc}"))


def _read_text(p: Partition, result: PartitionResult) -> Iterator[_Raw]:
    for path in p.paths:
        try:
            doc = load(path, max_size=p.max_size)
        except TextdiffError as exc:
            result.problems.append(Problem(path, None, str(exc).removeprefix(f"{path}: ")))
            continue
        if not doc.text.strip():
            result.problems.append(Problem(path, None, "empty file"))
            continue
        yield _Raw(
            path, "", path, None, {}, doc.text, doc.sha256,
            doc.encoding, doc.method, doc.confidence, doc.size, doc.format,
        )  # fmt: skip


def read_partition(p: Partition) -> PartitionResult:
    """Read, decode and shingle one partition. Pure: no index, no shared state."""
    result = PartitionResult(p)
    raws = list(_read_jsonl(p, result) if p.kind == "jsonl" else _read_text(p, result))
    hasher = WordHasher()
    words = [hasher.words(r.text) for r in raws]
    sets = shingle_sets(words)
    for r, w, s in zip(raws, words, sets, strict=True):
        result.docs.append(
            DocRecord(
                source=r.source,
                key=r.key,
                name=r.name,
                line=r.line,
                meta=json.dumps(r.meta, ensure_ascii=False, sort_keys=True),
                sha256=r.sha256,
                encoding=r.encoding,
                method=r.method,
                confidence=r.confidence,
                size=r.size,
                format=r.format,
                chars=len(r.text),
                words=len(w),
                text_z=zlib.compress(r.text.encode("utf-8", "surrogatepass"), 1),
                shingles=s.astype("<u8").tobytes(),
            )
        )
    return result
