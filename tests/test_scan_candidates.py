"""Candidates: containment (not Jaccard), boilerplate cut-off, rarity weights, own text, top-k."""

from __future__ import annotations

import numpy as np

from textdiff.scan.candidates import Thresholds, find_candidates


def _set(*ranges: tuple[int, int]) -> np.ndarray:
    return np.unique(np.concatenate([np.arange(a, b, dtype=np.uint64) for a, b in ranges]))


def _pairs(sets: list[np.ndarray], t: Thresholds) -> list:
    c = find_candidates(sets, t)
    return list(zip(c.a.tolist(), c.b.tolist(), strict=True))


def test_small_text_inside_large_one_scores_as_contained() -> None:
    # 100 shingles inside 600: Jaccard 0.17, containment 1.
    speech = _set((0, 100))
    bulletin = _set((0, 100), (1000, 1500))
    other = _set((5000, 5100))
    c = find_candidates([speech, bulletin, other], Thresholds())
    assert (c.a.tolist(), c.b.tolist(), c.shared.tolist()) == ([0], [1], [100])
    assert c.score[0] == 1.0


def test_boilerplate_in_many_documents_never_makes_a_candidate() -> None:
    boiler = (10_000, 10_020)
    docs = [_set(boiler, (i * 100, i * 100 + 30)) for i in range(30)]
    assert _pairs(docs, Thresholds(max_df=29)) == []
    # Below the cut-off the same shingles do pair them.
    assert len(_pairs(docs, Thresholds(max_df=30, min_score=0.0))) == 30 * 29 // 2


def test_template_siblings_score_low_real_copies_high() -> None:
    # Ten "template" documents share 20 shingles among them; each has 20 of its own.
    template = [_set((0, 20), (1000 + 100 * i, 1020 + 100 * i)) for i in range(10)]
    # A republication: the same 40 shingles but for 5 edited ones.
    original = _set((50_000, 50_040))
    copy = _set((50_000, 50_035), (60_000, 60_005))
    c = find_candidates([*template, original, copy], Thresholds())
    assert list(zip(c.a.tolist(), c.b.tolist(), strict=True)) == [(10, 11)]
    assert round(float(c.score[0]), 3) == 0.875


def test_a_short_text_quoted_in_a_long_one_is_a_candidate_on_its_own_text() -> None:
    # Issue 11: an article of 200 shingles quotes 20 of a speech's 2,000. Its own
    # text outweighs the quote, so the weighted score is low; but what the two
    # share is held by no one else: a passage of their own.
    speech = _set((0, 2000))
    article = _set((500, 520), (10_000, 10_180))
    others = [_set((20_000 + 100 * i, 20_050 + 100 * i)) for i in range(5)]
    c = find_candidates([speech, article, *others], Thresholds())
    assert (c.a.tolist(), c.b.tolist(), c.shared.tolist(), c.own.tolist()) == (
        [0], [1], [20], [20],
    )  # fmt: skip
    assert c.score[0] < Thresholds().min_score
    # Quoted by more than own_df documents, the passage is no longer theirs alone.
    quoting = [_set((500, 520), (30_000 + 200 * i, 30_180 + 200 * i)) for i in range(6)]
    assert _pairs([speech, *quoting], Thresholds()) == []


def test_template_sentences_in_many_documents_never_make_a_partial_candidate() -> None:
    # Fifteen letters share three template sentences (12 shingles); each has 60 of its own.
    letters = [_set((0, 12), (1000 + 100 * i, 1060 + 100 * i)) for i in range(15)]
    assert _pairs(letters, Thresholds()) == []
    # Two of them sharing a passage of their own as well: a candidate when their own
    # text is most of what they share, not when the template's sentences are.
    letters[3] = np.union1d(letters[3], _set((9000, 9010)))
    letters[9] = np.union1d(letters[9], _set((9000, 9010)))
    assert _pairs(letters, Thresholds()) == []
    letters[3] = np.union1d(letters[3], _set((9000, 9020)))
    letters[9] = np.union1d(letters[9], _set((9000, 9020)))
    c = find_candidates(letters, Thresholds())
    assert list(zip(c.a.tolist(), c.b.tolist(), c.own.tolist(), strict=True)) == [(3, 9, 20)]


def test_top_k_keeps_each_documents_best() -> None:
    hub = _set((0, 1000))
    spokes = [_set((i * 100, i * 100 + 100 - i)) for i in range(10)]
    got = _pairs([hub, *spokes], Thresholds(top_k=3, min_score=0.0))
    # Every spoke keeps its one candidate (the hub is in its top 3).
    assert got == [(0, i) for i in range(1, 11)]
    got = _pairs([hub, *spokes, hub.copy()], Thresholds(top_k=1, min_score=0.0))
    assert (0, 11) in got and len(got) == 11
