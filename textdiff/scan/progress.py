"""progress: one self-rewriting status line on stderr, only when stderr is a terminal.

Progress(stream)      silent unless ``stream.isatty()``; at most ten updates a second
Progress.update(...)  phase, done/total, and counters; the ETA comes from the rate so far
"""

from __future__ import annotations

import time
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    def __init__(self, stream: TextIO | None, enabled: bool | None = None) -> None:
        isatty = getattr(stream, "isatty", None)
        self.stream = stream
        self.enabled = bool(isatty and isatty()) if enabled is None else enabled
        self.phase = ""
        self.started = time.monotonic()
        self.last = 0.0
        self.width = 0

    def start(self, phase: str) -> None:
        self.phase = phase
        self.started = time.monotonic()

    def update(self, done: int, total: int, detail: str = "", force: bool = False) -> None:
        if not self.enabled or self.stream is None:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        elapsed = now - self.started
        eta = ""
        if 0 < done < total and elapsed > 1:
            eta = f" · ETA {_duration(elapsed * (total - done) / done)}"
        line = f"{self.phase}: {done:,}/{total:,}{' · ' + detail if detail else ''}{eta}"
        pad = max(0, self.width - len(line))
        self.width = len(line)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.stream is not None and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
