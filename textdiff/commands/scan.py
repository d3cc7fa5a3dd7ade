"""``textdiff scan``: find every version of every text in a collection.

A thin command over ``textdiff.scan``: parse options, open the index (a
temporary one unless ``--index`` names a file to keep), run the scan on the
chosen engine, print bad input to stderr, and write the chosen output.
"""

from __future__ import annotations

import os
import sys
import tempfile

import click

from ..display import inert
from ..errors import OptionsError
from ..output import write_atomic, write_stderr, write_stdout
from ..scan import Index, ScanConfig, Thresholds, collect, make_executor, run_scan
from ..scan.progress import Progress
from ..scan.report import jsonl, summary, write_html
from ._options import max_size_option

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
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 512), default=1, show_default=True,
    help="Local worker processes.",
)  # fmt: skip
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
    with tempfile.TemporaryDirectory(prefix="textdiff-scan-") as tmp:
        path = index_path or os.path.join(tmp, "index.sqlite")
        index = Index(path)
        try:
            executor = make_executor(engine, jobs, scheduler, dask_local)
            try:
                stats = run_scan(index, config, executor, Progress(sys.stderr, progress))
            finally:
                executor.close()
            for problem in stats.problems[:_SHOWN_PROBLEMS]:
                write_stderr(inert(f"textdiff: bad input: {problem}"))
            if len(stats.problems) > _SHOWN_PROBLEMS:
                more = len(stats.problems) - _SHOWN_PROBLEMS
                write_stderr(f"textdiff: bad input: … and {more} more")
            coll = collect(index)
            documents = index.counts()["documents"]
            if fmt == "jsonl":
                out = jsonl(coll, stats, documents)
                if output:
                    write_atomic(output, out, inputs)
                else:
                    write_stdout(out)
                return
            text = summary(coll, stats, documents, executor.name)
            if fmt == "html":
                assert output is not None
                page = write_html(coll, stats, documents, path, output, reports)
                text += f"wrote {page}\n"
            write_stdout(text)
        finally:
            index.close()
