"""compare --pairs FILE: many pairs in one process, one record a pair, and the same answers as
one process a pair."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from textdiff import OptionsError
from textdiff.commands.compare import Pair, read_pairs

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, OPENING_2021, ROOT, assert_contract


def textdiff(
    cwd: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "textdiff", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )


PAIRS = [(CLOSING, BULLETIN), (ADDRESS_2013, OPENING_2021), (CLOSING, CLOSING)]


def listing(pairs: list[tuple[Path, Path]]) -> str:
    return "# A<TAB>B, one pair a line\n" + "".join(f"{a}\t{b}\n" for a, b in pairs)


def test_json_lines_are_what_compare_gives_one_pair_at_a_time(tmp_path: Path) -> None:
    (tmp_path / "pairs.tsv").write_text(listing(PAIRS), encoding="utf-8")
    res = textdiff(tmp_path, "compare", "--pairs", "pairs.tsv", "--format", "json")
    assert res.returncode == 1, res.stderr  # one variant among them
    lines = res.stdout.decode().splitlines()
    assert len(lines) == len(PAIRS)
    for line, (a, b) in zip(lines, PAIRS, strict=True):
        single = textdiff(tmp_path, "compare", str(a), str(b), "--format", "json")
        assert line.encode() + b"\n" == single.stdout  # byte for byte
        assert_contract(line, a, b, tmp_path)


def test_text_records_and_statuses(tmp_path: Path) -> None:
    res = textdiff(tmp_path, "compare", "--pairs", "-", stdin=listing(PAIRS[:1]).encode())
    assert res.returncode == 0, res.stderr
    [line] = res.stdout.decode().splitlines()
    a, b, summary = line.split("\t")
    assert (a, b) == (str(CLOSING), str(BULLETIN)) and summary.startswith("equivalent · ")
    res = textdiff(tmp_path, "compare", "--pairs", "-", "-q", stdin=listing(PAIRS).encode())
    assert res.returncode == 1 and res.stdout == b""


def test_a_bad_pair_is_reported_and_the_others_go_on(tmp_path: Path) -> None:
    pairs = listing([(CLOSING, BULLETIN), (CLOSING, tmp_path / "missing.txt"), (CLOSING, CLOSING)])
    res = textdiff(tmp_path, "compare", "--pairs", "-", "--format", "json", stdin=pairs.encode())
    assert res.returncode == 2
    records = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert [r.get("schema", "error") for r in records] == [
        "textdiff.comparison/1",
        "error",
        "textdiff.comparison/1",
    ]
    assert records[1] == {
        "line": 3,
        "a": str(CLOSING),
        "b": str(tmp_path / "missing.txt"),
        "error": f"{tmp_path / 'missing.txt'}: no such file",
    }
    missing = tmp_path / "missing.txt"
    assert res.stderr.decode() == f"textdiff: error: pairs line 3: {missing}: no such file\n"


def test_output_file_and_usage_errors(tmp_path: Path) -> None:
    (tmp_path / "pairs.tsv").write_text(listing(PAIRS), encoding="utf-8")
    res = textdiff(tmp_path, "compare", "--pairs", "pairs.tsv", "-o", "out.txt")
    assert res.returncode == 1 and res.stdout == b""
    assert len((tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()) == 3
    res = textdiff(tmp_path, "compare", "--pairs", "pairs.tsv", "-o", "pairs.tsv")
    assert res.returncode == 2 and b"refusing to overwrite an input file" in res.stderr
    res = textdiff(tmp_path, "compare", str(CLOSING), "--pairs", "pairs.tsv")
    assert res.returncode == 2 and b"give A and B, or --pairs FILE, not both" in res.stderr
    res = textdiff(tmp_path, "compare", "--pairs", "pairs.tsv", "--format", "html")
    assert res.returncode == 2 and b"--pairs writes text or JSON Lines" in res.stderr
    (tmp_path / "bad.tsv").write_text("only-one-path\n", encoding="utf-8")
    res = textdiff(tmp_path, "compare", "--pairs", "bad.tsv")
    assert res.returncode == 2
    assert res.stderr == b"textdiff: error: bad.tsv:1: a pair is A and B separated by one tab\n"


def test_read_pairs() -> None:
    text = '\n# c\n a.txt\tb.txt\r\n{"a": "x\\ny", "b": "z"}\n'
    assert read_pairs(text) == [Pair(3, " a.txt", "b.txt"), Pair(4, "x\ny", "z")]
    for bad in ("a\tb\tc\n", "{]\n", '{"a": 1, "b": "x"}\n', "-\ta\nb\t-\n"):
        with pytest.raises(OptionsError):
            read_pairs(bad)


def test_stdin_on_a_terminal_says_it_is_waiting(tmp_path: Path) -> None:
    """`compare - B` at a terminal no longer waits silently: it says what it is reading."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "textdiff", "compare", "-", str(CLOSING), "-q"],
        stdin=follower,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(follower)
    assert proc.stderr is not None
    first = proc.stderr.readline()  # written before reading standard input
    os.write(leader, CLOSING.read_bytes()[:200].replace(b"\n", b"\r") + b"\r\x04")
    proc.wait(timeout=60)
    os.close(leader)
    assert first == b"textdiff: reading A from standard input (end it with Ctrl-D)\n"
    assert proc.returncode in (0, 1)
