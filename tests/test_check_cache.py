"""check.cache: keys that change with what a result depends on; a cache that never breaks a run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from textdiff import Options, compare_texts
from textdiff.check.cache import Cache, cache_key
from textdiff.check.evaluate import evaluate

from .conftest import CLOSING

A, B = "a" * 64, "b" * 64


def test_key_covers_contents_options_and_embedding() -> None:
    base = cache_key(A, B, Options(), False)
    assert base == cache_key(A, B, Options(), False)
    assert (
        len(
            {
                base,
                cache_key(B, A, Options(), False),
                cache_key(A, A, Options(), False),
                cache_key(A, B, Options.make("strict"), False),
                cache_key(A, B, Options.make("strict", ["case"]), False),
                cache_key(A, B, Options(), True),
            }
        )
        == 6
    )


def test_put_get_round_trip_and_housekeeping(tmp_path: Path) -> None:
    speech = CLOSING.read_text(encoding="utf-8")
    options = Options()
    o = evaluate(compare_texts(speech, speech.replace("gigantic", "huge"), options), options, False)
    cache = Cache(tmp_path / "cache")
    key = cache_key(A, B, options, False)
    assert cache.get(key) is None
    cache.put(key, o)
    assert cache.get(key) == o
    # Kept out of git and marked as a cache; no temporary files left behind.
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (tmp_path / "cache" / "CACHEDIR.TAG").exists()
    assert [p.name for p in (tmp_path / "cache" / key[:2]).iterdir()] == [f"{key}.json"]


def test_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    key = cache_key(A, B, Options(), False)
    (tmp_path / key[:2]).mkdir()
    (tmp_path / key[:2] / f"{key}.json").write_text('{"verdict": "identical"', encoding="utf-8")
    assert cache.get(key) is None


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes anyway"
)
def test_unwritable_directory_is_not_an_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        speech = CLOSING.read_text(encoding="utf-8")
        o = evaluate(compare_texts(speech, speech), Options(), False)
        Cache(tmp_path / "cache").put("ab" * 32, o)
    finally:
        tmp_path.chmod(0o700)


def test_cache_path_that_is_a_file_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("not a directory", encoding="utf-8")
    speech = CLOSING.read_text(encoding="utf-8")
    o = evaluate(compare_texts(speech, speech), Options(), False)
    cache = Cache(tmp_path / "cache")
    cache.put("ab" * 32, o)
    assert cache.get("ab" * 32) is None
