"""Command options as data, and a parser for the plain case that needs no click.

``textdiff compare`` is the command run in shell loops over thousands of
files, and importing click (which brings inspect, uuid, datetime and gettext)
costs more than comparing two articles. So its options are declared once, here:
``textdiff.commands._click`` turns them into click options for ``--help``,
error messages and every unusual spelling, and :func:`parse` reads the plain
spellings without click.

:func:`parse` either returns exactly the values click would pass to the command
or ``None``, never a guess: anything it is unsure of (help, an unknown or
repeated option, a bad value, a missing argument, ``-oPATH``) is handed to
click, which says what is wrong. ``tests/test_commands_args.py`` holds the two
to that.

    Opt              one option: its spellings, destination, kind, default, help
    PAIR_OPTIONS     what shapes a comparison (compare and report)
    COMPARE_OPTIONS  compare's options, in --help order
    parse(argv, options, arguments)    values by destination, or None

>>> parse(["a.txt", "b.txt", "--format=json", "-q"], COMPARE_OPTIONS, ("a", "b"))["fmt"]
'json'
>>> parse(["a.txt", "--help"], COMPARE_OPTIONS, ("a", "b")) is None
True
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# field's string annotation into a ForwardRef at import (see textdiff.model).
from collections.abc import Sequence
from typing import NamedTuple

# What an option takes: a flag takes nothing; the others one value.
FLAG, TEXT, CHOICE, INT = "flag", "text", "choice", "int"


class Opt(NamedTuple):
    decls: tuple[str, ...]  # spellings, e.g. ("-o", "--output")
    dest: str  # the command's parameter name
    kind: str = TEXT
    default: str | int | bool | None = None
    choices: tuple[str, ...] = ()  # CHOICE
    bounds: tuple[int, int] = (0, 0)  # INT: inclusive range
    help: str | None = None
    metavar: str | None = None
    show_default: bool = False


PAIR_OPTIONS = (
    Opt(
        ("--profile",),
        "profile",
        CHOICE,
        "default",
        choices=("default", "strict"),
        help="default ignores everything but substantive edits; strict ignores nothing.",
        show_default=True,
    ),
    Opt(
        ("--ignore",),
        "ignore",
        default="",
        metavar="CATS",
        help="Comma-separated categories to ignore as well, e.g. 'case,punctuation'.",
    ),
    Opt(("--encoding",), "encoding", help="Decode both inputs with this codec."),
    Opt(("--encoding-a",), "encoding_a", help="Codec for A only."),
    Opt(("--encoding-b",), "encoding_b", help="Codec for B only."),
    Opt(("--allow-empty",), "allow_empty", FLAG, False, help="Accept an empty input file."),
    Opt(
        ("--docx-view",),
        "docx_view",
        CHOICE,
        "accepted",
        choices=("accepted", "original"),
        help="Read a Word file with its tracked changes made (accepted) or as before them.",
        show_default=True,
    ),
)

COMPARE_OPTIONS = (
    Opt(
        ("--format",),
        "fmt",
        CHOICE,
        "text",
        choices=("text", "json", "html"),
        help="Terminal text, the JSON contract (textdiff.comparison/1), or the HTML report.",
        show_default=True,
    ),
    *PAIR_OPTIONS,
    Opt(
        ("--color",),
        "color",
        CHOICE,
        "auto",
        choices=("auto", "always", "never"),
        show_default=True,
    ),
    Opt(("-q", "--quiet"), "quiet", FLAG, False, help="Print nothing; only set the exit status."),
    Opt(
        ("-o", "--output"),
        "output",
        metavar="PATH",
        help="Write to PATH (atomically) instead of stdout.",
    ),
    Opt(("--indent",), "indent", INT, None, bounds=(0, 8), help="Indent JSON output."),
    Opt(
        ("--context",),
        "context",
        INT,
        40,
        bounds=(0, 1000),
        help="Characters of unchanged text shown around an edit.",
        show_default=True,
    ),
)


def _value(opt: Opt, raw: str) -> str | int | None:
    """The converted value, or None where click should judge it."""
    if opt.kind == CHOICE:
        return raw if raw in opt.choices else None
    if opt.kind == INT:
        # Only plain digits, and not too many: int() also takes " 7", "+7" and
        # "0_7", and refuses 4,301 digits with an error; click judges those.
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
            return None
        n = int(raw)
        lo, hi = opt.bounds
        return n if lo <= n <= hi else None
    return raw


def parse(
    argv: Sequence[str], options: Sequence[Opt], arguments: Sequence[str]
) -> dict[str, object] | None:
    """Values by destination for a plain argument list, or None to let click parse it.

    >>> r = parse(["-", "b.txt", "-o", "-", "--context", "0"], COMPARE_OPTIONS, ("a", "b"))
    >>> r["a"], r["output"], r["context"], r["indent"]
    ('-', '-', 0, None)
    >>> parse(["a", "b", "--context", "+3"], COMPARE_OPTIONS, ("a", "b")) is None
    True
    """
    by_decl = {d: opt for opt in options for d in opt.decls}
    values: dict[str, object] = {}
    positional: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            positional.extend(args[i:])
            break
        if arg == "-" or not arg.startswith("-"):
            positional.append(arg)
            continue
        name, eq, inline = arg.partition("=")
        opt = by_decl.get(name)
        if opt is None or opt.dest in values:
            return None  # unknown, combined short flags, -oPATH, help, or repeated
        if eq and not name.startswith("--"):
            return None  # "-o=x": click reads "=x" as the value
        if opt.kind == FLAG:
            if eq:
                return None
            values[opt.dest] = True
            continue
        if eq:
            raw = inline
        elif i < len(args):
            raw, i = args[i], i + 1
        else:
            return None  # the option's value is missing
        value = _value(opt, raw)
        if value is None:
            return None
        values[opt.dest] = value
    if len(positional) != len(arguments):
        return None
    result: dict[str, object] = dict(zip(arguments, positional, strict=True))
    for opt in options:
        result[opt.dest] = values.get(opt.dest, opt.default)
    return result
