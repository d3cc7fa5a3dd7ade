"""Candidates: containment (not Jaccard), boilerplate cut-off, rarity weights, pending, top-k."""

from __future__ import annotations

import numpy as np

from textdiff.scan.candidates import Thresholds, find_candidates


def _set(*ranges: tuple[int, int]) -> np.ndarray:
    return np.unique(np.concatenate([np.arange(a, b, dtype=np.uint64) for a, b in ranges]))


def _pairs(sets: list[np.ndarray], t: Thresholds, pending: np.ndarray | None = None) -> list:
    mask = np.ones(len(sets), bool) if pending is None else pending
    c = find_candidates(sets, mask, t)
    return list(zip(c.a.tolist(), c.b.tolist(), strict=True))


def test_small_text_inside_large_one_scores_as_contained() -> None:
    # 100 shingles inside 600: Jaccard 0.17, containment 1.
    speech = _set((0, 100))
    bulletin = _set((0, 100), (1000, 1500))
    other = _set((5000, 5100))
    c = find_candidates([speech, bulletin, other], np.ones(3, bool), Thresholds())
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
    c = find_candidates([*template, original, copy], np.ones(12, bool), Thresholds())
    assert list(zip(c.a.tolist(), c.b.tolist(), strict=True)) == [(10, 11)]
    assert round(float(c.score[0]), 3) == 0.875


def test_only_pairs_with_a_pending_document() -> None:
    docs = [_set((0, 50)), _set((0, 50)), _set((0, 50))]
    pending = np.array([False, False, True])
    assert _pairs(docs, Thresholds(), pending) == [(0, 2), (1, 2)]


def test_top_k_keeps_each_documents_best() -> None:
    hub = _set((0, 1000))
    spokes = [_set((i * 100, i * 100 + 100 - i)) for i in range(10)]
    got = _pairs([hub, *spokes], Thresholds(top_k=3, min_score=0.0))
    # Every spoke keeps its one candidate (the hub is in its top 3).
    assert got == [(0, i) for i in range(1, 11)]
    got = _pairs([hub, *spokes, hub.copy()], Thresholds(top_k=1, min_score=0.0))
    assert (0, 11) in got and len(got) == 11
