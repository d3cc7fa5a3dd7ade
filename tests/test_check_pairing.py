"""check.pairing: explicit paths, globs, the pairing rule, and errors that stop a silent no-op."""

from __future__ import annotations

from pathlib import Path

import pytest

from textdiff.check.config import load_config
from textdiff.check.errors import ConfigError
from textdiff.check.pairing import glob_problem, resolve


def repo(tmp_path: Path, config: str, files: list[str]) -> Path:
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"text of {name}\n", encoding="utf-8")
    (tmp_path / "textdiff.toml").write_text(config, encoding="utf-8")
    return tmp_path / "textdiff.toml"


def pairs_of(path: Path) -> list[tuple[str, str, str]]:
    return [(p.check, p.reference, p.copy) for p in resolve(load_config(path))]


def test_explicit_paths_and_globs_sorted_and_deduplicated(tmp_path: Path) -> None:
    path = repo(
        tmp_path,
        '[[check]]\nname = "s"\nreference = "ref/speech.txt"\n'
        'copies = ["copies/b.txt", "copies/*.txt", "deep/**/*.txt"]\n',
        ["ref/speech.txt", "copies/b.txt", "copies/a.txt", "deep/x/y/c.txt", "copies/skip.md"],
    )
    assert pairs_of(path) == [
        ("s", "ref/speech.txt", "copies/b.txt"),
        ("s", "ref/speech.txt", "copies/a.txt"),
        ("s", "ref/speech.txt", "deep/x/y/c.txt"),
    ]


def test_glob_never_pairs_the_reference_with_itself(tmp_path: Path) -> None:
    path = repo(
        tmp_path,
        '[[check]]\nreference = "texts/ref.txt"\ncopies = "texts/*.txt"\n',
        ["texts/ref.txt", "texts/copy.txt"],
    )
    assert pairs_of(path) == [("texts/ref.txt", "texts/ref.txt", "texts/copy.txt")]


def test_pairing_rule_by_name(tmp_path: Path) -> None:
    path = repo(
        tmp_path,
        '[[check]]\nreference-dir = "reference"\ncopy-dir = "transcripts"\nmatch = "**/*.txt"\n',
        ["reference/a.txt", "reference/sub/b.txt", "transcripts/a.txt", "transcripts/sub/b.txt"],
    )
    name = "transcripts vs reference"
    assert pairs_of(path) == [
        (name, "reference/a.txt", "transcripts/a.txt"),
        (name, "reference/sub/b.txt", "transcripts/sub/b.txt"),
    ]
    pair = resolve(load_config(path))[0]
    assert pair.copy_path == tmp_path.resolve() / "transcripts" / "a.txt"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('reference = "missing.txt"\ncopies = "copy.txt"', "no such file 'missing.txt'"),
        ('reference = "ref.txt"\ncopies = "gone.txt"', "no such file 'gone.txt'"),
        ('reference = "ref.txt"\ncopies = "*.md"', "'\\*.md' matches no files"),
        ('reference = "ref.txt"\ncopies = "[abc.txt"', "bad glob '\\[abc.txt': unclosed"),
        ('reference = "ref.txt"\ncopies = "ref.txt"', "no copies to check"),
        ('reference-dir = "nodir"\ncopy-dir = "copies"', "reference-dir 'nodir' is not a dir"),
        ('reference-dir = "."\ncopy-dir = "copies"', "copies/orphan.txt has no reference"),
    ],
)
def test_errors_name_the_file_and_check(tmp_path: Path, config: str, message: str) -> None:
    path = repo(
        tmp_path,
        f'[[check]]\nname = "c"\n{config}\n',
        ["ref.txt", "copy.txt", "copies/orphan.txt"],
    )
    with pytest.raises(ConfigError, match=message) as exc:
        resolve(load_config(path))
    assert "textdiff.toml: check 'c': " in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize(
    ("pattern", "ok"),
    [("*.txt", True), ("[ab].txt", True), ("[]].txt", True), ("[!a].txt", True), ("[a.txt", False)],
)
def test_glob_problem(pattern: str, ok: bool) -> None:
    assert (glob_problem(pattern) is None) is ok


def test_a_reference_glob_matching_several_files_is_a_config_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "ref").mkdir()
    (tmp_path / "ref" / "one.txt").write_text("One text here.\n")
    (tmp_path / "ref" / "two.txt").write_text("Another text.\n")
    (tmp_path / "c.txt").write_text("One text here.\n")
    (tmp_path / "t.toml").write_text('[[check]]\nreference = "ref/*.txt"\ncopies = "c.txt"\n')
    res = subprocess.run(
        [sys.executable, "-m", "textdiff", "check", "--config", "t.toml"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert res.returncode == 2 and "matches 2 files" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("beside", [[], ["copies/a.txt"]])
def test_a_fifo_among_the_copies_is_named_not_skipped(tmp_path: Path, beside: list[str]) -> None:
    """F13: a FIFO would block the check; it is named (exit 2), alone or beside a file,
    never reported as "matches no files" nor skipped without a word."""
    import os

    path = repo(
        tmp_path,
        '[[check]]\nreference-dir = "reference"\ncopy-dir = "copies"\nmatch = "*"\n',
        ["reference/a.txt", "reference/pipe.txt", *beside],
    )
    (tmp_path / "copies").mkdir(exist_ok=True)
    os.mkfifo(tmp_path / "copies" / "pipe.txt")
    with pytest.raises(ConfigError, match=r"pipe\.txt: a FIFO, not a file"):
        resolve(load_config(path))


def test_a_folder_that_cannot_be_listed_is_named(tmp_path: Path) -> None:
    """F19: glob passes over a folder it cannot list; the check says which and why."""
    import subprocess
    import sys
    import tempfile

    from .test_scan_bad_input import _as_unprivileged

    top = Path(tempfile.mkdtemp(prefix="textdiff-noread-"))
    try:
        top.chmod(0o755)
        repo(
            top,
            '[[check]]\nreference-dir = "reference"\ncopy-dir = "copies"\nmatch = "**/*.txt"\n',
            ["reference/a.txt", "copies/locked/a.txt"],
        )
        (top / "copies" / "locked").chmod(0o000)
        res = subprocess.run(
            _as_unprivileged([sys.executable, "-m", "textdiff", "check"]),
            capture_output=True, cwd=top, timeout=120, check=False,
        )  # fmt: skip
        assert res.returncode == 2
        assert res.stderr.decode().endswith("copies/locked: Permission denied\n"), res.stderr
        assert "cannot list folder" in res.stderr.decode()
    finally:
        (top / "copies" / "locked").chmod(0o755)
        import shutil

        shutil.rmtree(top)
