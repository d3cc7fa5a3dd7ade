"""Command options declared once, as click options, for every command that shares them.

    size               a click callback: ``256M``, ``1G``, ``1048576``, ``0`` (no limit) -> bytes
    pair_options       what shapes a comparison (compare, report): profile, ignore, encodings,
                       --allow-empty, --max-size, --docx-view, and the rules_options
    rules_options      rules of the user's own: --rules FILE, --boilerplate, --ignore-text,
                       --spelling (compare, report, check)
    max_size_option    --max-size alone (inspect)
    docx_view_option   --docx-view accepted|original: a Word file's tracked changes
    jobs_option(...)   -j/--jobs N, one meaning everywhere: N workers, 0 one per core
    compare_options    compare's output options: format, colour, quiet, output, indent, context
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import OptionsError
from ..load import DEFAULT_MAX_SIZE, parse_size

F = TypeVar("F", bound=Callable[..., Any])


def size(ctx: click.Context, param: click.Parameter, value: str | int | None) -> int | None:
    """A size in bytes: plain digits, or a number with K, M, G (powers of 1024, ``B`` optional)."""
    if value is None or isinstance(value, int):
        return value
    try:
        return parse_size(value)
    except OptionsError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def _stack(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """One decorator applying ``decorators`` in the order written (the first is listed first)."""

    def apply(f: F) -> F:
        for d in reversed(decorators):
            f = d(f)
        return f

    return apply


max_size_option = click.option(
    "--max-size",
    type=str,
    callback=size,
    default=DEFAULT_MAX_SIZE,
    show_default="256M",
    metavar="SIZE",
    help="Refuse an input larger than this (e.g. 64M, 1G; 0: no limit).",
)

docx_view_option = click.option(
    "--docx-view",
    type=click.Choice(["accepted", "original"]),
    default="accepted",
    show_default=True,
    help="Read a Word file with its tracked changes made (accepted) or as before them.",
)


def jobs_option(default: int | None, shown: str) -> Callable[[F], F]:
    """``-j/--jobs N``: N parallel workers; 0 means one per core, in every command."""
    decorator: Callable[[F], F] = click.option(
        "-j",
        "--jobs",
        type=click.IntRange(0, 1024),
        default=default,
        show_default=shown,
        metavar="N",
        help="Parallel workers (0: one per core).",
    )
    return decorator


rules_options = _stack(
    click.option(
        "--rules",
        "rules_file",
        metavar="FILE",
        default=None,
        help="Rules of your own: a TOML file with a [rules] table (as in textdiff.toml).",
    ),
    click.option(
        "--boilerplate",
        multiple=True,
        metavar="REGEX",
        help="A paragraph this matches whole is boilerplate (repeatable).",
    ),
    click.option(
        "--ignore-text",
        multiple=True,
        metavar="REGEX",
        help="Text this matches is ignored, like page furniture (repeatable).",
    ),
    click.option(
        "--spelling",
        multiple=True,
        metavar="'A=B'",
        help="Writing A for B (or B for A) is a spelling difference (repeatable).",
    ),
)

pair_options = _stack(
    click.option(
        "--profile",
        type=click.Choice(["default", "strict"]),
        default="default",
        show_default=True,
        help="default ignores everything but substantive edits; strict ignores nothing.",
    ),
    click.option(
        "--ignore",
        default="",
        metavar="CATS",
        help="Comma-separated categories to ignore as well, e.g. 'case,punctuation'.",
    ),
    click.option("--encoding", default=None, help="Decode both inputs with this codec."),
    click.option("--encoding-a", default=None, help="Codec for A only."),
    click.option("--encoding-b", default=None, help="Codec for B only."),
    click.option("--allow-empty", is_flag=True, help="Accept an empty input file."),
    max_size_option,
    docx_view_option,
    rules_options,
)

compare_options = _stack(
    click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "html"]),
        default="text",
        show_default=True,
        help="Terminal text, the JSON contract (textdiff.comparison/1), or the HTML report.",
    ),
    pair_options,
    click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).",
    ),
    click.option("-q", "--quiet", is_flag=True, help="Print nothing; only set the exit status."),
    click.option(
        "-o",
        "--output",
        default=None,
        metavar="PATH",
        help="Write to PATH (atomically) instead of stdout.",
    ),
    click.option(
        "--indent", type=click.IntRange(0, 8), default=None, help="Indent JSON output."
    ),
    click.option(
        "--context",
        type=click.IntRange(0, 1000),
        default=40,
        show_default=True,
        help="Characters of unchanged text shown around an edit.",
    ),
)
