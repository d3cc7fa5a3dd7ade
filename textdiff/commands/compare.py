"""``textdiff compare A B``: compare, render, write; click-free, so it starts fast.

    run(a, b, fmt, ...)   -> exit status (0 identical or equivalent, 1 variant or unrelated)
    color_wanted(choice, stream)   --color auto|always|never, NO_COLOR and TERM=dumb

``textdiff.cli`` declares the click command over :func:`run`;
``textdiff.__main__`` calls it straight from ``_args.parse`` when the
arguments are plain. Errors are raised (TextdiffError), never printed here.
"""

from __future__ import annotations

import os
import sys

from .. import __version__
from ..output import write_atomic, write_stdout
from ._shared import compare_pair, exit_code


def color_wanted(choice: str, stream: object) -> bool:
    """Whether to colour output on ``stream``.

    >>> color_wanted("always", None), color_wanted("never", None), color_wanted("auto", None)
    (True, False, False)
    """
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def run(
    a: str,
    b: str,
    fmt: str = "text",
    profile: str = "default",
    ignore: str = "",
    encoding: str | None = None,
    encoding_a: str | None = None,
    encoding_b: str | None = None,
    allow_empty: bool = False,
    color: str = "auto",
    quiet: bool = False,
    output: str | None = None,
    indent: int | None = None,
    context: int = 40,
) -> int:
    """Compare A with B, write the result as ``fmt`` unless quiet; return the exit status."""
    result = compare_pair(a, b, profile, ignore, encoding, encoding_a, encoding_b, allow_empty)
    if not quiet:
        if fmt == "json":
            from ..render.json import dumps

            out = dumps(result, __version__, indent)
        elif fmt == "html":
            from ..render.html import render as render_html

            out = render_html(result, version=__version__)
        else:
            from ..render.text import render

            use_color = output is None and color_wanted(color, sys.stdout)
            out = render(result, use_color, context)
        if output and output != "-":
            write_atomic(output, out, (a, b))
        else:
            write_stdout(out, utf8=fmt == "html")
    return exit_code(result)
