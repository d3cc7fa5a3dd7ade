"""check.github: annotations at the copy's line and column that document text can never forge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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

from . import actions_runner as runner
from .conftest import CLOSING, ROOT
from .test_check_runner import FIXTURE, fixture_report

SPEECH = CLOSING.read_text(encoding="utf-8")


def commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Every workflow command the Actions runner would read from ``text`` (see actions_runner)."""
    found = runner.commands(text)
    assert all(c.syntax == "v2" for c in found), [c for c in found if c.syntax != "v2"]
    return [(c.name, c.properties, c.data) for c in found]


def test_oracle_reads_what_the_runner_reads() -> None:
    """The oracle itself, on the runner's own test cases and the forms the findings used."""
    c = runner.parse("::error file=a%3Ab.txt,line=3,title=t%2Cx::msg%0Anext %25")
    assert c == runner.Command(
        "v2", "error", {"file": "a:b.txt", "line": "3", "title": "t,x"}, "msg\nnext %"
    )
    assert runner.parse("   ::add-mask::secret") == runner.Command("v2", "add-mask", {}, "secret")
    assert runner.parse("##[do-something k1=v1;]msg") == runner.Command(
        "legacy", "do-something", {"k1": "v1"}, "msg"
    )
    line = "  - copies/s.txt:1:39: substantive insertion: “##[stop-commands]pwnd”"
    assert runner.parse(line) == runner.Command("legacy", "stop-commands", {}, "pwnd”")
    assert runner.parse("#\u200b#[error]x") is not None  # ignorable between the hashes
    assert runner.parse("\u00ad::warning::x") is not None
    assert runner.parse("##[") is None and runner.parse(":: no end") is None
    assert runner.parse("x ::error::y") is None
    assert runner.runner_lines("a\rb\r\nc\nd") == ["a", "b", "c", "d"]


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


# ------------------------------------------------------------------ fuzzing against the oracle

# Pieces a hostile document or file name is made of: both command syntaxes, their escapes and
# separators, line breaks of every kind, and characters a comparison may ignore.
HOSTILE = st.lists(
    st.sampled_from(
        [
            "::", "##[", "#", "[", "]", ":", ",", ";", "=", "%", "%25", "%0A", "%3A", "%5D",
            "\r", "\n", "\r\n", "\x85", "\u2028", "\u2029", "\t", " ", "\x0b", "\x1b[31m",
            "\u200b", "\u00ad", "\ufeff", "\u202e", "\u2066", "\u034f", "\ufe0f", "\U000e0041",
            "error", "warning", "stop-commands", "add-mask", "set-output name=x;", "group",
            "##[error]", "##[stop-commands]", "::error::", "::add-mask::", "##[set-output n=x;]",
            "tok", "Party", "é", "한", "\\",
        ]
    ),
    min_size=1,
    max_size=12,
).map("".join)

SMALL_REF = (
    "The committee met on Monday to review the work of the year.\n\n"
    "Members spoke in turn about the tasks ahead of them.\n\n"
    "The meeting ended with a call to redouble efforts.\n"
)


def toml_string(s: str) -> str:
    """A TOML basic string holding exactly ``s``."""
    body = "".join(
        f"\\u{ord(ch):04X}" if ch in '"\\' or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F else ch
        for ch in s
    )
    return f'"{body}"'


def small_report(root: Path, check: str, copy_name: str, inserts: list[str]) -> Report:
    (root / "ref.txt").write_text(SMALL_REF, encoding="utf-8")
    (root / "copies").mkdir()
    paras = SMALL_REF.split("\n\n")
    copy = "\n\n".join(
        f"{p[:20]} {ins} {p[20:]}" for p, ins in zip(paras, [*inserts, "", ""], strict=False)
    )
    (root / "copies" / copy_name).write_bytes(copy.encode("utf-8", "surrogatepass"))
    (root / "textdiff.toml").write_text(
        f'[[check]]\nname = {toml_string(check)}\nreference = "ref.txt"\ncopies = "copies/*"\n',
        encoding="utf-8",
    )
    pairs = resolve(load_config(root / "textdiff.toml"))
    return judge_all(pairs, compute(pairs, None, 1), Baseline())


@settings(max_examples=60, deadline=None)
@given(
    check=HOSTILE.filter(lambda s: "\r" not in s and "\n" not in s and s.strip()),
    name=HOSTILE.filter(lambda s: "/" not in s),
    inserts=st.lists(HOSTILE, min_size=1, max_size=3),
)
def test_no_line_is_a_command_but_ours(check: str, name: str, inserts: list[str]) -> None:
    """Whatever the document, file name and check name hold, the runner reads our annotations
    and nothing else: every command is an ``error`` naming the copy exactly."""
    copy_name = f"c{name}.txt"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        report = small_report(root, check, copy_name, inserts)
        text = render(report, "textdiff.toml", root)
    found = runner.commands(text)
    expected = min(MAX_ANNOTATIONS, len(annotation_lines(report, root)))
    assert len(found) == expected
    for c in found:
        assert (c.syntax, c.name) == ("v2", "error")
        assert set(c.properties) == {"file", "line", "col", "title"}
        assert c.properties["file"] == f"copies/{copy_name}"
        assert c.properties["title"] == f"textdiff check: {' '.join(check.split())}"
        assert "\r" not in c.data and "\n" not in c.data
    # Only our annotations start with "::"; the human lines are never read as commands at all.
    human = [line for line in runner.runner_lines(text) if not line.startswith("::error ")]
    assert [line for line in human if runner.parse(line)] == []


def test_check_github_cli_forges_nothing(tmp_path: Path) -> None:
    """The reproducer of finding F3, as a user runs it, with a hostile file name too:
    neither standard output nor standard error holds a command but textdiff's own."""
    ref, copies = tmp_path / "ref", tmp_path / "copies"
    ref.mkdir()
    copies.mkdir()
    (ref / "s.txt").write_text(SMALL_REF, encoding="utf-8")
    hostile = SMALL_REF.replace("review", "review ##[stop-commands]pwnd").replace(
        "ended", "ended ##[error]forged ::error::x"
    )
    (copies / "s.txt").write_text(hostile, encoding="utf-8")
    (copies / "##[error]name-forged.txt").write_text(hostile, encoding="utf-8")
    (ref / "##[error]name-forged.txt").write_text(SMALL_REF, encoding="utf-8")
    (tmp_path / "textdiff.toml").write_text(
        'baseline = "##[group]b.json"\n'
        '[[check]]\nname = "##[add-mask]Committee"\nreference-dir = "ref"\ncopy-dir = "copies"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PYTHONPATH"] = str(ROOT)
    for extra in ([], ["--update-baseline"], ["--config", "##[error]missing.toml"]):
        res = subprocess.run(
            [sys.executable, "-m", "textdiff", "check", "--format", "github", "--no-cache", *extra],
            cwd=tmp_path,
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        out, err = res.stdout.decode("utf-8"), res.stderr.decode("utf-8")
        assert runner.commands(err) == [], err
        found = runner.commands(out)
        assert {(c.syntax, c.name) for c in found} <= {("v2", "error")}, found
        assert len(found) == (4 if not extra else 0), out


def test_json_outputs_hold_no_legacy_command(tmp_path: Path) -> None:
    """JSON (check's JSON Lines, compare's contract, inspect, compare --pairs errors) may end up
    in a CI log too: '##[' is written '##\\u005b', the same JSON value."""
    name = "##[error]x.txt"
    (tmp_path / name).write_text("The ##[stop-commands]tok meeting.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The meeting.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outputs = []
    for args, stdin in (
        (["compare", name, "b.txt", "--format", "json"], None),
        (["inspect", name, "--format", "json"], None),
        (
            ["compare", "--pairs", "-", "--format", "json"],
            json.dumps({"a": name, "b": "missing ##[x].txt"}) + "\n",
        ),
    ):
        res = subprocess.run(
            [sys.executable, "-m", "textdiff", *args],
            cwd=tmp_path,
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert res.stdout, res.stderr
        outputs.append(res.stdout)
        assert runner.commands(res.stdout) == [] and runner.commands(res.stderr) == []
    assert json.loads(outputs[0])["documents"][0]["path"] == name
    assert json.loads(outputs[1])["path"] == name
    assert json.loads(outputs[2])["b"] == "missing ##[x].txt"
