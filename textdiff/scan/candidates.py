"""candidates: sampled shingle sets -> ranked candidate pairs, by an inverted index.

    Thresholds               the knobs, with the defaults measured on the KCNA archive
    Candidates               parallel arrays a, b (a < b), shared, own, score
    find_candidates(sets, thresholds)

The inverted index is built as one sort: every (shingle, document) posting
sorted by shingle, so a run of equal shingles is a posting list and its length
is the shingle's document frequency (df). A shingle in more than ``max_df``
documents is boilerplate ("Pyongyang, May 5 (KCNA) --", a template's fixed
sentences) and never makes a candidate. Every other posting list of length k
emits its k(k-1)/2 pairs, vectorised per k; one more sort counts, for each
pair, its shared shingles.

Score: containment, not Jaccard, so a speech inside a bulletin five times its
size scores as high as a republication. Each shingle is weighted by rarity,
w = 1 / max(1, df - 1): a shingle only the two documents share weighs 1, one
shared by a template's twenty uses weighs 1/19. Then

    score(A, B) = sum of w over A ∩ B / min(sum of w over A, sum of w over B)

Template siblings ("Day of Sun to Be Marked in Nigeria" / "... in Ecuador")
share sentences but those sentences are in many documents, so their score
stays low, while a re-translated revision keeps its rare names and numbers.

Partial reuse (an excerpt, a summary, one part of a serial) scores low, since
the shorter text's own paragraphs weigh as much as what it shares. So a pair
is also a candidate on a passage of its own: at least ``min_own`` shared
shingles that at most ``own_df`` documents hold (``own``), making at least
``own_share`` of all it shares. Template sentences are held by many documents
and never count as own; a quoted passage is held by the few that quote it.

A candidate is a pair with (shared >= min_shared and score >= min_score) or
(own >= min_own and own >= own_share * shared); each document keeps its
``top_k`` best by score (either side's list).

>>> sets = [np.array([1, 2, 3, 4], np.uint64), np.array([1, 2, 3, 9], np.uint64),
...         np.array([7, 8], np.uint64)]
>>> c = find_candidates(sets, Thresholds(min_shared=2, min_score=0.5))
>>> c.a.tolist(), c.b.tolist(), c.shared.tolist(), c.own.tolist(), c.score.round(2).tolist()
([0], [1], [3], [3], [0.75])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from ..errors import OptionsError

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

_SLICE = 1 << 21  # emissions gathered at a time (each a few 8-byte temporaries)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Candidate generation settings (defaults measured on the KCNA archive, docs/scan.md).

    max_df         shingles in more documents than this are boilerplate
    min_shared     sampled shingles a pair must share (3 ≈ a dozen 5-word runs)
    min_score      weighted containment a pair must reach
    top_k          per document, only its top_k candidates by score (either side's list)
    own_df         a shingle in at most this many documents is a pair's own text
    min_own        own shingles that make a candidate by themselves (8 ≈ 35 words)
    own_share      ... when at least this share of all the pair shares is own
    """

    max_df: int = 100
    min_shared: int = 3
    min_score: float = 0.25
    top_k: int = 50
    own_df: int = 5
    min_own: int = 8
    own_share: float = 0.5

    def key(self) -> str:
        """The settings as one string: candidates are stored for a collection and these."""
        return ",".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))


@dataclass(frozen=True, slots=True)
class Candidates:
    a: I64
    b: I64
    shared: I64
    own: I64
    score: F64

    def __len__(self) -> int:
        return len(self.a)


def _empty() -> Candidates:
    empty = np.zeros(0, np.int64)
    return Candidates(empty, empty, empty, empty, np.zeros(0))


def find_candidates(sets: Sequence[U64], t: Thresholds) -> Candidates:
    """Candidate pairs among documents 0..n-1 (indices into ``sets``).

    Always over the whole collection: a pair's evidence (document
    frequencies, each document's top k) is a property of the collection, so
    computing it afresh is what makes the result independent of the runs
    that built the index. Ties rank by index, so results depend only on the
    order of ``sets``, which the caller fixes (sorted by source and id).
    """
    n = len(sets)
    if n < 2:
        return _empty()
    lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=n)
    hashes = np.concatenate(list(sets))
    docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
    order = np.argsort(hashes, kind="stable")
    hashes, docs = hashes[order], docs[order]
    del order
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    counts = np.diff(np.r_[starts, len(hashes)])
    del hashes
    df = np.repeat(counts, counts)
    weights = 1.0 / np.maximum(df - 1, 1)
    total = np.bincount(docs, weights=weights, minlength=n)
    del df, weights

    # Each emitted pair is packed into one u64: a, b and the posting list's
    # length k (whose 1/(k-1) is the pair's weight for this shingle). Sorting
    # the packed keys in place then both groups the pairs and keeps their
    # weights, at a third of the memory of argsort + unique(return_inverse);
    # shifting k out in place leaves the pair keys in the same buffer.
    kbits = t.max_df.bit_length()
    dbits = (64 - kbits) // 2
    shift_a = np.uint64(dbits + kbits)
    if n >= 1 << dbits:
        raise OptionsError(f"too many documents for one scan ({n:,}; at most {(1 << dbits) - 1:,})")
    sizes = {k: int(np.count_nonzero(counts == k)) for k in range(2, t.max_df + 1)}
    # One buffer for every emission, filled in place, a slice of posting lists at
    # a time: gathering the 100-document lists at once would take four times it.
    flat: U64 = np.empty(sum(g * k * (k - 1) // 2 for k, g in sizes.items()), dtype=np.uint64)
    at = 0
    for k, groups in sizes.items():
        if not groups:
            continue
        iu, ju = np.triu_indices(k, 1)
        step = max(1, _SLICE // len(iu))
        all_groups = starts[counts == k]
        for lo in range(0, groups, step):
            group = all_groups[lo : lo + step]
            out = flat[at : at + len(group) * len(iu)]
            # Within a posting list documents ascend (stable sort of ascending
            # ids), so x < y without a min/max pass.
            np.left_shift(docs[group[:, None] + iu].ravel().astype(np.uint64), shift_a, out=out)
            out |= docs[group[:, None] + ju].ravel().astype(np.uint64) << np.uint64(kbits)
            out |= np.uint64(k)
            at += len(out)
    del docs, starts, counts
    if not len(flat):
        return _empty()
    flat.sort()
    ks = (flat & np.uint64((1 << kbits) - 1)).astype(np.min_scalar_type(t.max_df))
    flat >>= np.uint64(kbits)  # in place: each emission's pair key
    first = np.empty(len(flat), dtype=bool)
    first[0] = True
    np.not_equal(flat[1:], flat[:-1], out=first[1:])
    bounds = np.flatnonzero(first)
    del first
    shared = np.diff(bounds, append=len(flat))
    # Most of the ~19 million pairs of the archive share one or two shingles:
    # only the others can be candidates, so only theirs are summed.
    kept = np.flatnonzero(shared >= min(t.min_shared, t.min_own))
    bounds, shared = bounds[kept], shared[kept]
    pair_keys = flat[bounds]
    del flat, kept
    ends = np.cumsum(shared)
    ks = ks[np.arange(ends[-1] if len(ends) else 0) + np.repeat(bounds - (ends - shared), shared)]
    segments = ends - shared
    del bounds, ends
    rarity = 1.0 / np.maximum(np.arange(t.max_df + 1, dtype=np.float64) - 1.0, 1.0)
    wshared = np.add.reduceat(rarity[ks], segments) if len(ks) else np.zeros(0)
    own = np.add.reduceat((ks <= t.own_df).astype(np.int64), segments) if len(ks) else shared
    del ks, segments
    a = (pair_keys >> np.uint64(dbits)).astype(np.int64)
    b = (pair_keys & np.uint64((1 << dbits) - 1)).astype(np.int64)
    score = wshared / np.maximum(np.minimum(total[a], total[b]), 1e-12)
    keep = ((shared >= t.min_shared) & (score >= t.min_score)) | (
        (own >= t.min_own) & (own >= t.own_share * shared)
    )
    a, b, score = a[keep], b[keep], score[keep]
    shared, own = shared[keep].astype(np.int64), own[keep]
    if len(a):
        mask = _top_k(a, b, score, n, t.top_k)
        a, b, shared, own, score = a[mask], b[mask], shared[mask], own[mask], score[mask]
    return Candidates(a, b, shared, own, np.minimum(score, 1.0))


def _top_k(a: I64, b: I64, score: F64, n: int, k: int) -> Bools:
    """Pairs among the ``k`` best of either member (by score, then the other's index)."""
    m = len(a)
    doc = np.r_[a, b]
    other = np.r_[b, a]
    s = np.r_[score, score]
    order = np.lexsort((other, -s, doc))
    sorted_doc = doc[order]
    first = np.searchsorted(sorted_doc, np.arange(n))
    rank = np.empty(2 * m, dtype=np.int64)
    rank[order] = np.arange(2 * m) - first[sorted_doc]
    ok = rank < k
    result: Bools = ok[:m] | ok[m:]
    return result
