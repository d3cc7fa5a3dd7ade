"""render.text: markers, summary line, control characters escaped."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import textdiff
from textdiff.render.text import render, summary_line

from . import actions_runner as runner
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


def test_paths_and_text_never_split_a_line_or_command_a_runner() -> None:
    """A file name with a newline, tab, bidi override or zero-width space stays on its line
    (F21); document text never starts a line with '::' nor holds '##[' (a CI log obeys both)."""
    a = textdiff.load_bytes(b"The party met.\n", "new\nline\t\u202e\u200bA.txt")
    b = textdiff.load_bytes(b"The party met.\n\n::error::forged ##[stop-commands]x\n", "b.txt")
    from textdiff.pipeline import compare_documents

    out = render(compare_documents(a, b, textdiff.Options()), color=True)
    head = out.splitlines()[0]
    assert head.startswith("A: new\\nline\\t\\u202e\\u200bA.txt (utf-8, 15 bytes, 1 paragraph)")
    assert runner.commands(out) == []
    assert "forged ##\\x5bstop-commands]x" in out


def test_whitespace_edits_are_visible() -> None:
    c = textdiff.compare_texts("one two three four five\n", "one two\tthree four six\n")
    assert "[- -]{+\\t+}" in render(c)


_OLD_PARA_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)(?:[ \t\u00a0]*(?:\r\n|\r|\n))+\s*")


def _old_flatten(s: str) -> str:
    s = _OLD_PARA_BREAK.sub(" ¶ ", s)
    core = " ".join(s.split())
    lead = " " if s[:1].isspace() else ""
    trail = " " if s[-1:].isspace() and core else ""
    return lead + core + trail


@given(
    st.lists(
        st.sampled_from(["a", "word", " ", "  ", "\t", "\n", "\r\n", "\r", "\u00a0", "."]),
        max_size=40,
    ).map("".join)
)
@settings(max_examples=500)
def test_flatten_is_the_old_fold(s: str) -> None:
    """The paragraph-break pattern no longer starts at the spaces before a break (which
    rescanned a long run of spaces from every position: F1 in the text output); what it
    shows is what the old pattern showed."""
    from textdiff.render.text import _flatten

    assert _flatten(s) == _old_flatten(s)


def test_a_megabyte_of_spaces_inside_a_word_is_shown() -> None:
    """The edit is shown in the text output (the old pattern took hours here)."""
    a = "The committee met today and decided the matter.\n"
    b = "The committee met today and dec" + " " * 1_000_000 + "ided the matter.\n"
    out = render(textdiff.compare_texts(a, b), color=False)
    assert "dec" in out and len(out) < 10_000
