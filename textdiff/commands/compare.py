"""``textdiff compare A B`` and ``textdiff compare --pairs FILE``: compare, render, write.

    Settings                      the options that shape a comparison, parsed once
    run(a, b, fmt, ...)           one pair -> exit status (0 same or equivalent, 1 not, 2 trouble)
    run_pairs(file, fmt, ...)     many pairs in one process -> one record a pair, exit status
    read_pairs(text)              the pairs a --pairs file lists
    color_wanted(choice, stream)  --color auto|always|never, NO_COLOR and TERM=dumb

``textdiff.cli`` declares the click command over these. Errors are raised
(TextdiffError), never printed here, except in a batch, where a pair that
cannot be compared is reported in its own record and the others go on.

A batch exists so that scripts comparing thousands of pairs pay for the
interpreter, the imports and the option parsing once, rather than once a pair.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .. import __version__
from ..errors import InputError, OptionsError, TextdiffError
from ..load import DEFAULT_MAX_SIZE
from ..model import Comparison
from ..options import Options
from ..output import write_atomic, write_stderr, write_stdout
from ..userrules import rules_from_cli
from ._shared import EXIT_DIFFERENT, EXIT_OK, EXIT_TROUBLE, exit_code, load_input


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


class Settings(NamedTuple):
    """What shapes every comparison of a run: the options and how inputs are read."""

    options: Options
    allow_empty: bool = False
    max_size: int = DEFAULT_MAX_SIZE

    @classmethod
    def parse(
        cls,
        profile: str = "default",
        ignore: str = "",
        encoding: str | None = None,
        encoding_a: str | None = None,
        encoding_b: str | None = None,
        allow_empty: bool = False,
        max_size: int = DEFAULT_MAX_SIZE,
        docx_view: str = "accepted",
        rules_file: str | None = None,
        boilerplate: Sequence[str] = (),
        ignore_text: Sequence[str] = (),
        spelling: Sequence[str] = (),
    ) -> Settings:
        options = Options(
            profile=profile,
            ignore=tuple(ignore.split(",")),
            encoding_a=encoding_a or encoding,
            encoding_b=encoding_b or encoding,
            docx_view=docx_view,
            rules=rules_from_cli(rules_file, boilerplate, ignore_text, spelling),
        )
        return cls(options, allow_empty, max_size)

    def compare(self, a: str, b: str) -> Comparison:
        """Compare A with B; '-' is standard input (one side only)."""
        if a == "-" and b == "-":
            raise OptionsError("only one of A and B can be '-' (standard input)")
        from ..pipeline import compare_documents

        if "-" in (a, b) and sys.stdin is not None and sys.stdin.isatty():
            # Waiting silently on a terminal looks like a hang.
            side = "A" if a == "-" else "B"
            write_stderr(f"textdiff: reading {side} from standard input (end it with Ctrl-D)")
        o = self.options
        doc_a = load_input(a, o.encoding_a, self.allow_empty, self.max_size, o.docx_view)
        doc_b = load_input(b, o.encoding_b, self.allow_empty, self.max_size, o.docx_view)
        return compare_documents(doc_a, doc_b, o)


def _render(
    c: Comparison, fmt: str, color: bool, indent: int | None, context: int
) -> str | Iterator[str]:
    if fmt == "json":
        from ..render.json import chunks

        return chunks(c, __version__, indent)  # written piece by piece: a 50 MB pair's JSON
    if fmt == "html":
        from ..render.html import render as render_html

        return render_html(c, version=__version__)
    from ..render.text import render

    return render(c, color, context)


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
    max_size: int = DEFAULT_MAX_SIZE,
    docx_view: str = "accepted",
    rules_file: str | None = None,
    boilerplate: Sequence[str] = (),
    ignore_text: Sequence[str] = (),
    spelling: Sequence[str] = (),
    color: str = "auto",
    quiet: bool = False,
    output: str | None = None,
    indent: int | None = None,
    context: int = 40,
) -> int:
    """Compare A with B, write the result as ``fmt`` unless quiet; return the exit status."""
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
    if not quiet:
        use_color = fmt == "text" and output is None and color_wanted(color, sys.stdout)
        out = _render(result, fmt, use_color, indent, context)
        if output and output != "-":
            write_atomic(output, out, (a, b))
        else:
            write_stdout(out, utf8=fmt == "html")
    return exit_code(result)


class Pair(NamedTuple):
    line: int  # where the pairs file lists it, 1-based
    a: str
    b: str


def read_pairs(text: str, where: str = "pairs") -> list[Pair]:
    """The pairs a --pairs file lists: one a line, A and B separated by a tab, or a JSON object
    ``{"a": ..., "b": ...}`` (for names holding tabs or line breaks, or starting with ``#``);
    blank lines and lines starting with ``#`` are skipped.

    >>> read_pairs('# a comment\\na.txt\\tb.txt\\n\\n{"a": "x\\\\ty", "b": "-"}\\n')
    [Pair(line=2, a='a.txt', b='b.txt'), Pair(line=4, a='x\\ty', b='-')]
    """
    pairs: list[Pair] = []
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError as exc:
                raise OptionsError(f"{where}:{n}: not a JSON object: {exc}") from None
            a, b = (obj.get(k) if isinstance(obj, dict) else None for k in ("a", "b"))
            if not isinstance(a, str) or not isinstance(b, str):
                raise OptionsError(f'{where}:{n}: a pair is {{"a": PATH, "b": PATH}}')
        else:
            fields = line.split("\t")
            if len(fields) != 2 or not all(fields):
                raise OptionsError(f"{where}:{n}: a pair is A and B separated by one tab")
            a, b = fields
        pairs.append(Pair(n, a, b))
    if pairs and sum(p.a == "-" or p.b == "-" for p in pairs) > 1:
        raise OptionsError(f"{where}: '-' (standard input) can be read by one pair only")
    return pairs


def _records(
    pairs: list[Pair],
    settings: Settings,
    fmt: str,
    context: int,
    statuses: list[int],
) -> Iterator[str]:
    """One record a pair, in the file's order; a pair that cannot be compared gets an error
    record (and a line on stderr) and the batch goes on."""
    from ..display import escape, json_inert, neutral

    for p in pairs:
        names = f"{escape(p.a)}\t{escape(p.b)}\t"
        try:
            c = settings.compare(p.a, p.b)
        except TextdiffError as exc:
            statuses.append(EXIT_TROUBLE)
            write_stderr(neutral(escape(f"textdiff: error: pairs line {p.line}: {exc}")))
            if fmt == "json":
                rec = {"line": p.line, "a": p.a, "b": p.b, "error": str(exc)}
                yield json_inert(json.dumps(rec, ensure_ascii=True)) + "\n"
            else:
                yield neutral(names + escape(f"error: {exc}")) + "\n"
            continue
        statuses.append(exit_code(c))
        if fmt == "json":
            from ..render.json import dumps

            yield dumps(c, __version__)
        else:
            from ..render.text import summary_line

            yield neutral(names + summary_line(c)) + "\n"


def run_pairs(
    pairs_file: str,
    fmt: str = "text",
    profile: str = "default",
    ignore: str = "",
    encoding: str | None = None,
    encoding_a: str | None = None,
    encoding_b: str | None = None,
    allow_empty: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    docx_view: str = "accepted",
    rules_file: str | None = None,
    boilerplate: Sequence[str] = (),
    ignore_text: Sequence[str] = (),
    spelling: Sequence[str] = (),
    quiet: bool = False,
    output: str | None = None,
    context: int = 40,
) -> int:
    """Compare every pair ``pairs_file`` lists ('-': standard input), in one process.

    Text: one line a pair, ``A<TAB>B<TAB>summary line``; JSON: JSON Lines, one
    ``textdiff.comparison/1`` document a pair (or ``{"line", "a", "b", "error"}``).
    Exit status: 2 if any pair could not be compared, else 1 if any is a variant or unrelated,
    else 0.
    """
    if fmt == "html":
        raise OptionsError("--pairs writes text or JSON Lines; write HTML with textdiff report")
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
    from ..load import read_input

    raw = read_input(pairs_file, max_size)
    try:
        listing = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{pairs_file}: not UTF-8 at byte {exc.start}") from None
    where = "standard input" if pairs_file == "-" else pairs_file
    pairs = read_pairs(listing, where)
    if pairs_file == "-" and any("-" in (p.a, p.b) for p in pairs):
        raise OptionsError("the pairs are read from standard input: no pair can read it too")
    statuses: list[int] = []
    records = _records(pairs, settings, fmt, context, statuses)
    if quiet:
        for _ in records:
            pass
    elif output and output != "-":
        inputs = [pairs_file, *(path for p in pairs for path in (p.a, p.b))]
        write_atomic(output, "".join(records), inputs)
    else:
        for record in records:
            write_stdout(record)
    if EXIT_TROUBLE in statuses:
        return EXIT_TROUBLE
    return EXIT_DIFFERENT if EXIT_DIFFERENT in statuses else EXIT_OK
