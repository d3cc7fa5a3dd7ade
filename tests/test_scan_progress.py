"""Progress: a status line on a terminal, nothing otherwise."""

from __future__ import annotations

import io

from textdiff.scan.progress import Progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_unless_a_terminal() -> None:
    pipe = io.StringIO()
    p = Progress(pipe)
    p.start("reading")
    p.update(1, 2, "5 documents", force=True)
    p.done()
    assert pipe.getvalue() == ""


def test_terminal_line_with_counts_then_cleared() -> None:
    tty = _Tty()
    p = Progress(tty)
    p.start("verifying")
    p.started -= 10  # ten seconds in, half done: five to go
    p.update(50, 100, "20 pairs kept", force=True)
    line = tty.getvalue()
    assert line.startswith("\rverifying: 50/100 · 20 pairs kept · ETA 10s")
    p.done()
    assert tty.getvalue().endswith("\r")
