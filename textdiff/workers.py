"""workers: local worker processes that die with their driver, and whose death is one line.

    available_cores()          how many processes "one per core" (--jobs 0) means here
    start(jobs, method)        a ProcessPoolExecutor whose workers watch their parent
    died(pool, what)           the WorkerDied error for a pool that broke: which signal, what to do
    WorkerDied                 a TextdiffError: exit 2, one line, never a traceback

Used by ``check`` (pairs compared in parallel) and ``scan`` (``--jobs N``).

Two faults of plain ``concurrent.futures`` pools:

- When the driver is killed (SIGKILL, the OOM killer, a CI runner's timeout),
  its workers live on: each blocks forever on its call queue, whose write end
  it holds itself. Here every worker starts a thread that waits on
  ``multiprocessing.parent_process().sentinel``, a pipe whose other end only
  the parent holds: end of file means the parent is gone, and the worker
  exits at once. The same code works for fork, spawn and forkserver workers
  and on every platform ``multiprocessing`` supports, unlike Linux's
  ``PR_SET_PDEATHSIG``. A forked worker also holds the pipes of the workers
  forked before it; they see end of file as soon as it exits, one after
  another, within milliseconds.
- When a worker is killed, the pool raises ``BrokenProcessPool`` with a
  traceback and the command exits 1, which ``check`` uses for "a copy
  failed". Here it becomes ``WorkerDied``: exit 2, one line.

Workers ignore Ctrl-C (SIGINT reaches the whole foreground process group):
the driver alone decides what an interrupt stops, and prints one line.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from typing import Literal

from .errors import TextdiffError

Method = Literal["fork", "spawn", "forkserver"]
_SIGKILL = getattr(signal, "SIGKILL", 9)  # not defined on Windows


class WorkerDied(TextdiffError, RuntimeError):
    """A worker process ended abruptly: killed by a signal (often the out-of-memory killer)."""


def available_cores() -> int:
    """The cores this process may use (its CPU affinity), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def start(jobs: int, method: Method | None = None) -> cf.ProcessPoolExecutor:
    """A pool of ``jobs`` processes; ``method``: how they start (None: the platform's default)."""
    context = multiprocessing.get_context(method)
    return cf.ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init)


def _worker_init() -> None:
    """Runs first in every worker: ignore Ctrl-C, and exit when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        watch = threading.Thread(
            target=_exit_with, args=(parent.sentinel,), name="textdiff-parent-watch", daemon=True
        )
        watch.start()


def _exit_with(sentinel: int) -> None:
    """Block until ``sentinel`` is ready (the parent ended), then end this process."""
    multiprocessing.connection.wait([sentinel])
    # No cleanup: the work in hand belongs to a driver that is gone, and a
    # worker writes nothing that needs flushing.
    os._exit(1)


def died(pool: cf.ProcessPoolExecutor, what: str) -> WorkerDied:
    """The one-line error for ``pool`` broken by a worker's death; ``what`` says what to do now.

    Shuts ``pool`` down (it is of no more use) to learn how the worker ended.

    >>> str(died(cf.ProcessPoolExecutor(1), "run again"))
    'a worker process ended abruptly; run again'
    """
    return WorkerDied(f"a worker process {_how(pool)}; {what}")


def _how(pool: cf.ProcessPoolExecutor) -> str:
    # The pool keeps its Process objects until shutdown. Shutting down waits for
    # its manager thread, which reaps every worker: only then are all exit codes
    # known. The first worker that did not end by the pool's own SIGTERM is the
    # one that broke it.
    processes = dict(getattr(pool, "_processes", None) or {})
    pool.shutdown(wait=True, cancel_futures=True)
    for process in processes.values():
        code = process.exitcode
        if code is not None and code < 0 and -code != signal.SIGTERM:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            hint = " (often the out-of-memory killer)" if -code == _SIGKILL else ""
            return f"was killed by {name}{hint}"
        if code is not None and code > 0:
            return f"exited with status {code}"
    return "ended abruptly"
