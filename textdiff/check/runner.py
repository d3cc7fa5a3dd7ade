"""Runner: compare every pair (cached, in parallel), then judge each against its check.

    compute(pairs, cache, jobs, max_size) -> [Computed | BadInput]: outcomes in pair order
    judge(pair, computed, entries)        -> PairResult: pass or fail, with the reasons
    judge_all(pairs, computed, baseline)  -> Report: every result, every pair that could not be
                                             checked, and the orphaned baseline entries

    Status, PairResult, PairError, Report   what the output formats read

A reference or copy that cannot be read as text (larger than ``max_size``, not a regular file,
unreadable, binary, undecodable) makes its pair a ``BadInput``: reported, not judged, and the
other pairs go on (the command then exits 2).

Pairs whose outcome is not in the cache are compared by ``textdiff.compare_documents`` in a
process pool when there are several (comparison is CPU-bound pure Python, so threads would not
help); ``Executor.map`` keeps results in pair order whatever order they finish in. The pool's
workers die with the driver, and a worker's death is exit 2, one line (``textdiff.workers``).
"""

from __future__ import annotations

import hashlib
import math
import os
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from .. import InputError, Options, TextdiffError
from ..display import plural
from ..load import DEFAULT_MAX_SIZE, format_size
from ..workers import available_cores
from .baseline import Baseline, Entry, match
from .cache import Cache, cache_key
from .evaluate import Difference, DiffKind, PairOutcome, evaluate
from .pairing import Pair


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"


class BadInput(NamedTuple):
    """A pair whose reference or copy could not be read as text: why, in one line."""

    message: str


class Computed(NamedTuple):
    outcome: PairOutcome
    cached: bool
    seconds: float  # time spent comparing (0 for a cached outcome)


class _Job(NamedTuple):
    reference: str
    copy: str
    reference_sha: str
    copy_sha: str
    options: Options
    embedded: bool
    max_size: int = DEFAULT_MAX_SIZE


def shown(path: os.PathLike[str] | str) -> str:
    """A path as messages show it: relative to the working directory when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _sha256(path: str, max_size: int = DEFAULT_MAX_SIZE) -> str:
    """The digest of a regular file no larger than ``max_size`` (measured before reading)."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"{path}: not a regular file")
            if max_size and st.st_size > max_size:
                raise InputError(
                    f"{path}: larger than {format_size(max_size)}, the input size limit "
                    "(max-size in the configuration or --max-size raises it; 0: no limit)"
                )
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except OSError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _work(job: _Job) -> tuple[PairOutcome | BadInput, float]:
    """Compare one pair (in a worker process, or inline); a file that cannot be read as text
    is bad input, returned rather than raised so that the other pairs go on."""
    start = time.perf_counter()
    # Imported here: a run whose every pair is cached never loads the pipeline.
    from ..load import load
    from ..pipeline import compare_documents

    try:
        ref = load(job.reference, max_size=job.max_size)
        copy = load(job.copy, max_size=job.max_size)
    except TextdiffError as exc:
        return BadInput(str(exc)), time.perf_counter() - start
    for doc, sha in ((ref, job.reference_sha), (copy, job.copy_sha)):
        if doc.sha256 != sha:
            # Hashed for the cache key, then changed before it was compared: the key would lie.
            raise InputError(f"{doc.path}: changed while being checked; run again")
    comparison = compare_documents(ref, copy, job.options)
    outcome = evaluate(comparison, job.options, job.embedded)
    return outcome, time.perf_counter() - start


def compute(
    pairs: Sequence[Pair],
    cache: Cache | None,
    jobs: int = 0,
    max_size: int = DEFAULT_MAX_SIZE,
) -> list[Computed | BadInput]:
    """The outcome of every pair, from the cache or compared now (``jobs`` 0: all cores), or
    why it could not be compared."""
    digests: dict[str, str | BadInput] = {}
    todo: dict[str, _Job] = {}  # cache key -> job; identical pairs are compared once
    keys: list[str | BadInput] = []
    found: dict[str, PairOutcome] = {}
    for pair in pairs:
        ref, copy = shown(pair.reference_path), shown(pair.copy_path)
        for path in (ref, copy):
            if path not in digests:
                try:
                    digests[path] = _sha256(path, max_size)
                except InputError as exc:
                    digests[path] = BadInput(str(exc))
        ref_sha, copy_sha = digests[ref], digests[copy]
        if isinstance(ref_sha, BadInput):
            keys.append(ref_sha)
            continue
        if isinstance(copy_sha, BadInput):
            keys.append(copy_sha)
            continue
        options = pair.settings.options
        key = cache_key(ref_sha, copy_sha, options, pair.settings.embedded)
        keys.append(key)
        if key in found or key in todo:
            continue
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            found[key] = hit
        else:
            embedded = pair.settings.embedded
            todo[key] = _Job(ref, copy, ref_sha, copy_sha, options, embedded, max_size)

    fresh: dict[str, tuple[PairOutcome | BadInput, float]] = {}
    workers = min(jobs or available_cores(), len(todo))
    if workers > 1:
        # Lazy: an all-cached run starts no process and needs none of this.
        from concurrent.futures.process import BrokenProcessPool

        from .. import workers as pools

        pool = pools.start(workers)
        try:
            fresh = dict(zip(todo, pool.map(_work, todo.values()), strict=True))
        except BrokenProcessPool:
            raise pools.died(pool, "no result was judged: run the check again") from None
        finally:
            # On an error, don't wait for the comparisons still queued.
            pool.shutdown(wait=True, cancel_futures=True)
    else:
        fresh = {key: _work(job) for key, job in todo.items()}
    for key, (outcome, _) in fresh.items():
        if cache is not None and not isinstance(outcome, BadInput):
            cache.put(key, outcome)

    out: list[Computed | BadInput] = []
    reported: set[str] = set()
    for item in keys:
        if isinstance(item, BadInput):
            out.append(item)
            continue
        key = item
        if key in fresh:
            outcome, seconds = fresh[key]
            if isinstance(outcome, BadInput):
                out.append(outcome)
            elif key not in reported:
                reported.add(key)
                out.append(Computed(outcome, False, seconds))
            else:
                out.append(Computed(outcome, True, 0.0))  # same contents as a pair above
        else:
            out.append(Computed(found[key], True, 0.0))
    return out


@dataclass(frozen=True, slots=True)
class PairResult:
    pair: Pair
    outcome: PairOutcome
    status: Status
    reasons: tuple[str, ...]
    new: tuple[Difference, ...]  # differences not in the baseline
    accepted: tuple[Difference, ...]  # differences the baseline accepts
    stale: tuple[Entry, ...]  # baseline entries of this pair that no longer occur
    cached: bool
    seconds: float

    @property
    def passed(self) -> bool:
        return self.status is Status.PASS

    @property
    def edits(self) -> int:
        """Substantive edits (as the check counts them), accepted ones included."""
        return sum(d.kind is DiffKind.EDIT for d in self.outcome.differences)


@dataclass(frozen=True, slots=True)
class PairError:
    """A pair that could not be checked: its reference or copy is bad input."""

    pair: Pair
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    results: tuple[PairResult, ...]
    orphans: tuple[Entry, ...]  # baseline entries of pairs that no check names any more
    errors: tuple[PairError, ...] = ()  # pairs not checked: bad input

    @property
    def failed(self) -> int:
        return sum(not r.passed for r in self.results)

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def cached(self) -> int:
        return sum(r.cached for r in self.results)

    @property
    def stale(self) -> tuple[Entry, ...]:
        return tuple(e for r in self.results for e in r.stale) + self.orphans


def percent(x: float) -> str:
    """A share as a percentage that never rounds a shortfall up to 100%.

    >>> percent(1.0), percent(0.99996), percent(0.5)
    ('100%', '99.9%', '50%')
    """
    if x >= 1:
        return "100%"
    shown_ = math.floor(x * 1000) / 10
    return f"{shown_:g}%"


def judge(pair: Pair, computed: Computed, entries: Sequence[Entry]) -> PairResult:
    """Pass or fail one pair against its check's settings and its baseline entries."""
    o, s = computed.outcome, pair.settings
    m = match(o.differences, entries)
    reasons: list[str] = []
    if not o.found:
        reasons.append(
            f"the reference is not in this copy "
            f"(verdict {o.verdict.value}, similarity {o.similarity:.2f})"
        )
    else:
        edits = sum(d.kind is DiffKind.EDIT for d in m.new)
        # A paragraph in another place counts as one difference, where moves count at all.
        moves = sum(d.kind is DiffKind.MOVE for d in m.new)
        if edits + moves > s.max_substantive:
            said = [plural(edits, "substantive edit")] if edits or not moves else []
            if moves:
                said.append(plural(moves, "moved paragraph"))
            reasons.append(f"{', '.join(said)} ({s.max_substantive} allowed)")
        # An accepted omission counts as covered: the baseline accepted its absence.
        accepted = sum(d.chars for d in m.accepted if d.kind is DiffKind.OMISSION)
        if o.text_chars:
            coverage = min(1.0, (o.covered_chars + accepted) / o.text_chars)
        else:
            coverage = o.reference_coverage
        if coverage < s.min_coverage:
            missing = sum(d.kind is DiffKind.OMISSION for d in m.new)
            reasons.append(
                f"reference coverage {percent(coverage)} below {s.min_coverage * 100:g}%"
                f" ({plural(missing, 'paragraph')} missing)"
            )
    return PairResult(
        pair=pair,
        outcome=o,
        status=Status.FAIL if reasons else Status.PASS,
        reasons=tuple(reasons),
        new=m.new,
        accepted=m.accepted,
        stale=m.stale,
        cached=computed.cached,
        seconds=computed.seconds,
    )


def judge_all(
    pairs: Sequence[Pair], computed: Sequence[Computed | BadInput], baseline: Baseline
) -> Report:
    results = tuple(
        judge(pair, c, baseline.for_pair(pair.reference, pair.copy))
        for pair, c in zip(pairs, computed, strict=True)
        if isinstance(c, Computed)
    )
    errors = tuple(
        PairError(pair, c.message)
        for pair, c in zip(pairs, computed, strict=True)
        if isinstance(c, BadInput)
    )
    checked = {(p.reference, p.copy) for p in pairs}
    orphans = tuple(e for e in baseline.entries if (e.reference, e.copy) not in checked)
    return Report(results, orphans, errors)
