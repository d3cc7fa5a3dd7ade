"""Run textdiff's command line, stopping itself (SIGSTOP) at a chosen point: for fault tests.

    python tests/stopper.py MODULE:QUALNAME:N:WHEN ARGS...

The N-th call of the function ``MODULE.QUALNAME`` stops the process, ``WHEN``
is ``before`` the call, ``after`` it, or ``inside`` (for a method of the scan
``Index``: inside its transaction, after the writes, before COMMIT). The test
that started it waits until the process is stopped, then kills it or its
workers at exactly that point: a fault at a chosen phase, not at a random
moment, so the test never depends on timing.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any


def _stop() -> None:
    os.kill(os.getpid(), signal.SIGSTOP)


def install(spec: str) -> None:
    module, qualname, n, when = spec.split(":")
    owner: Any = importlib.import_module(module)
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    original: Callable[..., Any] = getattr(owner, name)
    target = int(n)
    calls = 0

    if when == "inside":
        # During the N-th call of the method, its first Index transaction stops before COMMIT.
        from textdiff.scan.index import Index

        plain = Index.transaction

        @contextlib.contextmanager
        def stopping(self: Index) -> Iterator[Any]:
            with plain(self) as db:
                yield db
                _stop()

        @functools.wraps(original)
        def inside(self: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls != target:
                return original(self, *args, **kwargs)
            self.transaction = stopping.__get__(self)
            try:
                return original(self, *args, **kwargs)
            finally:
                del self.transaction

        setattr(owner, name, inside)
        return

    @functools.wraps(original)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == target and when == "before":
            _stop()
        result = original(*args, **kwargs)
        if calls == target and when == "after":
            _stop()
        return result

    setattr(owner, name, wrapped)


if __name__ == "__main__":
    install(sys.argv[1])
    from textdiff.__main__ import main

    main(sys.argv[2:])


# -- for the tests that drive it (Linux: /proc) -------------------------------------------

STOPPER = os.path.abspath(__file__)


def start(spec: str, *args: str, cwd: str, env: dict[str, str] | None = None) -> Any:
    """Popen of ``textdiff ARGS`` that stops itself at ``spec``; stderr captured."""
    import subprocess

    return subprocess.Popen(
        [sys.executable, STOPPER, spec, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of ``pid``, or None when it no longer exists."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read().decode("ascii", "replace")
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = data[data.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def wait_stopped(proc: Any, limit: float = 300.0) -> None:
    """Wait until ``proc`` has stopped itself; fail if it ends first (the point was never met)."""
    import time

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _, err = proc.communicate()
            raise AssertionError(f"ended ({proc.returncode}) before its stop point: {err!r}")
        st = _stat(proc.pid)
        if st is not None and st[0] in ("T", "t"):
            return
        time.sleep(0.01)
    raise AssertionError("never reached its stop point")


def descendants(pid: int) -> dict[int, str]:
    """Every live process below ``pid``: pid -> command line."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = _stat(int(name))
            if st is not None and st[0] != "Z":
                children.setdefault(st[1], []).append(int(name))
    found: dict[int, str] = {}
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop()
        try:
            with open(f"/proc/{child}/cmdline", "rb") as fh:
                found[child] = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except FileNotFoundError:
            continue
        todo += children.get(child, [])
    return found


def workers(pid: int) -> list[int]:
    """The pool workers below ``pid`` (not multiprocessing's resource tracker)."""
    return sorted(p for p, cmd in descendants(pid).items() if "resource_tracker" not in cmd)


def alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting for its reaper is not)."""
    return [p for p in pids if (st := _stat(p)) is not None and st[0] != "Z"]


def wait_gone(pids: list[int], limit: float = 60.0) -> list[int]:
    """Wait up to ``limit`` seconds for ``pids`` to end; return those still alive."""
    import time

    deadline = time.monotonic() + limit
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.02)
    return alive(pids)
