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
