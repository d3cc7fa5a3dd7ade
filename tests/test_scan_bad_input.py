"""Hostile input to ``scan``: every fault is bad input, reported with file and line, never a crash.

The reproducers of the adversarial run (findings F4, F6, F13, F18, F19 and
F8's folder part) turned into tests: lone surrogates anywhere in a JSON line,
nesting that exhausts the decoder, NaN and Infinity, FIFOs and devices in a
scanned folder, folders that cannot be listed, and an earlier output of
textdiff found in the scanned folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from textdiff.scan.readers import discover, plan, read_partition

from .conftest import CLOSING, ROOT, SAMPLES, run_cli

TEXT = "The quick brown fox jumps over the lazy dog again and again today."


def _lines(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _read(path: Path) -> tuple[list[str], list[tuple[int | None, str]]]:
    found = discover([str(path)])
    keys, problems = [], []
    for source in found.sources:
        for p in plan(source):
            r = read_partition(p)
            keys += [d.key for d in r.docs]
            problems += [(x.line, x.message) for x in r.problems]
    return keys, problems


def test_lone_surrogates_anywhere_are_bad_input(tmp_path: Path) -> None:
    """F4: the id, a metadata value, a key, or a nested value; a valid pair is fine."""
    path = _lines(
        tmp_path / "s.jsonl",
        f'{{"id":"a1","text":"{TEXT}","title":"\\ud800 bad"}}',
        f'{{"id":"\\udc00","text":"{TEXT}"}}',
        f'{{"id":"k","text":"{TEXT}","meta":{{"\\udfff":1}}}}',
        f'{{"id":"n","text":"{TEXT}","tags":["ok",["\\ud801"]]}}',
        f'{{"id":"pair","text":"{TEXT}","title":"\\ud83d\\ude00 a whole emoji"}}',
    )
    keys, problems = _read(path)
    assert keys == ["pair"]
    assert problems == [
        (1, "'title' holds a lone surrogate (not valid Unicode)"),
        (2, "'id' holds a lone surrogate (not valid Unicode)"),
        (3, "'meta' holds a lone surrogate (not valid Unicode)"),
        (4, "'tags' holds a lone surrogate (not valid Unicode)"),
    ]


def test_deep_nesting_is_bad_input(tmp_path: Path) -> None:
    """F6: '[' * 1000 exhausts json's recursion; a deep but decodable value is refused too."""
    deep = "[" * 1000 + "]" * 1000
    path = _lines(
        tmp_path / "deep.jsonl",
        deep,
        f'{{"id":"m","text":"{TEXT}","meta":{"[" * 200 + "]" * 200}}}',
        f'{{"id":"ok","text":"{TEXT}","meta":{"[" * 20 + "]" * 20}}}',
    )
    keys, problems = _read(path)
    assert keys == ["ok"]
    assert problems == [
        (1, "malformed JSON: nested deeper than 64 levels"),
        (2, "'meta' is nested deeper than 64 levels"),
    ]


def test_nan_and_infinity_are_bad_input(tmp_path: Path) -> None:
    """F18, input side: Python's json reads them; RFC 8259 and our output do not."""
    path = _lines(
        tmp_path / "nan.jsonl",
        f'{{"id":"a","text":"{TEXT}","score":NaN}}',
        f'{{"id":"b","text":"{TEXT}","score":-Infinity}}',
        f'{{"id":"c","text":"{TEXT}","score":[1e400]}}',
        f'{{"id":"d","text":"{TEXT}","score":1.5e300}}',
    )
    keys, problems = _read(path)
    assert keys == ["d"]
    assert [line for line, _ in problems] == [1, 2, 3]
    assert all("NaN, Infinity or a number out of range" in m for _, m in problems)


def test_scan_cli_survives_every_hostile_line(tmp_path: Path) -> None:
    """The R04/R05 reproducers: exit 0, each bad line on stderr, the good documents scanned."""
    good = CLOSING.read_text(encoding="utf-8")
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "one", "text": good, "title": "A title"}) + "\n"
        + f'{{"id":"a1","text":"{TEXT}","title":"\\ud800 bad"}}\n'
        + '{"id":"\\udc00","text":"Some other text that is long enough to be a document."}\n'
        + "[" * 1000 + "]" * 1000 + "\n"
        + f'{{"id":"x","text":"{TEXT}","score":NaN}}\n'
        + json.dumps({"id": "two", "text": good.replace("Party", "party")}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    res = run_cli("scan", str(path), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    err = res.stderr.decode().splitlines()
    assert len(err) == 4
    for n, line in zip((2, 3, 4, 5), err, strict=True):
        assert line.startswith(f"textdiff: bad input: {path}:{n}: "), line
    summary = json.loads(res.stdout.decode().splitlines()[-1])
    assert summary["pairs"] == 1 and summary["run"]["bad_input"] == 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_links_in_a_folder_are_skipped_as_bad_input(tmp_path: Path) -> None:
    """F13 and F8's folder part: the scan neither blocks on a FIFO nor reads /dev/zero."""
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(CLOSING, folder / "a.txt")
    shutil.copy(SAMPLES / "embassy-bulletin.txt", folder / "b.txt")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.txt").symlink_to("/dev/zero")
    found = discover([str(folder)])
    assert [os.path.basename(s.path) for s in found.sources] == ["a.txt", "b.txt"]
    assert sorted((os.path.basename(p.path), p.message) for p in found.problems) == [
        ("pipe.jsonl", "a FIFO, not a file: not read"),
        ("pipe.txt", "a FIFO, not a file: not read"),
        ("zero.txt", "a character device, not a file: not read"),
    ]
    # Named on the command line, the same: bad input, and the scan goes on.
    res = subprocess.run(
        [sys.executable, "-m", "textdiff", "scan", str(folder), str(folder / "pipe.txt"),
         "--format", "jsonl"],
        capture_output=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert res.stderr.decode().count("textdiff: bad input: ") == 3
    assert json.loads(res.stdout.decode().splitlines()[-1])["pairs"] == 1


@pytest.fixture
def world_tmp() -> Iterator[Path]:
    """A temporary folder outside pytest's private (0700) one."""
    path = Path(tempfile.mkdtemp(prefix="textdiff-noread-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for root, dirs, _ in os.walk(path):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(path)


def _as_unprivileged(args: list[str]) -> list[str]:
    """Run ``args`` without the power to read what its mode forbids (root bypasses modes)."""
    if os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a folder unreadable")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", *args]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_unreadable_folder_is_bad_input(world_tmp: Path) -> None:
    """F19: a folder that cannot be listed is reported, not silently skipped."""
    top = world_tmp / "corpus"
    (top / "noread").mkdir(parents=True)
    shutil.copy(CLOSING, top / "a.txt")
    shutil.copy(CLOSING, top / "noread" / "hidden.txt")
    (top / "noread").chmod(0o000)
    res = subprocess.run(
        _as_unprivileged([sys.executable, "-m", "textdiff", "scan", str(top), "--format", "jsonl"]),
        capture_output=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert res.stderr.decode() == (
        f"textdiff: bad input: {top}/noread: cannot list folder: Permission denied\n"
    )
    summary = json.loads(res.stdout.decode().splitlines()[-1])
    assert summary["documents"] == 1 and summary["run"]["bad_input"] == 1


def test_earlier_outputs_in_a_scanned_folder_are_skipped(tmp_path: Path) -> None:
    """Issue 14: a scan's JSON Lines output in the scanned folder is not read back as input."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CLOSING, corpus / "a.txt")
    shutil.copy(SAMPLES / "embassy-bulletin.txt", corpus / "b.txt")
    first = run_cli("scan", str(corpus), "--format", "jsonl", "-o", str(corpus / "scan.jsonl"))
    assert first.returncode == 0, first.stderr
    again = run_cli("scan", str(corpus), "--format", "jsonl")
    assert again.returncode == 0 and again.stderr == b""
    summary = json.loads(again.stdout.decode().splitlines()[-1])
    assert summary["run"]["bad_input"] == 0 and summary["run"]["outputs_skipped"] == 1
    assert summary["documents"] == 2
    # Named on the command line, it is bad input (one line), not 3 lines of "no 'text'".
    named = run_cli("scan", str(corpus / "a.txt"), str(corpus / "scan.jsonl"))
    assert named.returncode == 0
    assert named.stderr.decode() == (
        f"textdiff: bad input: {corpus}/scan.jsonl: a textdiff output (textdiff.scan/1), not read\n"
    )


def test_a_line_too_long_is_skipped_without_being_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F8 for JSON Lines: one line is one document; a line past the limit is bad input."""
    from textdiff.scan import readers

    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1000)
    path = _lines(
        tmp_path / "long.jsonl",
        f'{{"id":"a","text":"{TEXT}"}}',
        f'{{"id":"b","text":"{"x " * 5000}"}}',
        f'{{"id":"c","text":"{TEXT}"}}',
    )
    keys, problems = _read(path)
    assert keys == ["a", "c"]
    assert problems == [(2, "line longer than 1,000 bytes: not read")]
