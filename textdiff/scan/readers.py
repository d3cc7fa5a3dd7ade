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

import errno
import fnmatch
import gzip
import hashlib
import json
import math
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, TextdiffError
from ..load import DEFAULT_MAX_SIZE, load, load_bytes, not_regular
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
        path = stored_path(self.path)
        where = f"{path}:{self.line}" if self.line is not None else path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # as the file system names it (may hold surrogate escapes: see stored_path)
    kind: str  # "text" or "jsonl"
    size: int
    mtime_ns: int

    @property
    def stored(self) -> str:
        """The path as the index and every output name it."""
        return stored_path(self.path)


def stored_path(path: str) -> str:
    r"""A path as text that any UTF-8 file or database can hold: undecodable bytes escaped.

    A POSIX file name is bytes; Python hands the ones that are not UTF-8 over as
    lone surrogates ('\udcff' for the byte 0xff), which SQLite and UTF-8 output
    refuse. They are written as '\xff'; every other name is unchanged.

    >>> stored_path("caf\u00e9.txt"), stored_path("bad\udcff.txt")
    ('café.txt', 'bad\\xff.txt')
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte (Windows names)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


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


# The first bytes of what textdiff writes: scan's and check's JSON Lines, compare's
# JSON, and the generator tag of the HTML pages. Scanning a folder that holds
# an earlier run's output must not read it back as bad input.
_OUR_OUTPUT = re.compile(
    rb'\A\s*\{\s*"schema"\s*:\s*"(textdiff\.[a-z]+/\d+)"'
    rb'|<meta name="generator" content="(textdiff) '
)


def textdiff_output(path: str) -> str | None:
    """The schema of a file textdiff wrote (``textdiff.scan/1``), or None for anything else.

    Only JSON Lines, JSON and HTML files are looked at (the formats textdiff
    writes), so discovering a folder of texts opens none of them.
    """
    if not path.lower().endswith((*JSONL_SUFFIXES, ".json", ".html", ".htm")):
        return None
    try:
        with _open(path) as fh:
            head = fh.read(2048)
    except (OSError, EOFError, zlib.error):
        return None
    m = _OUR_OUTPUT.search(head)
    if m is None:
        return None
    return (m.group(1) or b"textdiff HTML").decode("ascii")


@dataclass(frozen=True, slots=True)
class Discovery:
    """What ``discover`` found: sources to read, bad input, and textdiff outputs skipped."""

    sources: list[SourceFile]
    problems: list[Problem]
    outputs: list[str]


def discover(
    inputs: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Discovery:
    """Files named and files under folders (recursively, sorted), filtered by globs.

    A file named on the command line is always read (unless excluded); under a
    folder only files matching ``include`` (default: text, Markdown and JSON
    Lines) are. A path that does not exist is an error (exit 2). Everything
    else that cannot be read is a Problem (bad input, and the scan goes on): a
    file that cannot be stat-ed, a folder that cannot be listed, a FIFO, a
    device or a socket (or a link to one). An earlier output of textdiff found
    under a folder is skipped; named, it is bad input. PDFs, Word files and
    web pages are read by ``textdiff.formats`` (through ``load``), like any
    other input.
    """
    include = tuple(include) or DEFAULT_INCLUDE
    seen: set[str] = set()
    found = Discovery([], [], [])

    def add(path: str, named: bool) -> None:
        path = os.path.normpath(path)
        if path in seen:
            return
        seen.add(path)
        try:
            st = os.stat(path)
        except OSError as exc:
            found.problems.append(Problem(path, None, f"cannot read: {exc.strerror or exc}"))
            return
        what = not_regular(st.st_mode)
        if what is not None:
            found.problems.append(Problem(path, None, f"{what}, not a file: not read"))
            return
        schema = textdiff_output(path)
        if schema is not None:
            if named:
                message = f"a textdiff output ({schema}), not read"
                found.problems.append(Problem(path, None, message))
            else:
                found.outputs.append(path)
            return
        kind = "jsonl" if is_jsonl(path) else "text"
        found.sources.append(SourceFile(path, kind, st.st_size, st.st_mtime_ns))

    def unreadable(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else "?"
        found.problems.append(
            Problem(os.path.normpath(where), None, f"cannot list folder: {exc.strerror or exc}")
        )

    for given in inputs:
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given, onerror=unreadable):
                dirs.sort()
                for name in sorted(files):
                    path = os.path.join(root, name)
                    rel = os.path.relpath(path, given)
                    if _matches(rel, include) and not _matches(rel, exclude):
                        add(path, named=False)
        elif os.path.lexists(given):
            if not _matches(given, exclude):
                add(given, named=True)
        else:
            raise InputError(f"{given}: no such file or directory")
    return found


def _open(path: str) -> Any:
    """A binary reader of ``path`` (decompressed for ``.gz``); only a regular file is opened.

    Opened without blocking and checked on the descriptor: a file swapped for a
    FIFO after discovery must not hang the scan.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        what = not_regular(os.fstat(fd).st_mode)
        if what is not None:
            raise OSError(errno.EINVAL, f"{what}, not a file", path)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return _Gunzip(fh) if path.lower().endswith(".gz") else fh


class _Gunzip(gzip.GzipFile):
    """A GzipFile over an open file that closes that file too (``gzip.open`` of a path does)."""

    def __init__(self, raw: Any) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


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


# The longest JSON Lines line read whole. A line is one document; a longer one
# (a file with no newline at all, say) is bad input, skipped without being held.
MAX_LINE_BYTES = 256 << 20


def _jsonl_lines(p: Partition) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line of ``p``; None for a line over MAX_LINE_BYTES."""
    with _open(p.paths[0]) as fh:
        fh.seek(p.start)  # gzip: decompresses and discards up to start
        remaining = p.stop - p.start
        line = p.first_line
        while remaining > 0:
            raw = fh.readline(min(remaining, MAX_LINE_BYTES + 1))
            if not raw:
                break
            remaining -= len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                del raw
                while remaining > 0:  # skip the rest of the line, a bounded piece at a time
                    rest = fh.readline(min(remaining, 1 << 20))
                    if not rest:
                        break
                    remaining -= len(rest)
                    if rest.endswith(b"\n"):
                        break
                yield line, None
            else:
                yield line, raw
            line += 1


MAX_DEPTH = 64  # nesting of one line's object; deeper is no article's metadata


def _parse_line(path: str, line: int, raw: bytes) -> dict[str, Any] | Problem | None:
    if not raw.strip():
        return None
    try:
        try:
            obj = json.loads(raw)
        except UnicodeDecodeError:
            # Not UTF-8: decode the line as compare would (a legacy codec, detected).
            try:
                obj = json.loads(load_bytes(raw, f"{path}:{line}").text)
            except TextdiffError as exc:
                return Problem(path, line, f"undecodable line: {exc}")
            except UnicodeDecodeError as exc:
                return Problem(path, line, f"undecodable line: {exc}")
    except RecursionError:
        # The C decoder recurses once per level: '[' * 1000 exhausts the stack.
        return Problem(path, line, f"malformed JSON: nested deeper than {MAX_DEPTH} levels")
    except ValueError as exc:
        return Problem(path, line, f"malformed JSON: {exc}")
    if not isinstance(obj, dict):
        return Problem(path, line, "not a JSON object")
    text = obj.get("text")
    if not isinstance(text, str):
        return Problem(path, line, "no 'text' string")
    if not text.strip():
        return Problem(path, line, "empty 'text'")
    fault = _unstorable(obj)
    if fault is not None:
        return Problem(path, line, fault)
    return obj


def _unstorable(obj: dict[str, Any]) -> str | None:
    """Why a parsed line cannot be stored and written back as JSON, or None.

    Every string (ids, keys, metadata, nested ones) is checked: JSON's
    ``\\ud800`` escapes can name half a character, which no UTF-8 file or
    SQLite text can hold. Python's ``json`` also accepts ``NaN``, ``Infinity``
    and numbers past a double's range (read as infinity), which RFC 8259 does
    not: written back, they would make our own output invalid JSON.

    >>> _unstorable({"text": "ok", "meta": {"x": [1, 2.5, "fine"]}}) is None
    True
    >>> _unstorable({"text": "ok", "title": "\\ud800 half"})
    "'title' holds a lone surrogate (not valid Unicode)"
    >>> _unstorable({"text": "ok", "score": float("nan")})
    "'score' holds NaN, Infinity or a number out of range (not JSON)"
    """
    stack: list[tuple[object, str, int]] = [(v, k, 1) for k, v in obj.items()]
    stack += [(k, k, 1) for k in obj]
    while stack:
        value, field, depth = stack.pop()
        name = _shown_key(field)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return f"{name} holds a lone surrogate (not valid Unicode)"
        elif isinstance(value, float):
            if not math.isfinite(value):
                return f"{name} holds NaN, Infinity or a number out of range (not JSON)"
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return f"{name} is nested deeper than {MAX_DEPTH} levels"
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for k, v in items:
                stack.append((v, field, depth + 1))
                if isinstance(k, str):
                    stack.append((k, field, depth + 1))
    return None


def _shown_key(key: str) -> str:
    """A top-level key as a message names it (a surrogate in the key itself is escaped)."""
    return repr(key.encode("utf-8", "backslashreplace").decode("utf-8"))


def _read_jsonl(p: Partition, result: PartitionResult) -> Iterator[_Raw]:
    path = p.paths[0]
    keys: set[str] = set()
    try:
        for line, raw in _jsonl_lines(p):
            if raw is None:
                message = f"line longer than {MAX_LINE_BYTES:,} bytes: not read"
                result.problems.append(Problem(path, line, message))
                continue
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
            source = stored_path(path)
            name = key if ident is not None else f"{source}#{line}"
            yield _Raw(
                source, key, name, line, meta, text,
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
        source = stored_path(path)
        yield _Raw(
            source, "", source, None, {}, doc.text, doc.sha256,
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
