"""Command line: a thin layer over the library.

Each command parses its options (click is the one parser; options shared by
several commands are declared once, in ``commands._options``), calls one
library function, renders, and exits. Errors are translated at one boundary
(``commands._shared.error_boundary`` and :func:`main`): any TextdiffError or
usage error becomes one line on stderr and exit status 2.

    textdiff compare A B [--format text|json|html] [--profile P] [--ignore CATS] ...
    textdiff compare --pairs FILE [--format text|json] ...   many pairs, one process
    textdiff inspect FILE [--format text|json]
    textdiff report A B [-o PATH]                  (textdiff.commands.report)
    textdiff check [--config PATH] [--format human|github|json] [--junit-xml PATH] ...
    textdiff scan INPUTS... [--index DB] [--engine local|dask] ...
    textdiff collate W1 W2 ... [--format text|json|tei|html]  (textdiff.commands.collate)
"""

from __future__ import annotations

import sys
from typing import Any

import click

from . import __version__
from .commands._options import compare_options
from .commands._shared import (
    EXIT_DIFFERENT,
    EXIT_OK,
    EXIT_TROUBLE,
    error_boundary,
    exit_code,
    fail,
    load_input,
)
from .output import write_atomic, write_stdout

__all__ = [
    "EXIT_DIFFERENT",
    "EXIT_OK",
    "EXIT_TROUBLE",
    "cli",
    "exit_code",
    "load_input",
    "main",
    "write_atomic",
]


class LazyGroup(click.Group):
    """A group whose heavier commands are imported only when invoked (or listed).

    ``textdiff compare`` must start fast; ``report``, ``check`` and ``scan``
    bring templates, TOML, SQLite and executors that compare never needs.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def _available(self, name: str) -> bool:
        import importlib.util  # lazy, like the commands themselves

        module_name = self.lazy[name].split(":")[0]
        return importlib.util.find_spec(module_name) is not None

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [name for name in self.lazy if self._available(name)]
        return sorted([*super().list_commands(ctx), *lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and self._available(cmd_name):
            module_name, attr = self.lazy[cmd_name].split(":")
            import importlib

            module = importlib.import_module(module_name)
            command: click.Command = getattr(module, attr)
            return command
        return super().get_command(ctx, cmd_name)


# name -> "module:attribute" of a click command, imported on first use.
LAZY_COMMANDS: dict[str, str] = {
    "report": "textdiff.commands.report:report",
    "check": "textdiff.commands.check:check",
    "scan": "textdiff.commands.scan:scan",
    "inspect": "textdiff.commands.inspect:inspect",
    "collate": "textdiff.commands.collate:collate",
}


@click.group(
    cls=LazyGroup,
    lazy=LAZY_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="textdiff")
def cli() -> None:
    """Compare variant publications of the same text."""


@cli.command()
@click.argument("a", metavar="A", required=False)
@click.argument("b", metavar="B", required=False)
@click.option(
    "--pairs",
    "pairs_file",
    metavar="FILE",
    default=None,
    help="Compare every pair FILE lists ('-': standard input), one a line: A and B separated "
    'by a tab, or {"a": A, "b": B}. One record a pair: a line of text, or JSON Lines.',
)
@compare_options
def compare(a: str | None, b: str | None, pairs_file: str | None, **kwargs: Any) -> None:
    """Compare A with B: two files holding versions of one text ('-' reads standard input).

    A is the version you start from (a reference, an original, the older
    edition), B the one you compare with it; what only A holds is shown as
    deleted [-...-], what only B holds as inserted {+...+}. B may hold much
    more than A (a bulletin that reprints a speech): the comparison finds the
    region where they correspond.

    \b
    The verdict (the last line; exit status in brackets):
      identical   the same text [0]
      equivalent  inside the region, only what the profile ignores
                  differs: whitespace, typography, formatting, case,
                  punctuation, spelling and boilerplate by default [0]
      variant     substantive differences inside the region [1]
      unrelated   too little of the texts corresponds [1]
    Trouble (a file that cannot be read or decoded, a bad option): one line
    on stderr, exit status 2.
    """
    from .commands.compare import run, run_pairs

    if pairs_file is not None:
        if a is not None or b is not None:
            raise click.UsageError("give A and B, or --pairs FILE, not both")
        for unused in ("color", "indent"):
            kwargs.pop(unused)
        sys.exit(run_pairs(pairs_file, **kwargs))
    if a is None or b is None:
        raise click.UsageError(f"Missing argument '{'B' if a else 'A'}'.")
    sys.exit(run(a, b, **kwargs))


def main(argv: list[str] | None = None) -> None:
    """Run the click group, turning every failure into one line and exit 2."""
    with error_boundary():
        try:
            cli.main(args=argv, prog_name="textdiff", standalone_mode=False)
        except click.exceptions.NoArgsIsHelpError as exc:
            # `textdiff` alone: the help, then exit 2 as for any other usage error (as git does).
            write_stdout(exc.ctx.get_help() + "\n" if exc.ctx else "")
            sys.exit(EXIT_TROUBLE)
        except click.UsageError as exc:
            fail(" ".join(exc.format_message().split(" ")))
        except click.Abort:
            raise KeyboardInterrupt from None
        except click.ClickException as exc:
            fail(exc.format_message())
