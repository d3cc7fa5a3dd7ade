"""What the commands share: exit codes, input loading, atomic output, and the
error boundary; click-free, like the ``compare`` path that uses them.

    compare_pair(...)     load two inputs as the options say and compare them
    load_input(...)       load one input; a 0-byte file is refused unless allowed
    write_atomic(...)     write through a temporary file and a rename, never over an input
    exit_code(c)          0 identical or equivalent, 1 variant or unrelated
    error_boundary()      TextdiffError -> one line and exit 2; a closed pipe; Ctrl-C
    fail(message)         one line on stderr, exit 2
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from ..errors import InputError, OptionsError, TextdiffError
from ..model import Comparison, Document, Verdict
from ..options import Options

EXIT_OK, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
EXIT_INTERRUPTED = 130


def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2, whatever the message holds."""
    from ..render.text import safe

    # Newlines and escapes in a file name are shown, not obeyed.
    line = safe(message.replace("\r", "\\r").replace("\n", "\\n"))
    sys.stderr.write(f"textdiff: error: {line}\n")
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
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_DIFFERENT)
    except KeyboardInterrupt:
        sys.stderr.write("textdiff: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)


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
    """Write ``data`` to ``path`` through a temporary file and a rename; never over an input."""
    import tempfile  # lazy: only writing a file needs it
    from pathlib import Path

    target = Path(path)
    for src in inputs:
        if (
            src != "-"
            and Path(src).exists()
            and target.exists()
            and target.resolve() == Path(src).resolve()
        ):
            raise InputError(f"{path}: refusing to overwrite an input file")
    if target.is_dir():
        raise InputError(f"{path}: is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{path}: no such directory {parent}")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain open()
        # would have: the existing file's, or what the umask allows.
        if target.exists():
            mode = target.stat().st_mode & 0o777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
