"""``textdiff report A B``: compare and write the self-contained HTML report.

    textdiff report A B                      -> reports/A-vs-B.html (names from the inputs)
    textdiff report A B -o out.html          -> out.html, written atomically
    textdiff report A B -o -                 -> standard output

    pair_key(a, b, folder)  which files a report is of, as its page records it
    default_output(a, b)    the first name under reports/ that is free or holds this pair's report

A report never silently replaces the report of another pair. Each page records
its pair (``<meta name="textdiff-pair">``: a digest of both files' real paths,
relative to the report's folder, so a checkout moved elsewhere keeps its keys).
The default name comes from the two file names (``v1-vs-v2.html``); if that
name holds another pair's report (``R01/v1.txt`` vs ``R01/v2.txt`` reported
before ``R02/v1.txt`` vs ``R02/v2.txt``), the folders are added
(``R02-v1-vs-R02-v2.html``), then a number. An explicit ``-o`` over another
pair's report is refused unless ``--force``. The same pair's report is
replaced: running a report again updates it.

Exit status as for ``compare``: 0 identical or equivalent, 1 variant or
unrelated, 2 trouble (raised as TextdiffError; ``textdiff.cli.main`` turns it
into one line on stderr).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import sys
from pathlib import Path

import click

from .. import __version__
from ..display import inert
from ..errors import InputError
from ..output import write_atomic, write_stdout
from ._options import pair_options
from ._shared import exit_code

REPORTS_DIR = "reports"
_META = re.compile(r'<meta name="(generator|textdiff-pair)" content="([^"]*)">')
_TITLE = re.compile(r"<title>(.*?) · [a-z]+ · textdiff report</title>")


def pair_key(a: str, b: str, folder: str = ".") -> str:
    """A digest of the two inputs' real paths relative to the report's ``folder`` ('-' is
    standard input): the same files, seen from the same folder, give the same key.

    >>> key = pair_key("a.txt", "./b.txt")
    >>> pair_key("x/../a.txt", "b.txt") == key != pair_key("b.txt", "a.txt")
    True
    """
    base = os.path.realpath(folder)

    def where(path: str) -> str:
        if path == "-":
            return "-"
        try:
            return os.path.relpath(os.path.realpath(path), base)
        except ValueError:  # another drive on Windows
            return os.path.realpath(path)

    material = f"{where(a)}\0{where(b)}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(material).hexdigest()[:20]


def _names(a: str, b: str) -> tuple[str, str]:
    """The names the page's title shows for A and B (see render.html)."""
    from ..display import html_visible

    return html_visible(os.path.basename(a) or a), html_visible(os.path.basename(b) or b)


class _Existing:
    """What is at a path already: nothing, this pair's report, or something to keep."""

    def __init__(self, path: str, key: str, names: tuple[str, str]) -> None:
        self.exists = os.path.lexists(path)
        self.ours = False  # a textdiff report of this very pair
        self.report = False  # a textdiff report (of any pair)
        if not self.exists:
            return
        try:
            with open(path, "rb") as fh:
                head = fh.read(8192).decode("utf-8", "replace")
        except OSError:
            return
        meta = {m.group(1): m.group(2) for m in _META.finditer(head)}
        self.report = meta.get("generator", "").startswith("textdiff")
        if "textdiff-pair" in meta:
            self.ours = meta["textdiff-pair"] == key
        elif self.report:
            # A page written before reports recorded their pair: same file names, same pair.
            title = _TITLE.search(head)
            shown = html.unescape(title.group(1)) if title else ""
            self.ours = shown == f"{names[0]} ↔ {names[1]}"


def _slug(parts: list[str]) -> str:
    name = "-".join(parts)
    return re.sub(r"[^\w.-]+", "-", name).strip("-.") or "input"


def _stems(path: str, depth: int) -> str | None:
    """The file's stem with ``depth`` enclosing folders, or None past the root."""
    if path == "-":
        return "stdin" if depth == 0 else None
    parts = Path(os.path.realpath(path)).parts[1:]  # without the root
    if depth >= len(parts):
        return None
    *folders, name = parts[len(parts) - depth - 1 :]
    return _slug([*folders, Path(name).stem])


def default_output(a: str, b: str, directory: str = REPORTS_DIR) -> str:
    """``reports/<stem of A>-vs-<stem of B>.html``, with names made safe for a file name; if
    another pair's report (or any other file) is there, more of each path, then a number.

    >>> default_output("samples/closing-address.txt", "samples/embassy-bulletin.txt", "/no")
    '/no/closing-address-vs-embassy-bulletin.html'
    >>> default_output("-", "../x/v 2.md", "/no")
    '/no/stdin-vs-v-2.html'
    """
    key, names = pair_key(a, b, directory), _names(a, b)
    candidates: list[str] = []
    depth = 0
    while True:
        sa, sb = _stems(a, depth), _stems(b, depth)
        if sa is None and sb is None:
            break
        name = f"{sa or _stems(a, 0)}-vs-{sb or _stems(b, 0)}.html"
        if name not in candidates:
            candidates.append(name)
        depth += 1
    last = candidates[-1][: -len(".html")]
    candidates += [f"{last}-{n}.html" for n in range(2, 1000)]
    for name in candidates:
        path = os.path.join(directory, name)
        there = _Existing(path, key, names)
        if not there.exists or there.ours:
            return path
    raise InputError(f"{directory}: no free name for this report; give one with -o")


@click.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="Write the report to PATH ('-' for stdout). Default: reports/A-vs-B.html, or a longer "
    "name if that one holds another pair's report.",
)
@click.option(
    "--force", is_flag=True, help="Let -o replace a report of another pair of files."
)
@pair_options
@click.option("-q", "--quiet", is_flag=True, help="Do not print where the report was written.")
def report(
    a: str,
    b: str,
    output: str | None,
    force: bool,
    profile: str,
    ignore: str,
    encoding: str | None,
    encoding_a: str | None,
    encoding_b: str | None,
    quiet: bool,
    allow_empty: bool,
    max_size: int,
    docx_view: str,
    rules_file: str | None,
    boilerplate: tuple[str, ...],
    ignore_text: tuple[str, ...],
    spelling: tuple[str, ...],
) -> None:
    """Compare A with B and write a self-contained HTML report; '-' reads standard input.

    A is the version you start from, B the one you compare with it (as for
    compare). Exit status: 0 identical or equivalent, 1 variant or unrelated,
    2 trouble.
    """
    from .compare import Settings

    settings = Settings.parse(
        profile,
        ignore,
        encoding,
        encoding_a,
        encoding_b,
        allow_empty,
        max_size,
        docx_view,
        rules_file,
        boilerplate,
        ignore_text,
        spelling,
    )
    result = settings.compare(a, b)
    from ..render.html import render

    if output == "-":
        write_stdout(render(result, version=__version__), utf8=True)
        sys.exit(exit_code(result))
    folder = REPORTS_DIR if output is None else os.path.dirname(output) or "."
    key = pair_key(a, b, folder)
    page = render(result, version=__version__, pair=key)
    if output is None:
        # The default directory is ours to create; a directory the user names is not.
        try:
            Path(REPORTS_DIR).mkdir(exist_ok=True)
        except OSError as exc:
            raise InputError(f"{REPORTS_DIR}: cannot create the directory ({exc})") from None
        target = default_output(a, b)
    else:
        target = output
        there = _Existing(target, key, _names(a, b))
        if there.report and not there.ours and not force:
            raise InputError(
                f"{target}: holds the report of another pair of files; "
                "choose another -o, or pass --force to replace it"
            )
    write_atomic(target, page, (a, b))
    if not quiet:
        write_stdout(inert(f"{target}: {result.summary.verdict.value}") + "\n")
    sys.exit(exit_code(result))
