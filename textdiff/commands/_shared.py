"""What the commands share: exit codes, input loading and the error boundary
(files and streams are written by ``textdiff.output``).

    load_input(...)       load one input (bounded); a 0-byte file is refused unless allowed
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

from ..errors import InputError, TextdiffError
from ..load import DEFAULT_MAX_SIZE
from ..model import Comparison, Document, Verdict

EXIT_OK, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
EXIT_INTERRUPTED = 130

def fail(message: str) -> NoReturn:
    """One line on stderr and exit 2, whatever the message holds."""
    from ..display import inert
    from ..output import write_stderr

    # Newlines, escapes and workflow commands in a file name are shown, not obeyed.
    with suppress(OSError, ValueError):
        write_stderr(inert(f"textdiff: error: {message}"))
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
        from ..output import write_stderr

        with suppress(OSError, ValueError):
            write_stderr("textdiff: interrupted")
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


def load_input(
    path: str,
    encoding: str | None,
    allow_empty: bool,
    max_size: int = DEFAULT_MAX_SIZE,
    docx_view: str = "accepted",
) -> Document:
    """Load a command's input; a 0-byte file is refused unless ``allow_empty``."""
    from ..load import load

    doc = load(path, encoding, max_size, docx_view)
    if doc.size == 0 and not allow_empty:
        raise InputError(f"{path}: empty file (pass --allow-empty to compare it anyway)")
    return doc


def exit_code(c: Comparison) -> int:
    return (
        EXIT_OK if c.summary.verdict in (Verdict.IDENTICAL, Verdict.EQUIVALENT) else EXIT_DIFFERENT
    )
