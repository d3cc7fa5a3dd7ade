"""Text from documents and file names made fit to show: every untrusted string passes here.

    escape(s)    control, format, bidi, zero-width, surrogate and line-separator characters
                 as visible escapes (``\\x1b``, ``\\u202e``, ``\\n``): one line, shown, never obeyed
    inert(line)  a whole output line a CI runner shows but never reads as a workflow command

Why one class of characters for everything: a terminal obeys C0/C1 controls (escape sequences),
bidi controls reorder what follows (Trojan source), zero-width and other default-ignorable
characters hide differences, line separators (CR, LF, NEL, U+2028, U+2029) split one record into
two for whoever reads the output line by line, and lone surrogates (undecodable bytes of a file
name) cannot be encoded at all. ``tests/test_display.py`` holds the class to the Unicode
categories it covers.

GitHub's runner reads a workflow command from a line that starts, after whitespace, with ``::``
and (its legacy syntax) from ``##[`` *anywhere* in a line, possibly skipping characters its
culture-sensitive comparison ignores; ``inert`` escapes both after ``escape`` has made every
ignorable character visible.
"""

from __future__ import annotations

import re

# Cc; Cf (bidi controls, zero-width characters, soft hyphen, BOM, tags ...); Cs (lone
# surrogates); Zl, Zp (U+2028, U+2029); and the other default-ignorable code points
# (combining grapheme joiner, Hangul fillers, variation selectors, reserved U+FFF0-U+FFF8).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164"
    "\ud800-\udfff\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]"
)
_LEGACY_COMMAND = re.compile(r"(?<=##)\[")  # the runner's legacy prefix is "##["


def _escaped(m: re.Match[str]) -> str:
    return m.group().encode("unicode_escape").decode("ascii")


def escape(s: str) -> str:
    """``s`` with every unsafe character shown as a Python-style escape.

    >>> escape("a\\x1b[31mb\\u202ec\\nd\\u200be")
    'a\\\\x1b[31mb\\\\u202ec\\\\nd\\\\u200be'
    """
    return _UNSAFE.sub(_escaped, s)


def inert(line: str) -> str:
    """One output line that no CI runner obeys: escaped, no ``##[``, no leading ``::``.

    >>> inert("  ::error::x ##[stop-commands]y")
    '  \\\\x3a:error::x ##\\\\x5bstop-commands]y'
    """
    line = _LEGACY_COMMAND.sub(r"\\x5b", escape(line))
    body = line.lstrip()
    if body.startswith("::"):
        line = line[: len(line) - len(body)] + "\\x3a" + body[1:]
    return line
