"""Command line: a thin layer over the library.

Each command parses its options, calls one library function, renders, and
exits. Errors are translated at one boundary (``commands._shared.error_boundary``
and :func:`main`): any TextdiffError or usage error becomes one line on stderr
and exit status 2. ``textdiff.__main__`` runs a plain ``compare`` without
importing click at all (``commands._args``); everything else comes here.

    textdiff compare A B [--format text|json] [--profile P] [--ignore CATS] ...
    textdiff inspect FILE [--format text|json]
    textdiff report A B [-o PATH]                  (textdiff.commands.report)
    textdiff check [--config PATH] [--format human|github|json] [--junit-xml PATH] ...
    textdiff scan INPUTS... [--index DB] [--engine local|dask] ...
"""

from __future__ import annotations

import sys
from typing import Any

import click

from . import __version__
from .commands._args import COMPARE_OPTIONS
from .commands._click import options
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
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@options(COMPARE_OPTIONS)
def compare(a: str, b: str, **kwargs: Any) -> None:
    """Compare A with B; '-' reads standard input.

    Exit status: 0 identical or equivalent, 1 variant or unrelated, 2 trouble.
    """
    from .commands.compare import run

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
