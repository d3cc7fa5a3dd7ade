"""check.github: annotations at the copy's line and column that document text can never forge."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from textdiff.check import Baseline, Report, compute, judge_all, load_config, resolve
from textdiff.check.github import (
    MAX_ANNOTATIONS,
    SUMMARY_LIMIT,
    annotation_lines,
    append_step_summary,
    escape_data,
    escape_property,
    md,
    render,
    step_summary,
)

from .conftest import CLOSING
from .test_check_runner import FIXTURE, fixture_report

SPEECH = CLOSING.read_text(encoding="utf-8")


def unescape(s: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        s = s.replace(code, char)
    return s


def commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Parse output as the Actions runner does: a command is any line starting with '::'."""
    out = []
    for line in re.split(r"\r\n|\r|\n", text):
        stripped = line.lstrip()
        assert not stripped.startswith("##["), line  # the legacy command syntax
        if not stripped.startswith("::"):
            continue
        body = stripped[2:]
        head, _, message = body.partition("::")
        name, _, props = head.partition(" ")
        fields = dict(p.split("=", 1) for p in props.split(",")) if props else {}
        out.append((name, {k: unescape(v) for k, v in fields.items()}, unescape(message)))
    return out


@pytest.fixture(scope="module")
def report() -> Report:
    return fixture_report()


def test_escaping_follows_actions_toolkit() -> None:
    assert escape_data("100%\r\n") == "100%25%0D%0A"
    assert escape_property("a:b,c\n%") == "a%3Ab%2Cc%0A%25"


def test_fixture_annotations_point_at_the_copy(report: Report) -> None:
    text = render(report, "textdiff.toml", FIXTURE)
    found = commands(text)
    assert [(n, f["file"], f["line"], f["col"]) for n, f, _ in found] == [
        ("error", "transcripts/changed-word.txt", "33", "54"),
        ("error", "transcripts/missing-paragraph.txt", "33", "1"),
    ]
    copy = (FIXTURE / "transcripts" / "changed-word.txt").read_text(encoding="utf-8")
    line = copy.splitlines()[32]
    assert line[53:].startswith("unbending")  # column 54, 1-based
    assert found[0][1]["title"] == "textdiff check: transcripts"
    assert found[0][2] == (
        "substantive edit: “unyielding” → “unbending” "
        "(reference reference/closing-address.txt line 31)"
    )
    assert found[1][2].startswith("missing paragraph: “Those who have been newly appointed")
    assert text.startswith("FAIL  transcripts  transcripts/changed-word.txt")


def hostile_report(tmp_path: Path, copy_text: str) -> Report:
    (tmp_path / "ref.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(copy_text, encoding="utf-8")
    (tmp_path / "textdiff.toml").write_text(
        '[[check]]\nname = "evil::x,y"\nreference = "ref.txt"\ncopies = "copy.txt"\n',
        encoding="utf-8",
    )
    pairs = resolve(load_config(tmp_path / "textdiff.toml"))
    return judge_all(pairs, compute(pairs, None, 1), Baseline())


def test_document_text_cannot_forge_commands(tmp_path: Path) -> None:
    forged = (
        "::error file=README.md,line=1::forged\n"
        "  ::add-mask::secret %0A::warning::encoded\r::stop-commands::tok\n"
        "##[error]legacy \x1b[31m red\x07 \u2028::error::after-separator"
    )
    copy = SPEECH.replace(
        "ardent passion and unyielding fortitude.",
        f"ardent passion and unbending::error::x,y fortitude.\n\n{forged}\n\n",
    )
    report = hostile_report(tmp_path, copy)
    text = render(report, "textdiff.toml", tmp_path)
    found = commands(text)
    assert found and all(name == "error" for name, _, _ in found)
    assert all(set(fields) == {"file", "line", "col", "title"} for _, fields, _ in found)
    assert {fields["file"] for _, fields, _ in found} == {"copy.txt"}
    assert {fields["title"] for _, fields, _ in found} == {"textdiff check: evil::x,y"}
    messages = " ".join(m for _, _, m in found)
    assert "\n" not in messages and "\r" not in messages and "\x1b" not in messages
    assert "::error file=README.md" in messages  # shown as text, inside our own annotation
    # The summary Markdown holds no raw HTML or link syntax from the document either.
    summary = step_summary(report)
    assert "<" not in summary.replace("\\<", "") and "\x1b" not in summary


def test_at_most_ten_annotations_and_a_count(tmp_path: Path) -> None:
    words = ["secretaries", "Party", "committees", "people", "conference", "their"]
    copy = SPEECH
    for n, word in enumerate(words):
        copy = copy.replace(f" {word} ", f" {word}{n}x ", 3)
    report = hostile_report(tmp_path, copy)
    total = len(report.results[0].new)
    assert total > MAX_ANNOTATIONS
    text = render(report, "", tmp_path)
    assert len(commands(text)) == MAX_ANNOTATIONS == 10
    assert len(annotation_lines(report, tmp_path)) == total
    more = total - MAX_ANNOTATIONS
    assert text.splitlines()[-1] == (
        f"textdiff: {more} more differences not annotated (GitHub shows 10 per step); "
        "see the report above"
    )


def test_step_summary_contents(report: Report) -> None:
    summary = step_summary(report)
    assert summary.startswith("### textdiff check: 2 of 4 pairs failed\n")
    assert "| ❌ fail | transcripts | transcripts\\/changed\\-word\\.txt |" in summary
    assert "| ✅ pass | bulletin | bulletins\\/embassy\\-bulletin\\.txt |" in summary
    assert "- line 33, column 54: " in summary


def test_step_summary_stays_under_budget(report: Report) -> None:
    small = step_summary(report, 700)
    assert len(small.encode("utf-8")) <= 700
    assert "more lines left out to stay under GitHub's step summary limit" in small
    assert step_summary(report, 10) == ""


def test_append_respects_the_1_mib_file_limit(tmp_path: Path, report: Report) -> None:
    path = tmp_path / "summary.md"
    path.write_text("x" * (SUMMARY_LIMIT - 1500), encoding="utf-8")
    append_step_summary(str(path), report)
    assert path.stat().st_size <= SUMMARY_LIMIT
    fresh = tmp_path / "fresh.md"
    append_step_summary(str(fresh), report)
    append_step_summary(str(fresh), report)  # appended, not replaced
    assert fresh.read_text(encoding="utf-8").count("### textdiff check") == 2


def test_md_escapes_markdown_and_html() -> None:
    assert md("[x](http://e.com) <img> | `c` @u") == (
        "\\[x\\]\\(http\\:\\/\\/e\\.com\\) \\<img\\> \\| \\`c\\` \\@u"
    )
