"""shingles: documents -> sampled sets of hashed word n-grams.

    WordHasher              token -> 64-bit hashes of its normalized words (cached)
    shingle_sets(ids)       per-document word-hash arrays -> sorted unique sampled shingles
    SHINGLE_WORDS, SAMPLE   n of the n-grams, and 1/SAMPLE of them kept

A shingle is ``SHINGLE_WORDS`` consecutive normalized words (the shared key
function ``textdiff.normalize.word_keys``: case, quotes, dashes, diacritics and
spelling variants folded), hashed to 64 bits. Only shingles whose hash is
``0 mod SAMPLE`` are kept. Because the choice depends on the shingle alone, two
documents keep the same shingles of the text they share, so the kept shingles
estimate containment without bias at a quarter of the cost (see docs/scan.md
for the measurement).

Hashes are deterministic (blake2b of each word key, then a fixed mixer), never
Python's salted ``hash()``: they are stored in the index and compared across
processes and machines.

>>> h = WordHasher()
>>> bool((h.words("The Behaviour") == h.words("the behavior")).all())
True
>>> sets = shingle_sets([h.words("a b c d e f g h i j k l m n o p q r s t")] * 2)
>>> len(sets[0]) > 0 and bool((sets[0] == sets[1]).all())
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
import numpy.typing as npt

from ..normalize import word_keys

SHINGLE_WORDS = 5
SAMPLE = 4

U64 = npt.NDArray[np.uint64]

_MUL = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_EMPTY: U64 = np.zeros(0, dtype=np.uint64)


@lru_cache(maxsize=1 << 20)
def token_hashes(token: str) -> tuple[int, ...]:
    """The 64-bit hashes of the normalized words in one whitespace-free token.

    Memoised for the life of the process: a pure function of its argument,
    so the cache changes only speed. A worker reads partition after partition
    of the same language; without it each partition would key its ~40,000
    distinct tokens afresh (a second of a partition's two).
    """
    return tuple(
        int.from_bytes(
            hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
            "little",
        )
        for key in word_keys(token)
    )


class WordHasher:
    """Hashes of the normalized words of text, looked up by whitespace-separated token.

    Splitting on whitespace first (C speed) and keying each distinct token
    once is three times faster than running the word regex over every text;
    a token such as ``Party's,`` maps to the hashes of the words in it. One
    difference from ``word_keys`` over the whole text: a number grouped with
    spaces ("5 000") counts as two words here; both sides of a pair are
    treated alike, so candidates do not suffer.
    """

    def __init__(self) -> None:
        # A plain dict in front of the process-wide LRU cache: the hot loop
        # below is a C-level map over dict lookups.
        self._tokens: dict[str, tuple[int, ...]] = {}

    def words(self, text: str) -> U64:
        """The word hashes of ``text`` in order."""
        tokens = text.split()
        table = self._tokens
        for tok in tokens:
            if tok not in table:
                table[tok] = token_hashes(tok)
        flat = chain.from_iterable(map(table.__getitem__, tokens))
        return np.fromiter(flat, dtype=np.uint64)


def shingle_sets(docs: Sequence[U64], n: int = SHINGLE_WORDS, sample: int = SAMPLE) -> list[U64]:
    """For each document's word hashes, its sorted unique sampled shingle hashes.

    Vectorised over the whole batch: the word arrays are concatenated once, the
    n-gram hashes computed in n array passes, and the n-grams that would cross
    from one document into the next are masked out.
    """
    if not docs:
        return []
    lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    words = np.concatenate(list(docs)) if len(docs) > 1 else docs[0]
    total = len(words) - n + 1
    if total <= 0:
        return [_EMPTY for _ in docs]
    with np.errstate(over="ignore"):
        h = np.zeros(total, dtype=np.uint64)
        for k in range(n):
            h = (h * _MUL) ^ words[k : k + total]
        # splitmix64's finalizer: spreads the low bits the sample test reads.
        h ^= h >> np.uint64(30)
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
    ends = np.cumsum(lengths)
    owner = np.repeat(np.arange(len(docs)), lengths)[:total]
    keep = (np.arange(total) + n <= ends[owner]) & (h % np.uint64(sample) == 0)
    h, owner = h[keep], owner[keep]
    order = np.lexsort((h, owner))
    h, owner = h[order], owner[order]
    if len(h):
        first = np.ones(len(h), dtype=bool)
        first[1:] = (h[1:] != h[:-1]) | (owner[1:] != owner[:-1])
        h, owner = h[first], owner[first]
    bounds = np.searchsorted(owner, np.arange(len(docs) + 1))
    return [h[bounds[i] : bounds[i + 1]] for i in range(len(docs))]
