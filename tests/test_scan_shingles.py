"""Shingles: normalized, deterministic across processes, sampled consistently, per document."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from textdiff.scan.shingles import SAMPLE, WordHasher, shingle_sets, token_hashes

from .conftest import CLOSING


def test_word_hashes_fold_what_compare_folds() -> None:
    h = WordHasher()
    a = h.words("“The Behaviour” of the Party—to-day")
    b = h.words('"the behavior" of the Party - today')
    assert a.tolist() == b.tolist()


def test_hashes_are_the_same_in_another_process() -> None:
    # Stored in the index and compared across workers: never Python's salted hash().
    code = "from textdiff.scan.shingles import token_hashes; print(token_hashes('Party'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == str(token_hashes("Party"))


def test_sets_do_not_depend_on_batch_neighbours() -> None:
    h = WordHasher()
    text = CLOSING.read_text(encoding="utf-8")
    alone = shingle_sets([h.words(text)])[0]
    prefix = text[: text.rfind(" ", 0, 3000)]
    batched = shingle_sets([h.words("short one"), h.words(text), h.words(prefix)])
    assert alone.tolist() == batched[1].tolist()
    assert len(batched[0]) == 0
    # Shingles of a prefix are a subset: the sample is chosen by shingle, not position.
    assert set(batched[2].tolist()) <= set(alone.tolist())


def test_about_one_in_sample_is_kept_sorted_unique() -> None:
    words = WordHasher().words(CLOSING.read_text(encoding="utf-8"))
    (s,) = shingle_sets([words])
    distinct = len({tuple(words[i : i + 5].tolist()) for i in range(len(words) - 4)})
    assert 0.6 < len(s) * SAMPLE / distinct < 1.4
    assert np.all(s[1:] > s[:-1])
