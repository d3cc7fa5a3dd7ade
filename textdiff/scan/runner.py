"""runner: the scan itself, phase by phase, each unit of work committed as it finishes.

    ScanConfig                  inputs, globs, thresholds and rules
    ScanStats                   what this run did (read, skipped, bad input, candidates, verified)
    run_scan(index, config, executor, progress)   read -> candidates -> verify
    collect(index, rules)       the index's documents, pairs and families, in output order

Phases:

1. read: sources not already finished (same size and mtime) are cut into
   partitions; the executor reads and shingles them; each partition's
   documents are committed in one transaction.
2. candidates: when the collection (or a candidate setting) changed since
   the stored candidates were computed, one in-memory inverted index over
   every document's sampled shingles (numpy, seconds for the 136k-article
   archive) gives the candidates of the whole collection, which replace the
   stored ones in one transaction.
3. verify: candidates not yet verified, in batches; the executor runs
   compare on each pair; each batch's facts are committed in one transaction.
   A pair verified once is never compared again, whatever the later runs.

Phases 2 and 3 repeat until the candidates are of the collection as it is:
another run may have added documents meanwhile (two scans into one index at
once). So the index's final state depends on the final collection alone, not
on how the work was split, ordered or interleaved (issue 15, F7).

A second run over the same inputs finds every source finished, the
candidates current and all verified: it does nothing but report. A run with
no inputs (``textdiff scan --index FILE``) only reports: it never writes.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import __version__
from ..errors import OptionsError
from ..load import DEFAULT_MAX_SIZE
from .candidates import Thresholds, find_candidates
from .engines import Executor
from .families import Family, families
from .index import DocInfo, Index, PairRow
from .progress import Progress
from .readers import (
    PARTITION_BYTES,
    Partition,
    Problem,
    SourceFile,
    discover,
    group_text,
    plan,
    read_partition,
)
from .verify import Rules, VerifyTask, relate, verify_batch

BATCH_PAIRS = 32
# Rounds of candidates + verification when other runs keep adding documents;
# past them this run stops, leaving the index consistent for the next one.
MAX_ROUNDS = 20


@dataclass(frozen=True, slots=True)
class ScanConfig:
    inputs: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)
    rules: Rules = field(default_factory=Rules)
    partition_bytes: int = PARTITION_BYTES
    batch_pairs: int = BATCH_PAIRS
    max_size: int = DEFAULT_MAX_SIZE  # --max-size: a larger text file is bad input


@dataclass(slots=True)
class ScanStats:
    sources: int = 0
    sources_skipped: int = 0
    partitions: int = 0
    documents_read: int = 0
    documents_added: int = 0
    documents_unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs_skipped: int = 0  # earlier textdiff outputs found under folders, not read
    inputs: list[str] = field(default_factory=list)  # every file found: never an output's path
    candidates: int = 0
    verified: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    # Report-only runs: candidate pairs the index still lacks a verification for,
    # or -1 when its candidates are not of the collection it holds (a run cut short).
    unfinished: int = 0


def _read(
    index: Index,
    sources: Sequence[SourceFile],
    config: ScanConfig,
    executor: Executor,
    progress: Progress,
    stats: ScanStats,
) -> None:
    todo = [s for s in sources if not index.source_done(s)]
    stats.sources_skipped = len(sources) - len(todo)
    parts: list[Partition] = []
    remaining: dict[str, int] = {}
    texts = []
    for s in todo:
        finished = index.begin_source(s)
        if s.kind == "text":
            texts.append(s)
            remaining[s.path] = 1
            continue
        planned = [p for p in plan(s, config.partition_bytes) if (p.start, p.stop) not in finished]
        remaining[s.path] = len(planned)
        parts += planned
        if not planned:
            index.finish_sources([s.path])
    parts += [
        dataclasses.replace(p, max_size=config.max_size)
        for p in group_text(texts, config.partition_bytes)
    ]
    stats.partitions = len(parts)
    progress.start("reading")
    # An id is unique within its source; partitions only see their own lines,
    # so a repeat in another partition is caught here (first occurrence wins).
    first_seen: dict[tuple[str, str], int | None] = {}
    for i, result in enumerate(executor.imap(read_partition, parts), 1):
        kept = []
        for d in result.docs:
            where = (d.source, d.key)
            if where in first_seen and result.partition.kind == "jsonl":
                result.problems.append(
                    Problem(
                        d.source,
                        d.line,
                        f"duplicate id {d.key!r} (first on line {first_seen[where]})",
                    )
                )
                continue
            first_seen.setdefault(where, d.line)
            kept.append(d)
        result.docs = kept
        finished_now = []
        # A text file that was bad input (unreadable, undecodable, past --max-size) is not
        # finished: the next run reads it again, and reports it again if it still is.
        bad = {p.path for p in result.problems if p.line is None}
        for path in result.partition.paths:
            remaining[path] -= 1
            if remaining[path] == 0 and not (result.partition.kind == "text" and path in bad):
                finished_now.append(path)
        added, same = index.add_partition(result, finished_now)
        stats.documents_read += len(result.docs)
        stats.documents_added += added
        stats.documents_unchanged += same
        stats.problems += result.problems
        progress.update(i, len(parts), f"{stats.documents_read:,} documents")
    progress.done()


def _candidates(index: Index, config: ScanConfig, progress: Progress, stats: ScanStats) -> None:
    key = config.thresholds.key()
    while index.candidates_for() != f"{index.state()}|{key}":
        progress.start("candidates")
        progress.update(0, 1, "building the inverted index", force=True)
        state, ids, sets = index.signatures()
        found = find_candidates(sets, config.thresholds)
        del sets
        rows = [
            (ids[a], ids[b], int(n), int(o), float(s))
            for a, b, n, o, s in zip(
                found.a.tolist(),
                found.b.tolist(),
                found.shared.tolist(),
                found.own.tolist(),
                found.score.tolist(),
                strict=True,
            )
        ]
        if index.add_candidates(rows, state, key):
            stats.candidates = len(rows)
        progress.done()


def _verify(
    index: Index, config: ScanConfig, executor: Executor, progress: Progress, stats: ScanStats
) -> None:
    pending = index.pending_candidates()
    if not pending:
        return
    size = config.batch_pairs
    tasks = [
        VerifyTask(index.path, tuple(pending[i : i + size])) for i in range(0, len(pending), size)
    ]
    progress.start("verifying")
    done = 0
    for results in executor.imap(verify_batch, tasks):
        index.add_verified(results)
        done += len(results)
        stats.verified += len(results)
        progress.update(done, len(pending), f"{stats.verified:,} pairs verified")
    progress.done()


def _current(index: Index, config: ScanConfig) -> bool:
    key = config.thresholds.key()
    return index.candidates_for() == f"{index.state()}|{key}" and not index.pending_candidates()


def run_scan(index: Index, config: ScanConfig, executor: Executor, progress: Progress) -> ScanStats:
    """Bring ``index`` up to date with ``config.inputs``; return what this run did."""
    stats = ScanStats()
    if not config.inputs:
        return _report_only(index)
    index.upgrade()
    index.check_verifier(__version__)
    t0 = time.monotonic()
    found = discover(config.inputs, config.include, config.exclude)
    stats.sources = len(found.sources)
    stats.problems += found.problems
    stats.outputs_skipped = len(found.outputs)
    stats.inputs = [s.path for s in found.sources] + [p.path for p in found.problems]
    _read(index, found.sources, config, executor, progress, stats)
    t1 = time.monotonic()
    spent = 0.0
    for _ in range(MAX_ROUNDS):
        t = time.monotonic()
        _candidates(index, config, progress, stats)
        spent += time.monotonic() - t
        _verify(index, config, executor, progress, stats)
        if _current(index, config):
            break
    t2 = t1 + spent
    t3 = time.monotonic()
    stats.seconds = {
        "read": round(t1 - t0, 2),
        "candidates": round(t2 - t1, 2),
        "verify": round(t3 - t2, 2),
    }
    return stats


def _report_only(index: Index) -> ScanStats:
    """What a run with no inputs does: nothing to the index; say if it is unfinished."""
    if index.outdated:
        raise OptionsError(
            f"{index.path}: index built by an older textdiff; scan its inputs into it again"
            " to bring it up to date (its documents are kept)"
        )
    stats = ScanStats(seconds={"read": 0.0, "candidates": 0.0, "verify": 0.0})
    stored = index.candidates_for()
    if stored is None or not stored.startswith(f"{index.state()}|"):
        stats.unfinished = -1
    else:
        stats.unfinished = len(index.pending_candidates())
    return stats


@dataclass(frozen=True, slots=True)
class Collection:
    """The index's state in output order: documents, pairs in family order, families."""

    documents: dict[int, DocInfo]
    order: dict[int, int]
    pairs: tuple[PairRow, ...]
    families: tuple[Family, ...]


def kept_pairs(index: Index, rules: Rules | None = None) -> list[PairRow]:
    """The kept pairs of ``index``: each verified candidate's relation, decided now."""
    rules = rules or Rules()
    out = []
    for v, e in index.verified_candidates():
        relation = relate(v, e, rules)
        if relation is not None:
            out.append(
                PairRow(
                    v.a, v.b, relation.value, v.verdict, v.coverage, v.similarity, v.region,
                    v.edits, e.shared, round(e.score, 4), e.own, v.share, v.passages,
                )
            )  # fmt: skip
    return out


def collect(index: Index, rules: Rules | None = None) -> Collection:
    """Documents, pairs and families of everything in ``index``, deterministically ordered.

    ``documents`` holds the family members only: a collection of 136k
    documents of which a few thousand have versions need not load the rest.
    """
    order = index.order()
    fams = families(kept_pairs(index, rules), order)
    pairs = tuple(p for f in fams for p in f.pairs)
    docs = index.documents([m for f in fams for m in f.members])
    return Collection(docs, order, pairs, tuple(fams))


@dataclass(frozen=True, slots=True)
class ScanResult:
    collection: Collection
    stats: ScanStats
    documents: int


def scan(
    config: ScanConfig,
    index_path: str | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> ScanResult:
    """Scan ``config.inputs`` into ``index_path`` (a temporary index when None) and collect.

    The library's one-call form of ``textdiff scan``:

    >>> r = scan(ScanConfig(inputs=("samples/closing-address.txt", "samples/embassy-bulletin.txt")))
    >>> [(p.relation, r.collection.documents[p.a].name) for p in r.collection.pairs]
    [('contained-in', 'samples/closing-address.txt')]
    """
    import tempfile

    from .engines import InProcess

    executor = executor or InProcess()
    progress = progress or Progress(None)
    with tempfile.TemporaryDirectory(prefix="textdiff-scan-") as tmp:
        index = Index(index_path or f"{tmp}/index.sqlite")
        try:
            stats = run_scan(index, config, executor, progress)
            return ScanResult(collect(index, config.rules), stats, index.counts()["documents"])
        finally:
            index.close()
