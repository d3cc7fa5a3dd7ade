"""``textdiff scan`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import SAMPLES, run_cli


def test_scan_samples_folder_summary() -> None:
    res = run_cli("scan", "samples/", "--exclude", "encodings/*")
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode()
    assert "1 pair in 1 family" in out and "contained-in 1" in out
    assert res.stderr == b""  # no progress: stderr is not a terminal


def test_scan_jsonl_to_file_and_index_reuse(tmp_path: Path) -> None:
    index, out = tmp_path / "i.sqlite", tmp_path / "out.jsonl"
    args = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    res = run_cli("scan", *args, "--index", str(index), "--format", "jsonl", "-o", str(out))
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["type"] for r in recs] == ["pair", "family", "summary"]
    res = run_cli("scan", "--index", str(index), "--format", "jsonl")
    again = [json.loads(line) for line in res.stdout.decode().splitlines()]
    assert again[:2] == recs[:2] and again[-1]["run"]["documents_read"] == 0


def test_scan_html_writes_index(tmp_path: Path) -> None:
    res = run_cli("scan", "samples/closing-address.txt", "samples/embassy-bulletin.txt",
                  "--format", "html", "-o", str(tmp_path / "h"))  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "h" / "index.html").exists()
    assert len(list((tmp_path / "h" / "pairs").iterdir())) == 1


def test_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    for args, message in [
        (["scan"], "give files or folders"),
        (["scan", "nope/"], "nope/: no such file or directory"),
        (["scan", "samples/", "--format", "html"], "needs -o FOLDER"),
        (["scan", "samples/", "--engine", "dask"], "--scheduler ADDRESS or --dask-local"),
    ]:
        res = run_cli(*args)
        assert res.returncode == 2, (args, res.stderr)
        line = res.stderr.decode()
        assert line.startswith("textdiff: error: ") and message in line, args
        assert line.count("\n") == 1, args
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    res = run_cli("scan", "samples/", "--index", str(bad))
    assert res.returncode == 2 and b"not a textdiff scan index" in res.stderr


def test_bad_input_reported_on_stderr_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"id": 1, "text": "fine text here"}\n{oops\n')
    res = run_cli("scan", str(tmp_path))
    assert res.returncode == 0
    assert res.stderr.decode().startswith(f"textdiff: bad input: {tmp_path}/x.jsonl:2: malformed")
    assert "1 bad input" in res.stdout.decode()
