"""The command line as a user runs it: exit codes, formats, bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from .conftest import (
    ADDRESS_2013,
    BULLETIN,
    CLOSING,
    OPENING_2021,
    ROOT,
    assert_contract,
    run_cli,
)


def test_seed_pair_is_equivalent_exit_0(tmp_path: Path) -> None:
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "--format", "json")
    assert res.returncode == 0, res.stderr
    out = assert_contract(res.stdout, CLOSING, BULLETIN, tmp_path)
    assert out["summary"]["verdict"] == "equivalent"


def test_seed_pair_reversed_is_equivalent(tmp_path: Path) -> None:
    res = run_cli("compare", str(BULLETIN), str(CLOSING), "--format", "json")
    assert res.returncode == 0, res.stderr
    out = assert_contract(res.stdout, BULLETIN, CLOSING, tmp_path)
    assert out["summary"]["region_edits"].get("spelling") == 4


def test_different_speeches_unrelated_exit_1(tmp_path: Path) -> None:
    res = run_cli("compare", str(ADDRESS_2013), str(OPENING_2021), "--format", "json")
    assert res.returncode == 1
    out = assert_contract(res.stdout, ADDRESS_2013, OPENING_2021, tmp_path)
    assert out["summary"]["verdict"] == "unrelated"


def test_text_output_has_summary_and_marks() -> None:
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "--color", "never")
    text = res.stdout.decode("utf-8")
    assert res.returncode == 0
    assert "[-fulfil-]{+fulfill+}" in text
    assert text.rstrip().splitlines()[-1].startswith("equivalent")
    assert "\x1b[" not in text


def test_color_always_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "--color", "always")
    assert b"\x1b[31m" in res.stdout
    res = run_cli("compare", str(CLOSING), str(BULLETIN))  # not a terminal: no colour
    assert b"\x1b[" not in res.stdout


def test_quiet_prints_nothing() -> None:
    res = run_cli("compare", str(ADDRESS_2013), str(OPENING_2021), "-q")
    assert res.returncode == 1
    assert res.stdout == b"" and res.stderr == b""


def test_stdin_dash(tmp_path: Path) -> None:
    res = run_cli("compare", "-", str(BULLETIN), "--format", "json", stdin=CLOSING.read_bytes())
    assert res.returncode == 0
    assert json.loads(res.stdout)["documents"][0]["path"] == "-"


def test_identical_files(tmp_path: Path) -> None:
    res = run_cli("compare", str(CLOSING), str(CLOSING), "--format", "json")
    assert res.returncode == 0
    out = assert_contract(res.stdout, CLOSING, CLOSING, tmp_path)
    assert out["summary"]["verdict"] == "identical"
    assert out["summary"]["edits"] == {}


def test_strict_profile_makes_spelling_count() -> None:
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "--profile", "strict", "-q")
    assert res.returncode == 1
    res = run_cli(
        "compare",
        str(CLOSING),
        str(BULLETIN),
        "--profile",
        "strict",
        "--ignore",
        "typography,spelling,whitespace,formatting,boilerplate",
        "-q",
    )
    assert res.returncode == 0


def test_output_file_written_atomically_never_over_input(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "--format", "json", "-o", str(out))
    assert res.returncode == 0 and res.stdout == b""
    assert json.loads(out.read_text())["schema"] == "textdiff.comparison/1"
    assert [p.name for p in tmp_path.iterdir()] == ["o.json"]  # no temporary left behind
    victim = tmp_path / "a.txt"
    victim.write_text("keep me\n")
    res = run_cli("compare", str(victim), str(BULLETIN), "-o", str(victim))
    assert res.returncode == 2
    assert victim.read_text() == "keep me\n"


def _bad(*args: str) -> str:
    res = run_cli(*args)
    err = res.stderr.decode("utf-8")
    assert res.returncode == 2, (res.returncode, err)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("textdiff: error: ")
    return err


def test_missing_file() -> None:
    assert "no such file" in _bad("compare", "nope.txt", str(CLOSING))


def test_directory(tmp_path: Path) -> None:
    assert "directory" in _bad("compare", str(tmp_path), str(CLOSING))


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty" in _bad("compare", str(empty), str(CLOSING))
    res = run_cli("compare", str(empty), str(CLOSING), "--allow-empty", "-q")
    assert res.returncode == 1  # a valid comparison: nothing aligns


def test_binary_file(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "binary" in _bad("compare", str(pdf), str(CLOSING))
    nul = tmp_path / "x.bin"
    nul.write_bytes(bytes(range(256)) * 4)
    assert "binary" in _bad("compare", str(nul), str(CLOSING))


def test_undecodable_bytes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\x81\x8d\x8f\x90\x9d text \xff\xfe\xfd" * 20)
    assert "undecodable" in _bad("compare", str(bad), str(CLOSING))


def test_unknown_option_and_values() -> None:
    assert "--frobnicate" in _bad("compare", str(CLOSING), str(BULLETIN), "--frobnicate")
    assert "profile" in _bad("compare", str(CLOSING), str(BULLETIN), "--profile", "lax")
    assert "category" in _bad("compare", str(CLOSING), str(BULLETIN), "--ignore", "vibes")
    assert "encoding" in _bad("compare", str(CLOSING), str(BULLETIN), "--encoding", "klingon-8")
    assert "Missing argument" in _bad("compare", str(CLOSING))


def test_inspect_text_and_json() -> None:
    res = run_cli("inspect", str(CLOSING))
    assert res.returncode == 0
    out = res.stdout.decode()
    assert "utf-8" in out and "heading" in out and "boilerplate" in out
    res = run_cli(
        "inspect", "samples/encodings/rodong-short-course-2021.euc-kr.txt", "--format", "json"
    )
    rec = json.loads(res.stdout)
    assert rec["encoding"] == "euc-kr" and rec["encoding_method"] == "detected"


def test_terminal_never_gets_control_characters(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("A paragraph about the \x1b[31mred\x1b[0m party and more words here.\n")
    b.write_text("A paragraph about the \x1b]0;pwned\x07 party and more words here.\n")
    res = run_cli("compare", str(a), str(b), "--color", "never")
    assert b"\x1b" not in res.stdout and b"\x07" not in res.stdout
    assert b"\\x1b" in res.stdout


def test_version_and_help() -> None:
    assert run_cli("--version").returncode == 0
    res = run_cli("compare", "--help")
    assert res.returncode == 0
    text = " ".join(res.stdout.decode().split())
    assert "A is the version you start from" in text and "B the one you compare with it" in text
    for verdict in ("identical", "equivalent", "variant", "unrelated"):
        assert f"{verdict} " in text
    assert "exit status 2" in text and "--pairs FILE" in text


def test_error_messages_never_carry_raw_controls(tmp_path: Path) -> None:
    err = _bad("compare", "x\x1b]0;PWNED\x07\x1b[31mRED\u202e.txt", str(CLOSING))
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    err = _bad("compare", "a\nb.txt", str(CLOSING))
    assert "a\\nb.txt" in err


def test_output_keeps_permissions_and_dash_is_stdout(tmp_path: Path) -> None:
    out = tmp_path / "o.txt"
    out.write_text("old")
    out.chmod(0o644)
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "-o", str(out))
    assert res.returncode == 0 and (out.stat().st_mode & 0o777) == 0o644
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "-o", "-", "--format", "json")
    assert res.returncode == 0 and json.loads(res.stdout)["schema"]
    assert not (Path.cwd() / "-").exists()


def test_bare_command_prints_help_and_exits_2() -> None:
    """`textdiff` alone is a usage error, as for click groups and git: help, then status 2."""
    res = run_cli()
    assert res.returncode == 2 and b"compare" in res.stdout and b"inspect" in res.stdout


def test_context_zero_shows_only_edits() -> None:
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "--context", "0", "--color", "never")
    line = next(ln for ln in res.stdout.decode().splitlines() if "fulfil" in ln)
    assert line.strip() == "…[-fulfil-]{+fulfill+}…"


def _bad_with(cmd: list[str], **kwargs: Any) -> str:
    """Like _bad, for a child run with its own descriptors or environment."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    res = subprocess.run(
        [sys.executable, "-m", "textdiff", *cmd], stderr=subprocess.PIPE, cwd=ROOT, **kwargs
    )
    err = res.stderr.decode("utf-8")
    assert res.returncode == 2, (res.returncode, err)
    assert len(err.strip().splitlines()) == 1 and err.startswith("textdiff: error: "), err
    return err


@pytest.mark.parametrize("codec", ["rot13", "hex", "base64", "undefined"])
def test_codecs_that_are_not_text_encodings(codec: str) -> None:
    err = _bad("compare", str(CLOSING), str(BULLETIN), "--encoding", codec)
    assert "not a text encoding" in err


def test_encoding_that_rejects_the_bytes(tmp_path: Path) -> None:
    f = tmp_path / "w.txt"
    f.write_text("wörld\n", encoding="utf-8")
    assert "not valid" in _bad("compare", str(f), str(f), "--encoding", "punycode")


def test_line_separators_in_a_name_stay_on_one_line() -> None:
    err = _bad("compare", "x\u2028y\u2029z.txt", str(CLOSING))
    assert "x\\u2028y\\u2029z.txt" in err


def test_closed_or_full_standard_streams() -> None:
    argv = ["compare", str(CLOSING), str(BULLETIN)]
    closed = _bad_with(argv, preexec_fn=lambda: os.close(1))
    assert "standard output is closed" in closed
    closed = _bad_with(["compare", "-", str(BULLETIN)], preexec_fn=lambda: os.close(0))
    assert "standard input is closed" in closed
    if Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:
            assert "No space left" in _bad_with(argv, stdout=full)


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    res = run_cli("compare", str(CLOSING), str(BULLETIN), "--format", "json", "-o", str(fifo))
    reader.join(timeout=60)
    assert res.returncode == 0, res.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # not replaced by a regular file
    assert json.loads(got[0])["schema"] == "textdiff.comparison/1"


def test_never_over_an_input_read_from_stdin_or_a_hard_link(tmp_path: Path) -> None:
    victim = tmp_path / "a.txt"
    victim.write_text("keep me\n")
    with victim.open("rb") as fh:
        res = subprocess.run(
            [sys.executable, "-m", "textdiff", "compare", "-", str(BULLETIN), "-o", str(victim)],
            stdin=fh,
            capture_output=True,
            cwd=ROOT,
        )
    assert res.returncode == 2 and b"overwrite an input" in res.stderr
    link = tmp_path / "link.txt"
    os.link(victim, link)
    assert "overwrite an input" in _bad("compare", str(victim), str(BULLETIN), "-o", str(link))
    assert victim.read_text() == "keep me\n"


def test_text_output_to_an_ascii_terminal_escapes_what_it_cannot_show() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "textdiff", "compare", str(CLOSING), str(BULLETIN)],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert res.returncode == 0 and b"Traceback" not in res.stderr
    assert b"\\u2019" in res.stdout or b"\\xb7" in res.stdout
