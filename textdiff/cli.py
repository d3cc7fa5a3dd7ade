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
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .commands._args import COMPARE_OPTIONS

if TYPE_CHECKING:
    from .model import Document
from .commands._click import options
from .commands._shared import (
    EXIT_DIFFERENT,
    EXIT_OK,
    EXIT_TROUBLE,
    error_boundary,
    exit_code,
    fail,
    load_input,
    write_atomic,
)

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


@cli.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--encoding", default=None, help="Decode with this codec instead of detecting one.")
@click.option(
    "--docx-view",
    type=click.Choice(["accepted", "original"]),
    default="accepted",
    show_default=True,
    help="Read a Word file with its tracked changes made (accepted) or as before them.",
)
def inspect(file: str, fmt: str, encoding: str | None, docx_view: str) -> None:
    """Show how FILE is read: encoding, how it was chosen, paragraphs and roles.

    For a PDF also its pages, columns, running heads, folios and notes; for a
    web page or Word file what its reader marked (boilerplate, tracked changes).
    """
    from .formats import pages
    from .load import load
    from .pipeline import segment_of
    from .render.text import safe

    doc = load(file, encoding, docx_view)
    paras = segment_of(doc).paragraphs
    if fmt == "json":
        from .render.json import provenance

        record = {
            "path": doc.path,
            "encoding": doc.encoding,
            "encoding_confidence": doc.confidence,
            "encoding_method": doc.method,
            "bytes": doc.size,
            "chars": doc.chars,
            "format": doc.format,
            "sha256": doc.sha256,
            **provenance(doc),
            **({"pages": [pg._asdict() for pg in pages(doc)]} if pages(doc) else {}),
            "paragraphs": [
                {"index": p.index, "start": p.start, "end": p.end, "role": p.role.value}
                for p in paras
            ],
        }
        import json

        sys.stdout.write(json.dumps(record, indent=1) + "\n")
        return
    roles: dict[str, int] = {}
    for p in paras:
        roles[p.role.value] = roles.get(p.role.value, 0) + 1
    click.echo(
        f"{safe(doc.path)}: {doc.encoding} ({doc.method}, confidence {doc.confidence:.2f}), "
        f"{doc.size:,} bytes, {doc.chars:,} characters, {doc.format}"
    )
    if doc.source is not None:
        _inspect_source(doc)
    click.echo(
        f"{len(paras)} paragraphs: " + ", ".join(f"{n} {r}" for r, n in sorted(roles.items()))
    )
    for p in paras:
        line = doc.text.count("\n", 0, p.start) + 1
        flat = " ".join(doc.text[p.start : p.end].split())
        flat = flat if len(flat) <= 72 else flat[:71] + "…"
        click.echo(f"{p.index:>5} {line:>6}  {p.role.value:<11} {safe(flat)}")


def _inspect_source(doc: Document) -> None:
    """What a format reader found: pages and their furniture, regions, tracked changes."""
    from collections import Counter

    from .formats import pages
    from .render.text import safe

    assert doc.source is not None

    src = doc.source
    engine = f", {src.engine}" if src.engine else ""
    view = f", {src.view} view" if src.view else ""
    click.echo(f"read by {src.reader}{engine}{view}")

    def short(texts: tuple[str, ...], width: int) -> str:
        flat = " | ".join(" ".join(t.split()) for t in texts) or "-"
        return safe(flat if len(flat) <= width else flat[: width - 1] + "…")

    info = pages(doc)
    if info:
        click.echo(f"{len(info)} pages")
        click.echo(f"{'page':>5} {'cols':>4} {'lines':>5}  {'running head':<34} {'folio':<8} notes")
        for pg in info:
            click.echo(
                f"{pg.page:>5} {pg.columns:>4} {pg.lines:>5}  {short(pg.heads, 34):<34} "
                f"{short(pg.folios, 8):<8} {len(pg.notes)}"
            )
    kinds = Counter(r.kind.value for r in doc.regions)
    if kinds:
        click.echo("regions: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    for r in doc.regions:
        if r.kind.value in ("inserted", "deleted"):
            text = doc.text[r.start : r.end] or f"[not in this view: {r.attr('text') or ''}]"
            click.echo(
                f"  {r.kind.value:<8} {safe(r.attr('author') or '?')} {r.attr('date') or ''}  "
                f"{safe(' '.join(text.split())[:60])}"
            )


def main(argv: list[str] | None = None) -> None:
    """Run the click group, turning every failure into one line and exit 2."""
    with error_boundary():
        try:
            cli.main(args=argv, prog_name="textdiff", standalone_mode=False)
        except click.exceptions.NoArgsIsHelpError as exc:
            sys.stdout.write(exc.ctx.get_help() + "\n" if exc.ctx else "")
            sys.exit(EXIT_OK)
        except click.UsageError as exc:
            fail(" ".join(exc.format_message().split(" ")))
        except click.Abort:
            raise KeyboardInterrupt from None
        except click.ClickException as exc:
            fail(exc.format_message())
