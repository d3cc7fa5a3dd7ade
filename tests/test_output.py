"""output: atomic writes that never replace an input nor leave temporaries behind; streams
that survive any encoding; and no command that writes to standard output behind its back."""

from __future__ import annotations

import ast
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textdiff import InputError
from textdiff.output import file_id, stale_temporaries, write_atomic, write_stdout

from .conftest import ROOT


def test_writes_whole_files_with_the_mode_a_plain_open_gives(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    write_atomic(out, "één\n")
    assert out.read_bytes() == "één\n".encode()
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    out.chmod(0o640)
    write_atomic(str(out), b"bytes too")
    assert out.read_bytes() == b"bytes too" and out.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["out.txt"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_fixed_temporary_name_is_never_used(tmp_path: Path) -> None:
    """Two runs writing one target never share a temporary file (scan used ``path + '.tmp'``)."""
    out = tmp_path / "index.html"
    other = tmp_path / "index.html.tmp"
    other.write_text("another run's file")
    write_atomic(out, "mine")
    assert other.read_text() == "another run's file" and out.read_text() == "mine"


def test_an_input_is_never_overwritten_however_it_is_named(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_text("input")
    (tmp_path / "d").mkdir()
    os.link(src, tmp_path / "hard.txt")
    (tmp_path / "sym.txt").symlink_to(src)
    spellings = (src, tmp_path / "d" / ".." / "in.txt", tmp_path / "hard.txt", tmp_path / "sym.txt")
    for target in spellings:
        with pytest.raises(InputError, match="refusing to overwrite an input file"):
            write_atomic(target, "x", [str(src)])
    known = file_id(src)
    assert known is not None
    with pytest.raises(InputError, match="refusing"):
        write_atomic(tmp_path / "hard.txt", "x", protect={known})  # e.g. found in a folder
    assert src.read_text() == "input"


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_directories_and_missing_folders_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        write_atomic(tmp_path, "x")
    with pytest.raises(InputError, match="no such directory"):
        write_atomic(tmp_path / "nope" / "x.txt", "x")
    with pytest.raises(InputError, match="cannot write"):
        write_atomic(str(tmp_path / "nul\x00.txt"), "x")


def test_devices_are_written_in_place() -> None:
    write_atomic("/dev/null", "discarded")  # renaming over it would replace the device


def _aged(path: Path, seconds: float = 3600) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_temporaries_of_killed_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    """F20: a run killed between creating its temporary file and the rename leaves it behind;
    the next write of the same target removes it unless its writer still holds its lock."""
    out = tmp_path / "out.html"
    dead = tmp_path / ".out.html.deadbeef.tmp"
    young = tmp_path / ".out.html.youngone.tmp"
    live = tmp_path / ".out.html.livelock.tmp"
    other = tmp_path / ".other.html.deadbeef.tmp"
    for p in (dead, young, live, other):
        p.write_text("partial")
    for p in (dead, live, other):
        _aged(p)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
            "print('locked', flush=True); sys.stdin.read()",
            str(live),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        assert stale_temporaries(out) == sorted(str(p) for p in (dead, live, young))
        write_atomic(out, "report")
        assert not dead.exists()  # its writer is gone
        assert live.exists() and young.exists() and other.exists()  # live, too young, not ours
    finally:
        holder.communicate("")
    write_atomic(out, "again")
    assert not live.exists() and young.exists()
    assert out.read_text() == "again"


def _stream(encoding: str, errors: str = "strict") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8"])
def test_stdout_takes_what_its_encoding_cannot(
    encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream = _stream(encoding)
    monkeypatch.setattr(sys, "stdout", stream)
    write_stdout("· ✗ 김 bad\udcff.txt\n")
    stream.flush()
    data = stream.buffer.getvalue()  # type: ignore[attr-defined]
    assert data.decode(encoding).endswith("bad\\udcff.txt\n")
    if encoding == "ascii":
        assert data == b"\\xb7 \\u2717 \\uae40 bad\\udcff.txt\n"
    write_stdout("<p>é</p>", utf8=True)  # a page declares its charset: UTF-8 whatever the locale
    assert stream.buffer.getvalue().endswith("<p>é</p>".encode())  # type: ignore[attr-defined]


def _direct_writes(path: Path) -> list[str]:
    """Calls in ``path`` that write to standard output or error other than through output."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = ast.unparse(f)
        if name in ("print", "click.echo", "click.secho", "echo", "secho") or (
            isinstance(f, ast.Attribute)
            and f.attr in ("write", "writelines")
            and ast.unparse(f.value) in ("sys.stdout", "sys.stderr", "sys.stdout.buffer")
        ):
            found.append(f"{path.name}:{node.lineno}: {name}")
    return found


def test_no_command_writes_to_stdout_directly(tmp_path: Path) -> None:
    """Every command writes through ``textdiff.output``, which survives any stream encoding and
    reports a full disk as trouble; a bare write would be a traceback under PYTHONIOENCODING."""
    package = ROOT / "textdiff"
    files = [*(package / "commands").glob("*.py"), package / "cli.py", package / "__main__.py"]
    assert len(files) > 5
    assert [hit for f in files for hit in _direct_writes(f)] == []
    bad = tmp_path / "bad.py"
    bad.write_text("import sys, click\nsys.stdout.write('x')\nclick.echo('y', err=True)\nprint()\n")
    assert len(_direct_writes(bad)) == 3  # the check itself can fail
