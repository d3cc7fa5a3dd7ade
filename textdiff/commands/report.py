"""``textdiff report A B``: compare and write the self-contained HTML report.

    textdiff report A B                      -> reports/A-vs-B.html (names from the inputs)
    textdiff report A B -o out.html          -> out.html, written atomically
    textdiff report A B -o -                 -> standard output

Exit status as for ``compare``: 0 identical or equivalent, 1 variant or
unrelated, 2 trouble (raised as TextdiffError; ``textdiff.cli.main`` turns it
into one line on stderr).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .. import __version__
from ..display import inert
from ..errors import InputError
from ..output import write_atomic, write_stdout
from ..render.html import render
from ._options import pair_options
from ._shared import exit_code

REPORTS_DIR = "reports"


def default_output(a: str, b: str, directory: str = REPORTS_DIR) -> str:
    """``reports/<stem of A>-vs-<stem of B>.html``, with names made safe for a file name.

    >>> default_output("samples/closing-address.txt", "samples/embassy-bulletin.txt")
    'reports/closing-address-vs-embassy-bulletin.html'
    >>> default_output("-", "../x/v 2.md")
    'reports/stdin-vs-v-2.html'
    """

    def stem(path: str) -> str:
        name = "stdin" if path == "-" else Path(path).stem
        return re.sub(r"[^\w.-]+", "-", name).strip("-.") or "input"

    return f"{directory}/{stem(a)}-vs-{stem(b)}.html"


@click.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="PATH",
    help="Write the report to PATH ('-' for stdout). Default: reports/A-vs-B.html.",
)
@pair_options
@click.option("-q", "--quiet", is_flag=True, help="Do not print where the report was written.")
def report(
    a: str,
    b: str,
    output: str | None,
    profile: str,
    ignore: str,
    encoding: str | None,
    encoding_a: str | None,
    encoding_b: str | None,
    quiet: bool,
    allow_empty: bool,
    max_size: int,
) -> None:
    """Compare A with B and write a self-contained HTML report; '-' reads standard input.

    Exit status: 0 identical or equivalent, 1 variant or unrelated, 2 trouble.
    """
    from .compare import Settings

    settings = Settings.parse(
        profile, ignore, encoding, encoding_a, encoding_b, allow_empty, max_size
    )
    result = settings.compare(a, b)
    page = render(result, version=__version__)
    if output == "-":
        write_stdout(page, utf8=True)
    else:
        target = output or default_output(a, b)
        if output is None:
            # The default directory is ours to create; a directory the user names is not.
            try:
                Path(REPORTS_DIR).mkdir(exist_ok=True)
            except OSError as exc:
                raise InputError(f"{REPORTS_DIR}: cannot create the directory ({exc})") from None
        write_atomic(target, page, (a, b))
        if not quiet:
            write_stdout(inert(f"{target}: {result.summary.verdict.value}") + "\n")
    sys.exit(exit_code(result))
