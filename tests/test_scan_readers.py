"""Reading inputs: discovery with globs, partitions by byte range, bad input reported."""

from __future__ import annotations

import gzip
import json
import os
from itertools import pairwise
from pathlib import Path

import pytest

from textdiff.errors import InputError
from textdiff.scan.readers import (
    Partition,
    Problem,
    discover,
    group_text,
    plan,
    read_partition,
)

from .conftest import SAMPLES


def _jsonl(path: Path, rows: list[object], gz: bool = False) -> Path:
    data = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)
    if gz:
        path.write_bytes(gzip.compress(data.encode("utf-8")))
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _read_all(path: Path, size: int) -> tuple[list[str], list[Problem], list[int]]:
    (source,) = discover([str(path)]).sources
    keys, problems, lines = [], [], []
    for p in plan(source, size):
        r = read_partition(p)
        keys += [d.key for d in r.docs]
        lines += [d.line or 0 for d in r.docs]
        problems += r.problems
    return keys, problems, lines


def test_discover_walks_folders_with_globs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "skip.txt").write_text("x")
    (tmp_path / "two.md").write_text("x")
    (tmp_path / "data.jsonl.gz").write_bytes(gzip.compress(b"{}\n"))
    (tmp_path / "picture.png").write_bytes(b"x")
    found = discover([str(tmp_path)], exclude=["skip.*"])
    names = [os.path.relpath(s.path, tmp_path) for s in found.sources]
    assert names == ["data.jsonl.gz", "two.md", os.path.join("a", "one.txt")]
    assert [s.kind for s in found.sources] == ["jsonl", "text", "text"]
    assert not found.problems and not found.outputs
    only = discover([str(tmp_path)], include=["a/*.txt"]).sources
    assert [os.path.basename(s.path) for s in only] == ["one.txt", "skip.txt"]


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        discover([str(tmp_path / "nope")])


@pytest.mark.parametrize("gz", [False, True])
def test_partitions_cover_every_line_once(tmp_path: Path, gz: bool) -> None:
    rows = [{"id": f"d{i}", "text": f"text number {i} " * 20, "date": f"2012-01-{i % 28 + 1:02d}"}
            for i in range(200)]  # fmt: skip
    path = _jsonl(tmp_path / ("x.jsonl.gz" if gz else "x.jsonl"), rows, gz)
    (source,) = discover([str(path)]).sources
    parts = plan(source, 2000)
    assert len(parts) > 5
    assert parts[0].start == 0 and all(p.stop == q.start for p, q in pairwise(parts))
    keys, problems, lines = _read_all(path, 2000)
    assert keys == [f"d{i}" for i in range(200)] and not problems
    assert lines == list(range(1, 201))
    doc = read_partition(parts[0]).docs[0]
    assert json.loads(doc.meta) == {"date": "2012-01-01"} and doc.name == "d0"


def test_bad_lines_are_reported_with_file_and_line_and_skipped(tmp_path: Path) -> None:
    good = {"id": "ok", "text": "a real article text"}
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        b"\n".join(
            [
                json.dumps(good).encode(),
                b"{not json",
                json.dumps({"id": "no-text", "title": "t"}).encode(),
                b"[1, 2]",
                json.dumps({"id": "empty", "text": "  "}).encode(),
                json.dumps({"id": "ok", "text": "again"}).encode(),
                # Not UTF-8: decoded as compare would decode it (cp1252 here).
                '{"id": "legacy", "text": "caf\u00e9 \u2013 ok"}'.encode("cp1252"),
                b"",
            ]
        )
    )
    keys, problems, _ = _read_all(path, 1 << 20)
    assert keys == ["ok", "legacy"]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (2, "malformed JSON"),
        (3, "no 'text' string"),
        (4, "not a JSON object"),
        (5, "empty 'text'"),
        (6, "duplicate id 'ok'"),
    ]
    assert str(problems[0]).startswith(f"{path}:2: malformed JSON")


def test_truncated_gzip_keeps_what_was_read(tmp_path: Path) -> None:
    rows = [{"id": str(i), "text": f"article {i} " * 50} for i in range(50)]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    (source,) = discover([str(path)]).sources
    result = read_partition(Partition("jsonl", (str(path),), 0, 10**9, 1))
    assert 0 < len(result.docs) < 50
    assert result.problems and "cannot read further" in result.problems[0].message
    assert source.kind == "jsonl"


def test_text_files_decoded_as_compare_does_and_bad_ones_reported(tmp_path: Path) -> None:
    enc = SAMPLES / "encodings" / "closing-address.utf-16le-nobom.txt"
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing")
    (tmp_path / "empty.txt").write_bytes(b"")
    found = discover([str(enc), str(tmp_path)])
    sources, problems = found.sources, found.problems
    # The dangling link cannot even be stat-ed: reported when found.
    assert [(os.path.basename(p.path), p.message) for p in problems] == [
        ("gone.txt", "cannot read: No such file or directory")
    ]
    results = [read_partition(p) for p in group_text(sources)]
    docs = [d for r in results for d in r.docs]
    bad = sorted((os.path.basename(p.path), p.message) for r in results for p in r.problems)
    assert [d.encoding for d in docs] == ["utf-16-le"]
    assert docs[0].words > 1000 and docs[0].shingles
    assert [name for name, _ in bad] == ["empty.txt", "image.txt"]
    assert "binary file" in bad[1][1]


def test_truncated_or_false_gzip_through_plan(tmp_path: Path) -> None:
    """plan() reads the whole stream to cut partitions: a broken one must not stop the scan."""
    rows = [{"id": str(i), "text": f"article {i} " * 50} for i in range(50)]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    keys, problems, _ = _read_all(cut, 1 << 20)
    assert 0 < len(keys) < 50 and "cannot read further" in problems[-1].message
    fake = _jsonl(tmp_path / "plain.jsonl.gz", rows[:2])  # named .gz, not gzip at all
    keys, problems, _ = _read_all(fake, 1 << 20)
    assert keys == [] and "cannot read further" in problems[-1].message


def test_lone_surrogate_text_is_bad_input(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "s.jsonl", ['{"id": "x", "text": "half \\ud800 a character"}'])
    keys, problems, _ = _read_all(path, 1 << 20)
    assert keys == [] and "surrogate" in problems[0].message and problems[0].line == 1
