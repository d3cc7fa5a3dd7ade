"""engines: run a pure function over work items, here, in a process pool, or on Dask.

    Executor                 the interface: imap(fn, items) yields results as they finish
    InProcess                one after another in this process (the default)
    ProcessPool(n)           concurrent.futures over n local processes (--jobs N)
    DaskExecutor(...)        dask.distributed: a scheduler address or a LocalCluster
    make_executor(...)       the one the command-line options ask for

Results arrive in completion order, which differs between engines; the
driver writes each as it comes and every output is sorted afterwards, so what
a scan reports does not depend on the engine. Items are small descriptions of
work (paths and byte ranges, ids in the index), never documents, so shipping
them to a remote worker costs nothing; such a worker must see the inputs and
the index at the same paths (a shared file system), as Spark's would.

Dask is imported only by DaskExecutor: it is the optional extra ``textdiff[dask]``.
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from .. import workers
from ..errors import OptionsError

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    name: str

    def imap(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        """``fn`` over ``items``, yielding each result as it is ready."""
        ...

    def close(self) -> None: ...


class InProcess:
    name = "in-process"

    def imap(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass


class ProcessPool:
    """A local process pool; at most 2 items in flight per worker keeps memory flat.

    Workers die with the driver, and a worker's death is one line (``textdiff.workers``).
    """

    def __init__(self, jobs: int) -> None:
        self.name = f"process pool ({jobs} processes)"
        self.jobs = jobs
        # spawn, not fork: the driver holds an open SQLite connection, which a
        # forked child must not inherit.
        self.pool = workers.start(jobs, "spawn")

    def imap(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        it = iter(items)
        running: set[cf.Future[R]] = set()
        try:
            for item in _take(it, 2 * self.jobs):
                running.add(self.pool.submit(fn, item))
            while running:
                done, running = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for fut in done:
                    for item in _take(it, 1):
                        running.add(self.pool.submit(fn, item))
                    yield fut.result()
        except BrokenProcessPool:
            raise workers.died(self.pool, _RESUME) from None
        finally:
            for fut in running:
                fut.cancel()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


# Every finished unit of work is in the index: the same command picks up from there.
_RESUME = "the index keeps the work already done: run the same command again to resume"


def _take(it: Iterator[T], n: int) -> list[T]:
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out


class DaskExecutor:
    """dask.distributed, on the scheduler at ``address`` or a LocalCluster of ``local`` workers."""

    def __init__(self, address: str | None = None, local: int | None = None) -> None:
        try:
            # Any-typed module: distributed's API is not annotated for mypy --strict.
            distributed: Any = importlib.import_module("distributed")
        except ImportError:
            raise OptionsError("the dask engine needs Dask: pip install 'textdiff[dask]'") from None
        self.cluster: Any = None
        try:
            if address:
                self.client: Any = distributed.Client(address, timeout="30s")
                self.name = f"dask ({address})"
            else:
                n = local or 2
                # Bound to loopback: a local cluster is no business of the network.
                self.cluster = distributed.LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self.client = distributed.Client(self.cluster)
                self.name = f"dask (local cluster, {n} workers)"
        except OSError as exc:
            self.close()
            raise OptionsError(f"cannot reach the Dask scheduler: {exc}") from None

    def imap(self, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        distributed: Any = importlib.import_module("distributed")
        futures = self.client.map(fn, list(items), pure=False)
        try:
            for fut in distributed.as_completed(futures):
                result: R = fut.result()
                fut.release()
                yield result
        except distributed.KilledWorker as exc:
            # Dask gave the item to other workers first; each of them died too.
            tries = exc.allowed_failures + 1
            message = f"each Dask worker that ran {exc.task} died ({tries} tries); {_RESUME}"
            raise workers.WorkerDied(message) from None
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(
    engine: str = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    dask_local: int | None = None,
) -> Executor:
    """The executor for the command-line options (``--engine``, ``--jobs``, ...)."""
    if engine == "dask" or dask_local:
        if not scheduler and not dask_local:
            raise OptionsError("--engine dask needs --scheduler ADDRESS or --dask-local N")
        return DaskExecutor(scheduler, dask_local)
    if scheduler:
        raise OptionsError("--scheduler applies only with --engine dask")
    if engine != "local":
        raise OptionsError(f"unknown engine {engine!r} (choose local or dask)")
    return ProcessPool(jobs) if jobs > 1 else InProcess()


def run_all(executor: Executor, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """Every result, in completion order (a convenience for small jobs and tests)."""
    return list(executor.imap(fn, list(items)))
