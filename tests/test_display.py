"""display: one class of unsafe characters, held to the Unicode categories it stands for."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from textdiff.display import Lines, escape, html_visible, inert, number, plural

from . import actions_runner as runner

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt) outside Cf, which Python cannot query.
DEFAULT_IGNORABLE = [
    0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x2065, 0x3164,
    *range(0xFE00, 0xFE10), 0xFFA0, *range(0xFFF0, 0xFFF9), *range(0xE0000, 0xE1000),
]  # fmt: skip


def test_every_control_format_separator_and_ignorable_is_escaped() -> None:
    unsafe = [
        cp
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    ]
    missed = [hex(cp) for cp in unsafe + DEFAULT_IGNORABLE if escape(chr(cp)) == chr(cp)]
    assert missed == []


def test_ordinary_text_is_untouched() -> None:
    text = "Kim Jong Un’s “speech” — 김정은 동지 «é» 1,000 tabs\\t ✓ ❤"
    assert escape(text) == text
    assert escape("\x85\u2028\u2029\r\n\t") == "\\x85\\u2028\\u2029\\r\\n\\t"
    assert escape("\udcff.txt") == "\\udcff.txt"  # an undecodable byte of a file name


@given(st.text())
def test_escaped_text_is_one_printable_line(s: str) -> None:
    out = escape(s)
    assert len(out.splitlines()) <= 1
    assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in out)
    out.encode("utf-8")  # no lone surrogate left


@given(st.text())
def test_inert_lines_are_never_workflow_commands(s: str) -> None:
    assert runner.parse(inert(s)) is None
    assert runner.parse(inert("  ::error::" + s)) is None
    assert runner.parse(inert("x ##[error]" + s)) is None


def test_html_keeps_line_breaks_for_the_page_and_shows_the_rest() -> None:
    assert html_visible("a\tb\nc\r\n") == "a\tb\nc\r\n"
    assert html_visible("\x1b\x7f\x85\u2028\u200b\udcff") == "␛␡[U+0085][U+2028][U+200B][U+DCFF]"


@given(st.text())
def test_lines_agree_with_counting(text: str) -> None:
    lines = Lines(text)
    for offset in range(0, len(text) + 1, max(1, len(text) // 7)):
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        assert lines.locate(offset) == (line, column) and lines.line(offset) == line


def test_plural_and_number() -> None:
    shown = [plural(n, "pair") for n in (0, 1, 2, 1234)]
    assert shown == ["0 pairs", "1 pair", "2 pairs", "1,234 pairs"]
    assert plural(1, "family") == "1 family" and plural(3, "entry") == "3 entries"
    assert number(19520) == "19,520"
