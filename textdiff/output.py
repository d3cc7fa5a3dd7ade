"""output: every file and stream textdiff writes goes through here.

    FileId, file_id(path)      (device, inode) of an existing path, or None
    write_atomic(path, data, inputs=(), protect=())
                               a temporary file, then a rename; never over an input
    write_stdout(text, utf8=False)
                               standard output, whatever its encoding (escapes where it cannot)
    write_stderr(line)         one line on standard error, likewise
    stale_temporaries(path)    temporary files of ``path`` left by a run that was killed

Nothing lost, whatever happens to a run:

- An output is whole or absent. It is written to a temporary file of a unique name beside it
  (``.NAME.XXXXXXXX.tmp``, so two runs never share one), flushed to disk, and renamed over the
  target. A run killed before the rename leaves the target as it was.
- A temporary file holds an exclusive ``flock`` while it lives; the kernel drops it when its
  writer dies, however it dies. Each write first removes the temporaries of the same target
  whose lock it can take and that are over a minute old (a younger one may be a live writer
  between creating and locking it), so leftovers of killed runs never accumulate (finding F20).
- An input is never overwritten: targets are compared with the inputs by device and inode
  (``inputs``: paths, such as the files found in a scanned folder; ``protect``: identities
  already known), so another spelling of the path, a hard link or a symlink is refused too.
- A target that is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO) is written in
  place: renaming over it would replace the device with a file. A symlink is written through:
  the file it points to is replaced, the link stays.

Standard output may be a terminal with a legacy code page, a pipe with ``PYTHONIOENCODING=ascii``
or a strict UTF-8 locale: characters it cannot encode are written as backslash escapes instead of
raising ``UnicodeEncodeError`` (finding F15); the HTML report, which declares its charset, is
written as UTF-8 bytes whatever the locale.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import time
from collections.abc import Collection, Iterable
from contextlib import suppress
from typing import BinaryIO, TextIO, TypeAlias

from .errors import InputError

FileId: TypeAlias = tuple[int, int]

_STALE_AFTER = 60.0  # seconds; younger temporaries may belong to a writer not yet locked


def file_id(path: str | os.PathLike[str]) -> FileId | None:
    """(device, inode) of ``path`` (symlinks followed), or None if it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _input_ids(inputs: Iterable[str | os.PathLike[str]]) -> set[FileId]:
    ids: set[FileId] = set()
    for src in inputs:
        if os.fspath(src) == "-":
            # Standard input redirected from a file (``- < out.txt``): that file is an input.
            with suppress(OSError, ValueError, AttributeError):
                if sys.stdin is not None:
                    st = os.fstat(sys.stdin.fileno())
                    if stat.S_ISREG(st.st_mode):
                        ids.add((st.st_dev, st.st_ino))
            continue
        fid = file_id(src)
        if fid is not None:
            ids.add(fid)
    return ids


def _cannot(path: str, exc: OSError) -> InputError:
    return InputError(f"{path}: cannot write: {exc.strerror or exc}")


def write_atomic(
    path: str | os.PathLike[str],
    data: str | bytes | Iterable[str],
    inputs: Iterable[str | os.PathLike[str]] = (),
    protect: Collection[FileId] = (),
    durable: bool = True,
) -> None:
    """Write ``data`` (str, or str pieces written one by one: as UTF-8) to ``path``
    through a temporary file and a rename.

    Refused (InputError) if ``path`` is one of ``inputs`` or ``protect``, or a directory.
    ``durable``: flush to disk before the rename (a cache entry need not be).
    """
    shown = os.fspath(path)
    payload = _payload(data)
    try:
        target = os.path.realpath(shown) if os.path.islink(shown) else shown
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _cannot(shown, exc) from None
    except ValueError as exc:  # a NUL byte in the path
        raise InputError(f"{shown}: cannot write: {exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{shown}: is a directory")
        if (st.st_dev, st.st_ino) in set(protect) | _input_ids(inputs):
            raise InputError(f"{shown}: refusing to overwrite an input file")
        if not stat.S_ISREG(st.st_mode):
            try:
                with open(target, "wb") as fh:
                    _put(fh, payload)
            except OSError as exc:
                raise _cannot(shown, exc) from None
            return
    parent = os.path.dirname(target) or "."
    if not os.path.isdir(parent):
        raise InputError(f"{shown}: no such directory {parent}")
    _remove_stale(target)
    _replace(target, shown, payload, st, durable)


def _payload(data: str | bytes | Iterable[str]) -> bytes | Iterable[str]:
    if isinstance(data, str):
        return data.encode("utf-8", "backslashreplace")
    return data


def _put(fh: BinaryIO, payload: bytes | Iterable[str]) -> None:
    if isinstance(payload, bytes):
        fh.write(payload)
        return
    for piece in payload:
        fh.write(piece.encode("utf-8", "backslashreplace"))


def _replace(
    target: str,
    shown: str,
    payload: bytes | Iterable[str],
    st: os.stat_result | None,
    durable: bool,
) -> None:
    import tempfile  # lazy: only writing a file needs it

    parent, name = os.path.split(target)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=parent or ".")
        with os.fdopen(fd, "wb") as fh:
            _lock(fh.fileno(), wait=True)
            _put(fh, payload)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            # mkstemp makes the file private (0600); give it the mode a plain open()
            # would have: the existing file's, or what the umask allows.
            os.chmod(tmp, st.st_mode & 0o777 if st is not None else 0o666 & ~_umask())
            os.replace(tmp, target)
            tmp = None
    except OSError as exc:
        raise _cannot(shown, exc) from None
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _lock(fd: int, wait: bool) -> bool:
    """Take an exclusive flock on ``fd``; False if another process holds it (or no flock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no cleanup of leftovers
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def stale_temporaries(path: str | os.PathLike[str]) -> list[str]:
    """Temporary files of ``path`` (``.NAME.XXXXXXXX.tmp`` beside it), live or not."""
    parent, name = os.path.split(os.fspath(path))
    pattern = re.compile(rf"\.{re.escape(name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    try:
        entries = os.listdir(parent or ".")
    except OSError:
        return []
    return sorted(os.path.join(parent, e) for e in entries if pattern.fullmatch(e))


def _remove_stale(target: str) -> None:
    """Remove the temporaries of ``target`` whose writer is gone (see the module docstring)."""
    now = time.time()
    for tmp in stale_temporaries(target):
        try:
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            old = now - st.st_mtime > _STALE_AFTER
            if old and stat.S_ISREG(st.st_mode) and _lock(fd, wait=False):
                with suppress(OSError):
                    os.unlink(tmp)
        finally:
            os.close(fd)


def write_stdout(text: str | Iterable[str], utf8: bool = False) -> None:
    """Write ``text`` (or str pieces, one after another) to standard output and flush
    it, so a full disk is an error here.

    ``utf8``: write UTF-8 bytes whatever the locale says (an HTML page declares its charset).
    Otherwise characters the stream's encoding cannot hold are written as escapes.
    """
    for piece in [text] if isinstance(text, str) else text:
        _write(sys.stdout, piece, utf8)


def write_stderr(line: str) -> None:
    """One line (a newline is added) on standard error; escapes where its encoding cannot."""
    _write(sys.stderr, line + "\n", False)


def _write(stream: TextIO | None, text: str, utf8: bool) -> None:
    if stream is None:
        raise InputError("standard output is closed")
    buffer = getattr(stream, "buffer", None)
    if utf8 and buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8", "backslashreplace"))
    else:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            # The whole text is encoded before anything is written, so nothing is doubled.
            enc = stream.encoding or "utf-8"
            stream.write(text.encode(enc, "backslashreplace").decode(enc))
    stream.flush()
