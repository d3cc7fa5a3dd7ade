"""``textdiff scan``: find every version of every text in a collection.

A thin command over ``textdiff.scan``: parse options, open the index (a
temporary one unless ``--index`` names a file to keep), run the scan on the
chosen engine, print bad input to stderr, and write the chosen output.

Outputs never replace an input: not a file named on the command line, not
one found in a scanned folder, not the index. The HTML output is a folder
that one run at a time writes (a lock on the folder; a second run waits), so
``index.html`` always links reports of its own run; reports an earlier run
left there and no page links any more are removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator

import click

from ..display import escape, inert
from ..errors import InputError, OptionsError
from ..output import write_atomic, write_stderr, write_stdout
from ..scan import Index, ScanConfig, Thresholds, collect, make_executor, run_scan
from ..scan.progress import Progress
from ..scan.readers import discover, stored_path
from ..scan.report import INDEX_PAGE, PAIRS_FOLDER, Page, html_pages, jsonl, summary
from ..workers import available_cores
from ._options import jobs_option, max_size_option

_SHOWN_PROBLEMS = 20
_DEFAULTS = Thresholds()


@click.command()
@click.argument("inputs", nargs=-1, metavar="[PATH]...")
@click.option(
    "--index",
    "index_path",
    default=None,
    metavar="FILE",
    help="SQLite index to create or update; a later run only reads and compares what is new. "
    "Default: a temporary index, removed at the end.",
)
@click.option("--include", multiple=True, metavar="GLOB", help="Files to read under folders.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files to skip.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl", "html"]),
    default="text",
    show_default=True,
    help="Terminal summary, JSON Lines (textdiff.scan/1), or an HTML index of families.",
)
@click.option(
    "-o", "--output", default=None, metavar="PATH", help="JSON Lines file, or HTML folder."
)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@jobs_option(1, "1")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler address.")
@click.option(
    "--dask-local",
    type=click.IntRange(1, 512),
    default=None,
    metavar="N",
    help="Start a Dask LocalCluster of N workers on 127.0.0.1.",
)
@click.option(
    "--reports",
    type=click.IntRange(0),
    default=100,
    show_default=True,
    help="HTML: per-pair reports for the first N pairs.",
)
@click.option(
    "--max-df", type=click.IntRange(2), default=_DEFAULTS.max_df, show_default=True,
    help="Shingles in more documents than this are boilerplate.",
)  # fmt: skip
@click.option(
    "--min-score", type=click.FloatRange(0.0, 1.0), default=_DEFAULTS.min_score,
    show_default=True, help="Least weighted containment for a candidate.",
)  # fmt: skip
@click.option(
    "--top-k", type=click.IntRange(1), default=_DEFAULTS.top_k, show_default=True,
    help="Candidates kept per document, best first.",
)  # fmt: skip
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Status line on stderr (default: when stderr is a terminal).",
)
@max_size_option
def scan(
    inputs: tuple[str, ...],
    index_path: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fmt: str,
    output: str | None,
    engine: str,
    jobs: int,
    scheduler: str | None,
    dask_local: int | None,
    reports: int,
    max_df: int,
    min_score: float,
    top_k: int,
    progress: bool | None,
    max_size: int,
) -> None:
    """Find the versions of each text among PATHs: files, folders, JSON Lines (.jsonl[.gz]).

    Reports pairs (duplicate, variant, contains, contained-in, overlap) and
    families of documents that are versions of one another.
    """
    if not inputs and not index_path:
        raise OptionsError("give files or folders to scan, or --index FILE to report on")
    if fmt == "html" and not output:
        raise OptionsError("--format html needs -o FOLDER")
    config = ScanConfig(
        inputs=inputs,
        include=include,
        exclude=exclude,
        thresholds=Thresholds(max_df=max_df, min_score=min_score, top_k=top_k),
        max_size=max_size,
    )
    if output is not None:
        # Before hours of work, not after: -o naming a file the scan reads.
        _refuse_inputs(_targets(output, fmt), config, index_path)
    with tempfile.TemporaryDirectory(prefix="textdiff-scan-") as tmp:
        path = index_path or os.path.join(tmp, "index.sqlite")
        index = Index(path)
        try:
            executor = make_executor(engine, jobs or available_cores(), scheduler, dask_local)
            try:
                stats = run_scan(index, config, executor, Progress(sys.stderr, progress))
            finally:
                executor.close()
            for problem in stats.problems[:_SHOWN_PROBLEMS]:
                _err(f"textdiff: bad input: {_line(str(problem))}")
            if len(stats.problems) > _SHOWN_PROBLEMS:
                more = len(stats.problems) - _SHOWN_PROBLEMS
                _err(f"textdiff: bad input: … and {more:,} more")
            coll = collect(index)
            documents = index.counts()["documents"]
            # Identities, taken once: a folder of 100k inputs is not stat-ed per page.
            protect = _identities([*inputs, *stats.inputs], path)
            if fmt == "jsonl":
                out = jsonl(coll, stats, documents)
                if output:
                    _refuse(output, protect)
                    write_atomic(output, out)
                else:
                    write_stdout(out)
                return
            if fmt == "html":
                assert output is not None
                pages = html_pages(coll, stats, documents, path, reports)
                page = stored_path(write_folder(output, pages, protect))
                text = summary(coll, stats, documents, executor.name, see_all=page)
                text += f"wrote {_line(page)}\n"
            elif index_path is not None:
                see_all = f"textdiff scan --index {stored_path(index_path)} --format html -o FOLDER"
                text = summary(coll, stats, documents, executor.name, see_all=see_all)
            else:
                text = summary(coll, stats, documents, executor.name)
            write_stdout(text)
        finally:
            index.close()


def _err(line: str) -> None:
    write_stderr(inert(line))


def _line(text: str) -> str:
    """Text from a file name or a document, as one line a terminal shows and never obeys."""
    return escape(text)


def _targets(output: str, fmt: str) -> list[str]:
    if fmt == "html":
        return [os.path.join(output, INDEX_PAGE)]
    return [output]


FileId = tuple[int, int]  # (device, inode): the same file under any spelling or link


def _identities(inputs: Iterable[str], index: str | None) -> dict[FileId, str]:
    """What no output may replace, by identity: the inputs, and the index."""
    ids: dict[FileId, str] = {}
    for path in (*inputs, *([index] if index else [])):
        if path == "-":
            continue
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            continue
        ids[(st.st_dev, st.st_ino)] = "the index" if path == index else "an input file"
    return ids


def _refuse(target: str, protect: dict[FileId, str]) -> None:
    """Raise if ``target`` exists and is one of ``protect``."""
    try:
        st = os.stat(target)
    except (OSError, ValueError):
        return
    what = protect.get((st.st_dev, st.st_ino))
    if what is not None:
        raise InputError(f"{stored_path(target)}: refusing to overwrite {what}")


def _refuse_inputs(targets: list[str], config: ScanConfig, index_path: str | None) -> None:
    """Refuse an output that would replace an input (found in a folder too) or the index."""
    existing = [t for t in targets if os.path.lexists(t)]
    if not existing:
        return
    found = discover(config.inputs, config.include, config.exclude)
    paths = [*config.inputs, *(s.path for s in found.sources), *(p.path for p in found.problems)]
    protect = _identities(paths, index_path)
    for target in existing:
        _refuse(target, protect)


# ---------------------------------------------------------------- the HTML folder

LOCK_SECONDS = 60.0  # how long a run waits for another one writing the same folder


def write_folder(folder: str, pages: Iterable[Page], protect: dict[FileId, str]) -> str:
    """Write ``pages`` into ``folder``, one run at a time; return the index page's path.

    Every page is written atomically, never over a file of ``protect``. While
    the folder is locked, what no page of this run wrote in ``pairs/`` (reports
    of pairs an earlier run found, temporary files of a killed run) is removed:
    under the lock, no other run can be writing there.
    """
    os.makedirs(os.path.join(folder, PAIRS_FOLDER), exist_ok=True)
    written: set[str] = set()
    with _locked(folder):
        for page in pages:
            target = os.path.join(folder, *page.path.split("/"))
            _refuse(target, protect)
            write_atomic(target, page.text)
            written.add(os.path.normpath(target))
        _remove_stale(folder, written, protect)
    return os.path.join(folder, INDEX_PAGE)


def _remove_stale(folder: str, written: set[str], protect: dict[FileId, str]) -> None:
    pairs = os.path.join(folder, PAIRS_FOLDER)
    leftovers = [os.path.join(pairs, name) for name in os.listdir(pairs)]
    # A killed run's temporary index page ('.index.html.XXXXXXXX.tmp').
    leftovers += [
        os.path.join(folder, name)
        for name in os.listdir(folder)
        if name.startswith(f".{INDEX_PAGE}.") and name.endswith(".tmp")
    ]
    for path in leftovers:
        ours = path.endswith(".html") or path.endswith(".tmp")
        if not ours or os.path.normpath(path) in written:
            continue
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) in protect:
            continue  # an input, even in our folder, is never ours to remove
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


@contextlib.contextmanager
def _locked(folder: str) -> Iterator[None]:
    """Hold ``folder``'s lock (POSIX advisory, released by the system if the run dies)."""
    try:
        import fcntl
    except ImportError:  # Windows: no folder lock; concurrent runs may interleave there
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise InputError(f"{folder}: cannot open the output folder: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + LOCK_SECONDS
        pause = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise InputError(
                        f"{stored_path(folder)}: another textdiff scan has been writing this"
                        f" folder for over {LOCK_SECONDS:g} s; run again when it ends"
                    ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
        yield
    finally:
        os.close(fd)
