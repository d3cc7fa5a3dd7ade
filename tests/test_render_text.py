"""render.text: markers, summary line, control characters escaped."""

from __future__ import annotations

import textdiff
from textdiff.render.text import render, safe, summary_line

from .conftest import BULLETIN, CLOSING


def test_marks_and_summary() -> None:
    c = textdiff.compare(str(CLOSING), str(BULLETIN))
    out = render(c, color=False)
    assert "[-behaviour-]{+behavior+}" in out
    assert "inserted" in out and "Back to top button" in out
    last = out.rstrip().splitlines()[-1]
    assert last == summary_line(c)
    assert last.startswith("equivalent") and "spelling 4" in last and "A lines" in last


def test_colour_keeps_the_markers() -> None:
    c = textdiff.compare_texts("the old party\n", "the new party\n")
    out = render(c, color=True)
    assert "\x1b[31m[-old-]\x1b[0m" in out and "\x1b[32m{+new+}\x1b[0m" in out


def test_safe_escapes_controls_and_bidi() -> None:
    assert safe("ok\x1b[2J\x07\u202e") == "ok\\x1b[2J\\x07\\u202e"
    assert safe("tab\tand\nnewline") == "tab\tand\nnewline"


def test_whitespace_edits_are_visible() -> None:
    c = textdiff.compare_texts("one two three four five\n", "one two\tthree four six\n")
    assert "[- -]{+\\t+}" in render(c)
