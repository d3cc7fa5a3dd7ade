"""workers: run pure, independent pieces of a collation on a few processes, in order.

    run(fn, items, jobs, state)   [fn(x) for x in items], perhaps on ``jobs`` forked processes
    state()                       what ``run`` was given, inside ``fn``

The pieces (one pair's alignment, one row's diffs and sites, one witness's
projection) read a large shared state (the prepared witnesses). Forked
workers inherit it instead of receiving it pickled; only the items and the
results travel. Results come back in item order, so the output never depends
on ``jobs``. Where fork is not available, or the work is too small to pay
for the processes, everything runs here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_state: Any = None


def state() -> Any:
    """The state of the ``run`` under way (in this process or inherited by a worker)."""
    return _state


def _call(arg: tuple[Callable[[Any], Any], Any]) -> Any:
    fn, item = arg
    return fn(item)


def run(
    fn: Callable[[T], R], items: Sequence[T], jobs: int, shared: Any, min_items: int = 8
) -> list[R]:
    """``[fn(x) for x in items]``, with ``state()`` returning ``shared`` while it runs."""
    global _state
    _state = shared
    try:
        if jobs > 1 and len(items) >= min_items:
            import multiprocessing

            if "fork" in multiprocessing.get_all_start_methods():
                chunk = max(1, len(items) // (jobs * 8))
                with multiprocessing.get_context("fork").Pool(jobs) as pool:
                    return pool.map(_call, [(fn, x) for x in items], chunksize=chunk)
        return [fn(x) for x in items]
    finally:
        _state = None
