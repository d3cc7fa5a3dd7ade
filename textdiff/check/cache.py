"""Result cache: an unchanged pair is not compared again.

    cache_key(ref_sha, copy_sha, options, embedded)   what a result depends on, hashed
    Cache(directory)                                  get(key) / put(key, outcome)

The key covers the sha256 of both files' bytes, the effective options, whether the check is
embedded, the textdiff version and ``CACHE_FORMAT``; nothing else enters an outcome (paths do
not: the same two files under other names reuse it). The baseline, ``max-substantive`` and
``min-coverage`` are applied after the cache, so changing them needs no comparison.

Entries are JSON files written through a temporary file and a rename, so parallel runs never
read half an entry. The cache is a convenience: an entry that cannot be read is recomputed,
and a directory that cannot be written is not an error.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import Options, __version__
from ..output import write_atomic
from .evaluate import PairOutcome

# Bump when PairOutcome or evaluate() changes what it stores.
CACHE_FORMAT = 2  # 2: moved paragraphs are differences where the options count moves

_GITIGNORE = "# Created by textdiff check; safe to delete.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by textdiff check.\n"
)


def cache_key(ref_sha: str, copy_sha: str, options: Options, embedded: bool) -> str:
    """The hex sha256 of everything a pair's outcome depends on."""
    material = json.dumps(
        {
            "format": CACHE_FORMAT,
            "textdiff": __version__,
            "reference": ref_sha,
            "copy": copy_sha,
            "options": options.as_dict(),
            "embedded": embedded,
        },
        sort_keys=True,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class Cache:
    """Outcomes stored as ``<directory>/<key[:2]>/<key>.json``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> PairOutcome | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return PairOutcome.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _prepare(self) -> None:
        if not self.directory.is_dir():
            self.directory.mkdir(parents=True, exist_ok=True)
            # Keep the cache out of git and out of backups, as pytest and ruff do with theirs.
            (self.directory / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
            (self.directory / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")

    def put(self, key: str, outcome: PairOutcome) -> None:
        try:
            self._prepare()
            target = self._path(key)
            target.parent.mkdir(exist_ok=True)
            data = json.dumps(outcome.to_json(), ensure_ascii=True, separators=(",", ":"))
            write_atomic(target, data, durable=False)
        except OSError:
            # A read-only checkout still gets checked, only without the speed-up.
            pass
