"""``textdiff collate W1 W2 ...``: many publications of one text at once.

    textdiff collate A B C D                        terminal summary
    textdiff collate A B C D --format json          textdiff.collation/1
    textdiff collate A B C D --format tei -o x.xml  TEI P5 parallel segmentation
    textdiff collate A B C D --format html -o x.html
    textdiff collate --index kcna.sqlite --family 17
    textdiff collate A B C D --pair A,C --format json   one pair, as textdiff compare says it

Exit status: 0 when every witness is identical or equivalent to the
reference, 1 when some witness is a variant (or unrelated), 2 trouble. With
``--pair``, the pair's status, as ``compare`` gives it.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import OptionsError
from ..model import Comparison, Verdict
from ..output import write_atomic, write_stdout
from ._options import docx_view_option, jobs_option, max_size_option
from ._shared import EXIT_DIFFERENT, EXIT_OK, exit_code, load_input


@click.command()
@click.argument("inputs", nargs=-1, metavar="[WITNESS]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "tei", "html"]),
    default="text",
    show_default=True,
    help="Terminal summary, JSON (textdiff.collation/1), TEI P5 parallel segmentation, "
    "or a self-contained HTML view.",
)
@click.option("-o", "--output", default=None, metavar="PATH", help="Write to PATH (atomically).")
@click.option(
    "--reference",
    default=None,
    metavar="WITNESS",
    help="The witness to read the others against (path or file stem). Default: the one most "
    "similar to all the others.",
)
@click.option("--index", "index_path", default=None, metavar="FILE", help="A textdiff scan index.")
@click.option(
    "--family", type=click.IntRange(1), default=None, metavar="N", help="Family N of --index."
)
@click.option(
    "--pair",
    default=None,
    metavar="A,B",
    help="Print one pair projected from the collation (what textdiff compare A B says).",
)
@click.option(
    "--profile",
    type=click.Choice(["default", "strict"]),
    default="default",
    show_default=True,
    help="default ignores everything but substantive edits; strict ignores nothing.",
)
@click.option(
    "--ignore",
    default="",
    metavar="CATS",
    help="Comma-separated categories to ignore as well, e.g. 'case,punctuation'.",
)
@click.option("--encoding", default=None, help="Decode every witness with this codec.")
@click.option("--allow-empty", is_flag=True, help="Accept an empty witness file.")
@max_size_option
@docx_view_option
@click.option("--indent", type=click.IntRange(0, 8), default=None, help="Indent JSON output.")
@jobs_option(None, "up to 2; the output does not depend on it")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only set the exit status.")
def collate(
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    reference: str | None,
    index_path: str | None,
    family: int | None,
    pair: str | None,
    profile: str,
    ignore: str,
    encoding: str | None,
    allow_empty: bool,
    max_size: int,
    docx_view: str,
    indent: int | None,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Collate N witnesses of one text: rows of aligned paragraphs, variant sites, readings.

    Exit status: 0 all identical or equivalent to the reference, 1 some variant, 2 trouble.
    """
    from ..collate import collate_documents
    from ..options import Options

    opts = Options.make(profile, ignore.split(","), encoding, encoding, docx_view=docx_view)
    if (index_path is None) != (family is None):
        raise OptionsError("--index and --family go together")
    if index_path is not None:
        if inputs:
            raise OptionsError("give witness files or --index/--family, not both")
        from ..collate.family import family_documents

        assert family is not None
        docs = family_documents(index_path, family)
    else:
        if len(inputs) < 2:
            raise OptionsError("collate needs at least two witnesses (or --index and --family)")
        if inputs.count("-") > 1:
            raise OptionsError("only one witness can be '-' (standard input)")
        docs = [load_input(p, encoding, allow_empty, max_size, docx_view) for p in inputs]
    import os

    cores = os.cpu_count() or 1
    jobs = min(2, cores) if jobs is None else jobs or cores
    result = collate_documents(docs, opts, reference, jobs)

    if pair is not None:
        names = [x.strip() for x in pair.split(",")]
        if len(names) != 2 or not all(names):
            raise OptionsError("--pair takes two witnesses: A,B")
        projected = result.project(result.index(names[0]), result.index(names[1]))
        if not quiet:
            _emit_pair(projected, fmt, output, indent, inputs)
        sys.exit(exit_code(projected))

    if not quiet:
        if fmt == "json":
            from ..collate.jsonout import dumps

            out = dumps(result, __version__, indent)
        elif fmt == "tei":
            from ..collate.tei import render as render_tei

            out = render_tei(result, __version__)
        elif fmt == "html":
            from ..collate.html import render as render_html

            out = render_html(result, version=__version__)
        else:
            from ..collate.text import render as render_text

            out = render_text(result)
        if output and output != "-":
            write_atomic(output, out, inputs)
        else:
            write_stdout(out, utf8=fmt in ("html", "tei"))
    ok = result.summary.verdict in (Verdict.IDENTICAL, Verdict.EQUIVALENT)
    sys.exit(EXIT_OK if ok else EXIT_DIFFERENT)


def _emit_pair(
    projected: Comparison, fmt: str, output: str | None, indent: int | None, inputs: tuple[str, ...]
) -> None:
    if fmt == "json":
        from ..render.json import dumps

        out = dumps(projected, __version__, indent)
    elif fmt == "html":
        from ..render.html import render

        out = render(projected, version=__version__)
    elif fmt == "text":
        from ..render.text import render as render_text

        out = render_text(projected, False, 40)
    else:
        raise OptionsError("--pair prints text, json or html (a pair is no TEI collation)")
    if output and output != "-":
        write_atomic(output, out, inputs)
    else:
        write_stdout(out, utf8=fmt == "html")
