"""Showing things to people: untrusted text made safe to show, positions, counts and plurals.

    escape(s)          control, format, bidi, zero-width, surrogate and line-separator characters
                       as visible escapes (``\\x1b``, ``\\u202e``, ``\\n``): one line, shown, never
                       obeyed; for terminals, one-line errors, Markdown, XML
    inert(line)        a whole output line that no CI runner reads as a workflow command
    neutral(line)      the same for a line already escaped that carries our own colour codes
    json_inert(text)   serialized JSON with ``##[`` written ``##\\u005b`` (the same JSON value)
    html_visible(s)    the same characters for HTML-bound text (Jinja escapes the markup):
                       C0 controls as Control Pictures (``␛``), others as ``[U+202E]``; tabs and
                       line breaks are left for the page to show
    Lines(text)        offsets to 1-based line and column, by bisection over the line starts
    number(n)          ``19,520``: thousands separators in every text output
    plural(n, word)    ``1 paragraph``, ``2 paragraphs``, ``3 entries``: the one plural rule
    invalid_bytes(doc) what a file's invalid UTF-8 bytes were read as, and where, in one line

Why one class of characters for everything: a terminal obeys C0/C1 controls (escape sequences),
bidi controls reorder what follows (Trojan source), zero-width and other default-ignorable
characters hide differences, line separators (CR, LF, NEL, U+2028, U+2029) split one record into
two for whoever reads the output line by line, and lone surrogates (the undecodable bytes of a
file name) cannot be encoded at all. ``tests/test_display.py`` holds the class to the Unicode
categories it stands for.

GitHub's runner reads a workflow command from a line that starts, after whitespace, with ``::``
and (its legacy syntax) from ``##[`` *anywhere* in a line, possibly skipping characters its
culture-sensitive comparison ignores; ``inert`` escapes both after ``escape`` has made every
ignorable character visible.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Document

# Cc; Cf (bidi controls, zero-width characters, soft hyphen, BOM, tags ...); Cs (lone
# surrogates); Zl, Zp (U+2028, U+2029); and the other default-ignorable code points
# (combining grapheme joiner, Hangul fillers, variation selectors, reserved U+FFF0-U+FFF8);
# the noncharacters U+FFFE and U+FFFF (which XML cannot hold either).
_CLASS = (
    "\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164"
    "\ud800-\udfff\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
_UNSAFE = re.compile(f"[{_CLASS}]")
_UNSAFE_IN_HTML = re.compile(f"(?![\t\n\r])[{_CLASS}]")
_LEGACY_COMMAND = re.compile(r"(?<=##)\[")  # the runner's legacy prefix is "##["
_LEAD = re.compile(r"(?:\s|\x1b\[[0-9;]*m)*")  # whitespace and our own colour codes


def _escaped(m: re.Match[str]) -> str:
    return m.group().encode("unicode_escape").decode("ascii")


def escape(s: str) -> str:
    """``s`` with every unsafe character shown as a Python-style escape.

    >>> escape("a\\x1b[31mb\\u202ec\\nd\\u200be")
    'a\\\\x1b[31mb\\\\u202ec\\\\nd\\\\u200be'
    """
    return _UNSAFE.sub(_escaped, s)


def neutral(line: str) -> str:
    """``line`` (already escaped) with ``##[`` and a leading ``::`` shown, not obeyed.

    >>> neutral("  \\x1b[2m::error::x ##[stop-commands]y")
    '  \\x1b[2m\\\\x3a:error::x ##\\\\x5bstop-commands]y'
    """
    line = _LEGACY_COMMAND.sub(r"\\x5b", line)
    lead = _LEAD.match(line)
    cut = lead.end() if lead else 0
    if line.startswith("::", cut):
        line = line[:cut] + "\\x3a" + line[cut + 1 :]
    return line


def inert(line: str) -> str:
    """One output line that no CI runner obeys: escaped, no ``##[``, no leading ``::``.

    >>> inert("  ::error::x ##[stop-commands]y\\u2028")
    '  \\\\x3a:error::x ##\\\\x5bstop-commands]y\\\\u2028'
    """
    return neutral(escape(line))


def json_inert(text: str) -> str:
    """JSON text (ASCII) that a CI runner reading it line by line never obeys.

    ``#`` occurs in JSON only inside strings, where ``\\u005b`` is another spelling of ``[``,
    so the value is unchanged; a line of JSON never starts with ``::``.

    >>> json_inert('{"t": "##[error]x"}')
    '{"t": "##\\\\u005berror]x"}'
    """
    return text.replace("##[", "##\\u005b")


def html_visible(s: str) -> str:
    """Unsafe characters as visible text in a page; tabs and line breaks are the page's to show.

    >>> html_visible("a\\x1bb\\u202ec\\u200bd\\n")
    'a␛b[U+202E]c[U+200B]d\\n'
    """

    def sub(m: re.Match[str]) -> str:
        code = ord(m.group())
        if code < 0x20:
            return chr(0x2400 + code)  # the Control Pictures block
        if code == 0x7F:
            return "\u2421"
        return f"[U+{code:04X}]"

    return _UNSAFE_IN_HTML.sub(sub, s)


class Lines:
    """Offsets to 1-based lines and columns (columns in code points); a line ends after "\\n".

    >>> lines = Lines("ab\\ncd\\n")
    >>> lines.line(0), lines.line(3), lines.locate(4), lines.line(6)
    (1, 2, (2, 2), 3)
    """

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def locate(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def line_of(text: str, offset: int) -> int:
    """The 1-based line of one offset (for many offsets of one text, use :class:`Lines`).

    >>> line_of("a\\nb", 2)
    2
    """
    return text.count("\n", 0, offset) + 1


def number(n: int) -> str:
    """A count as every text output writes it.

    >>> number(19520), number(7)
    ('19,520', '7')
    """
    return f"{n:,}"


_PLURAL_RULES = (
    (re.compile(r"(?<=[^aeiou])y$"), "ies"),  # entry, family, copy
    (re.compile(r"(?:(?<=[sxz])|(?<=[cs]h))$"), "es"),  # pass, match
)


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``n`` and ``noun`` (its last word in the plural unless ``n`` is 1): the one plural rule.

    >>> plural(1, "paragraph"), plural(1101, "paragraph"), plural(2, "family")
    ('1 paragraph', '1,101 paragraphs', '2 families')
    >>> plural(3, "stale baseline entry"), plural(0, "pass"), plural(2, "day")
    ('3 stale baseline entries', '0 passes', '2 days')
    >>> plural(2, "datum", "data")
    '2 data'
    """
    if n == 1:
        return f"1 {noun}"
    if many is None:
        for pattern, ending in _PLURAL_RULES:
            if pattern.search(noun):
                return f"{number(n)} {pattern.sub(ending, noun)}"
        many = noun + "s"
    return f"{number(n)} {many}"


def invalid_bytes(doc: Document, shown: int = 3) -> str:
    """One line on the bytes of a mostly-UTF-8 file that are not UTF-8, or "" if none.

    >>> from textdiff.load import load_bytes
    >>> invalid_bytes(load_bytes("’’ ok\\n".encode() + b"the Party\\x92s\\n", "x.txt"))
    '1 invalid UTF-8 byte, read as Windows-1252: 0x92 as ’ at byte 19 (line 2, column 10)'
    """
    if not doc.invalid:
        return ""
    lines = Lines(doc.text)
    where = [
        f"0x{b.value:02X} as {escape(b.read_as)} at byte {number(b.byte_offset)} "
        "(line {}, column {})".format(*lines.locate(b.offset))
        for b in doc.invalid[:shown]
    ]
    more = len(doc.invalid) - shown
    if more > 0:
        where.append(f"and {number(more)} more")
    head = plural(len(doc.invalid), "invalid UTF-8 byte")
    return f"{head}, read as Windows-1252: {', '.join(where)}"
