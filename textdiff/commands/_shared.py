"""What the commands share: exit codes, input loading, atomic output, and the
error boundary; click-free, like the ``compare`` path that uses them.

    compare_pair(...)     load two inputs as the options say and compare them
    load_input(...)       load one input; a 0-byte file is refused unless allowed
    write_atomic(...)     write through a temporary file and a rename, never over an input
    write_stdout(text)    write and flush standard output
    exit_code(c)          0 identical or equivalent, 1 variant or unrelated
    error_boundary()      TextdiffError -> one line and exit 2; a closed pipe; Ctrl-C
    fail(message)         one line on stderr, exit 2
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import NoReturn

from ..errors import InputError, OptionsError, TextdiffError
from ..model import Comparison, Document, Verdict
from ..options import Options

EXIT_OK, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
EXIT_INTERRUPTED = 130

def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2, whatever the message holds."""
    from ..display import inert

    # Newlines, escapes and workflow commands in a file name are shown, not obeyed.
    sys.stderr.write(inert(f"textdiff: error: {message}") + "\n")
    sys.exit(EXIT_TROUBLE)


@contextmanager
def error_boundary() -> Iterator[None]:
    """Where errors become exit statuses: the one place a command's failures are printed."""
    try:
        yield
    except TextdiffError as exc:
        fail(str(exc))
    except BrokenPipeError:
        # The reader went away (textdiff ... | head): not an error of ours.
        _drop_stdout()
        sys.exit(EXIT_DIFFERENT)
    except KeyboardInterrupt:
        sys.stderr.write("textdiff: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:
        # Standard output failed (a full disk, a closed descriptor): what is
        # still buffered must not fail again, with a traceback, at exit.
        _drop_stdout()
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"{where}{exc.strerror or exc}")


def _drop_stdout() -> None:
    """Send whatever standard output still buffers to /dev/null if it cannot be flushed."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())


def compare_pair(
    a: str,
    b: str,
    profile: str,
    ignore: str,
    encoding: str | None,
    encoding_a: str | None,
    encoding_b: str | None,
    allow_empty: bool,
) -> Comparison:
    """Compare A with B as the comparison options say; '-' is standard input (one side only)."""
    if a == "-" and b == "-":
        raise OptionsError("only one of A and B can be '-' (standard input)")
    options = Options.make(
        profile, ignore.split(","), encoding_a or encoding, encoding_b or encoding
    )
    from ..pipeline import compare_documents

    doc_a = load_input(a, options.encoding_a, allow_empty)
    doc_b = load_input(b, options.encoding_b, allow_empty)
    return compare_documents(doc_a, doc_b, options)


def write_atomic(path: str, data: str, inputs: tuple[str, ...] = ()) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename; never over an input.

    A path that is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO)
    is written in place: renaming over it would replace the device with a file.
    """
    import stat
    import tempfile  # lazy: only writing a file needs it

    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            try:
                with open(path, "w", encoding="utf-8", newline="") as fh:
                    fh.write(data)
            except OSError as exc:
                raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
            return
        if any(_same_file(src, st) for src in inputs):
            raise InputError(f"{path}: refusing to overwrite an input file")
    parent = os.path.dirname(path) or "."
    if not os.path.isdir(parent):
        raise InputError(f"{path}: no such directory {parent}")
    name = os.path.basename(path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain open()
        # would have: the existing file's, or what the umask allows.
        if st is not None:
            mode = st.st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)


def _same_file(src: str, st: os.stat_result) -> bool:
    """Is input ``src`` (``-``: whatever standard input reads) the file ``st`` describes?"""
    try:
        if src == "-":
            if sys.stdin is None:
                return False
            other = os.fstat(sys.stdin.fileno())
        else:
            other = os.stat(src)
    except (OSError, ValueError):
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)


def write_stdout(text: str, utf8: bool = False) -> None:
    """Write ``text`` to standard output and flush it, so a full disk is an error here.

    ``utf8``: write UTF-8 bytes whatever the locale says (an HTML page declares
    its charset). Otherwise characters the terminal's encoding cannot show are
    written as escapes rather than failing.
    """
    stream = sys.stdout
    if stream is None:
        raise InputError("standard output is closed")
    if utf8 and hasattr(stream, "buffer"):
        stream.flush()
        stream.buffer.write(text.encode("utf-8"))
    else:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            enc = stream.encoding or "utf-8"
            stream.write(text.encode(enc, "backslashreplace").decode(enc))
    stream.flush()


def load_input(path: str, encoding: str | None, allow_empty: bool) -> Document:
    """Load a command's input; a 0-byte file is refused unless ``allow_empty``."""
    from ..load import load

    doc = load(path, encoding)
    if doc.size == 0 and not allow_empty:
        raise InputError(f"{path}: empty file (pass --allow-empty to compare it anyway)")
    return doc


def exit_code(c: Comparison) -> int:
    return (
        EXIT_OK if c.summary.verdict in (Verdict.IDENTICAL, Verdict.EQUIVALENT) else EXIT_DIFFERENT
    )
