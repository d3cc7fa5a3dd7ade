"""commands._args: the click-free parser agrees with click, or steps aside."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textdiff.cli import cli
from textdiff.commands._args import COMPARE_OPTIONS, PAIR_OPTIONS, parse

from .conftest import BULLETIN, CLOSING, OPENING_2021, ROOT

COMPARE = cli.commands["compare"]


def click_params(argv: list[str]) -> dict[str, object] | None:
    """What click passes to ``compare`` for ``argv``, or None where it refuses."""
    try:
        ctx = COMPARE.make_context("compare", list(argv))
    except (click.exceptions.Exit, click.ClickException):
        return None
    return dict(ctx.params)


PLAIN = [
    ["a.txt", "b.txt"],
    ["a.txt", "b.txt", "--format", "json"],
    ["--format=json", "a.txt", "b.txt", "--indent", "2"],
    ["-", "b.txt", "-q"],
    ["a.txt", "b.txt", "-o", "-", "--format", "html"],
    ["a.txt", "b.txt", "--output", "out.json", "--color", "never", "--context", "0"],
    ["a.txt", "b.txt", "--profile", "strict", "--ignore", "case,spelling"],
    ["a.txt", "b.txt", "--encoding", "cp1252", "--encoding-a=utf-8", "--encoding-b", "euc-kr"],
    ["a.txt", "b.txt", "--allow-empty", "--quiet"],
    ["--", "-a.txt", "b.txt"],
    ["a.txt", "b.txt", "-o", "--format"],  # click takes the next word as the value too
    ["a.txt", "b.txt", "--ignore="],
]


@pytest.mark.parametrize("argv", PLAIN)
def test_plain_arguments_parse_as_click_parses_them(argv: list[str]) -> None:
    got = parse(argv, COMPARE_OPTIONS, ("a", "b"))
    assert got is not None, "the common spellings must not need click"
    assert got == click_params(argv)


LEFT_TO_CLICK = [
    ["a.txt"],  # missing B
    ["a.txt", "b.txt", "c.txt"],
    ["a.txt", "b.txt", "--help"],
    ["a.txt", "b.txt", "-h"],
    ["a.txt", "b.txt", "--frobnicate"],
    ["a.txt", "b.txt", "--format", "yaml"],
    ["a.txt", "b.txt", "--format"],  # value missing
    ["a.txt", "b.txt", "--quiet=1"],
    ["a.txt", "b.txt", "-qo", "x"],
    ["a.txt", "b.txt", "-ox"],
    ["a.txt", "b.txt", "-o=x"],
    ["a.txt", "b.txt", "--indent", "9"],
    ["a.txt", "b.txt", "--indent", "+2"],
    ["a.txt", "b.txt", "--context", " 3"],
    ["a.txt", "b.txt", "--context", "３"],
    ["a.txt", "b.txt", "--indent", "0" * 4301],  # int() refuses this many digits
    ["a.txt", "b.txt", "-q", "-q"],  # repeated: click's rule (last wins) applies
    ["a.txt", "-b.txt"],
    ["--form", "json", "a.txt", "b.txt"],  # click does not expand prefixes
]


@pytest.mark.parametrize("argv", LEFT_TO_CLICK)
def test_anything_unusual_is_left_to_click(argv: list[str]) -> None:
    assert parse(argv, COMPARE_OPTIONS, ("a", "b")) is None


WORDS = [
    "a.txt",
    "b.txt",
    "-",
    "--",
    "-x",
    "",
    "=",
    "json",
    "strict",
    "0",
    "8",
    "9",
    "-1",
    "1_0",
    "never",
    *(d for o in COMPARE_OPTIONS for d in o.decls),
    *(f"{d}={v}" for o in COMPARE_OPTIONS for d in o.decls for v in (*o.choices[:1], "7", "")),
    "-qo",
    "-oout",
    "-h",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=8))
def test_parse_never_disagrees_with_click(argv: list[str]) -> None:
    got = parse(argv, COMPARE_OPTIONS, ("a", "b"))
    if got is not None:
        assert got == click_params(argv)


def test_pair_options_are_what_report_takes() -> None:
    from textdiff.commands.report import report

    names = {p.name for p in report.params}
    assert {o.dest for o in PAIR_OPTIONS} <= names


def _run(code: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, cwd=ROOT, check=False
    )


VIA_MAIN = "import sys; from textdiff.__main__ import main; main(sys.argv[1:])"
VIA_CLICK = "import sys; from textdiff.cli import main; main(sys.argv[1:])"


@pytest.mark.parametrize(
    "argv",
    [
        ["compare", str(CLOSING), str(BULLETIN), "--format", "json", "--indent", "1"],
        ["compare", str(CLOSING), str(OPENING_2021), "--color", "always", "--context", "5"],
        ["compare", str(CLOSING), "missing.txt"],
        ["compare", str(CLOSING), str(BULLETIN), "--ignore", "vibes"],
    ],
)
def test_fast_path_and_click_path_give_the_same_bytes_and_status(argv: list[str]) -> None:
    fast, slow = _run(VIA_MAIN, *argv), _run(VIA_CLICK, *argv)
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )


def test_plain_compare_does_not_import_click() -> None:
    argv = ["compare", str(CLOSING), str(BULLETIN), "-q"]
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "textdiff", *argv],
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert res.returncode == 0
    imported = {line.split("|")[-1].strip() for line in res.stderr.decode().splitlines()}
    assert "textdiff.commands.compare" in imported
    assert not {m for m in imported if m == "click" or m.startswith("click.")}
