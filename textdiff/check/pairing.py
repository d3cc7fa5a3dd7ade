"""Pairing: turn the checks of a configuration into (reference, copy) pairs.

    resolve(config)     every pair to compare, in configuration order, copies sorted by path
    Pair                one comparison to run: the check, both paths, the check's settings

A check names its copies by explicit paths or globs (``**`` recurses), or by a pairing rule:
every file under ``copy-dir`` matching ``match`` against the file of the same relative name under
``reference-dir``. A path that does not exist, a glob that matches nothing and a malformed glob
are configuration errors: a check that quietly checks nothing would always be green.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..load import not_regular
from .config import CheckSpec, Config, Settings
from .errors import ConfigError

_MAGIC = re.compile(r"[*?\[]")


@dataclass(frozen=True, slots=True)
class Pair:
    """One comparison: ``reference`` and ``copy`` are POSIX paths relative to ``root``."""

    check: str
    reference: str
    copy: str
    root: Path
    settings: Settings

    @property
    def reference_path(self) -> Path:
        return self.root / self.reference

    @property
    def copy_path(self) -> Path:
        return self.root / self.copy


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(path, root)).as_posix()


def glob_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not a well-formed glob, or None.

    >>> glob_problem("transcripts/*.txt") is None
    True
    >>> glob_problem("transcripts/[ab.txt")
    "unclosed '[' at position 12"
    """
    i = 0
    while i < len(pattern):
        if pattern[i] == "[":
            j = i + 1
            if j < len(pattern) and pattern[j] == "!":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1  # a ']' first in a class is a member, not the end
            close = pattern.find("]", j)
            if close < 0:
                return f"unclosed '[' at position {i}"
            i = close
        i += 1
    return None


def _expand(pattern: str, root: Path, where: str) -> list[Path]:
    """Files named by one entry of ``copies`` (or by ``match`` under ``root``), sorted."""
    if not _MAGIC.search(pattern):
        path = root / pattern
        if not path.is_file():
            raise ConfigError(f"{where}: no such file {pattern!r}")
        return [path]
    problem = glob_problem(pattern)
    if problem:
        raise ConfigError(f"{where}: bad glob {pattern!r}: {problem}")
    hits = []
    for hit in glob.glob(pattern, root_dir=root, recursive=True):
        try:
            what = not_regular(os.stat(root / hit).st_mode)
        except OSError as exc:
            raise ConfigError(f"{where}: {hit}: cannot read: {exc.strerror or exc}") from None
        if what is None:
            hits.append(root / hit)
        elif what != "a directory":
            # A FIFO would block the check, a device never end: named, never skipped silently.
            raise ConfigError(f"{where}: {hit}: {what}, not a file")
    if not hits:
        # glob passes over a folder it cannot list: say so rather than "no files".
        unlisted = _unlisted(pattern, root)
        if unlisted:
            raise ConfigError(f"{where}: cannot list folder {unlisted}")
        raise ConfigError(f"{where}: {pattern!r} matches no files")
    return sorted(hits)


def _unlisted(pattern: str, root: Path) -> str | None:
    """The first folder from the pattern's fixed part down that cannot be listed, and why."""
    fixed = []
    for part in Path(pattern).parts[:-1]:
        if _MAGIC.search(part):
            break
        fixed.append(part)
    errors: list[OSError] = []
    for _ in os.walk(root.joinpath(*fixed), onerror=errors.append):
        if errors:
            break
    if not errors:
        return None
    return f"{errors[0].filename}: {errors[0].strerror or errors[0]}"


def _directory(name: str, root: Path, where: str, key: str) -> Path:
    path = root / name
    if not path.is_dir():
        raise ConfigError(f"{where}: {key} {name!r} is not a directory")
    return path


def _pairs_of(spec: CheckSpec, config: Config) -> list[Pair]:
    root = config.root
    where = f"{config.label}: check {spec.name!r}"
    found: list[tuple[Path, Path]] = []
    if spec.reference is not None:
        references = _expand(spec.reference, root, where)
        if len(references) != 1:
            raise ConfigError(
                f"{where}: reference {spec.reference!r} matches {len(references)} files; "
                "a check has one reference (use reference-dir and copy-dir to pair by name)"
            )
        (reference,) = references
        for pattern in spec.copies:
            found += [(reference, copy) for copy in _expand(pattern, root, where)]
    else:
        assert spec.reference_dir is not None and spec.copy_dir is not None  # config ensures it
        ref_dir = _directory(spec.reference_dir, root, where, "reference-dir")
        copy_dir = _directory(spec.copy_dir, root, where, "copy-dir")
        for copy in _expand(spec.match, copy_dir, where):
            reference = ref_dir / copy.relative_to(copy_dir)
            if not reference.is_file():
                raise ConfigError(
                    f"{where}: {_relative(copy, root)} has no reference "
                    f"{_relative(reference, root)}"
                )
            found.append((reference, copy))
    pairs: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for reference, copy in found:
        ref, cp = _relative(reference, root), _relative(copy, root)
        # A broad glob ("texts/*.txt") may catch the reference itself, or a file twice.
        if ref == cp or (ref, cp) in seen:
            continue
        seen.add((ref, cp))
        pairs.append(Pair(spec.name, ref, cp, root, spec.settings))
    if not pairs:
        raise ConfigError(f"{where}: no copies to check besides the reference itself")
    return pairs


def resolve(config: Config) -> tuple[Pair, ...]:
    """Every pair of every check, in configuration order; raises ConfigError on bad paths."""
    return tuple(pair for spec in config.checks for pair in _pairs_of(spec, config))
