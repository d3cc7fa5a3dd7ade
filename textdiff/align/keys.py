"""Paragraph keys for alignment: each word key encoded as one code point.

Encoding words as characters lets C-backed string metrics (rapidfuzz) work on
word sequences, and makes equal keys cheap to hash and compare.
"""

# No ``from __future__ import annotations``: it makes typing.NamedTuple compile
# every field's annotation from a string (see textdiff.model).

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from .._patience import match_runs
from ..model import Role


class ParaKey(NamedTuple):
    pos: int  # the paragraph's index in its document
    role: Role
    codes: str  # one character per word key
    chars: int  # non-whitespace characters of the paragraph (its weight)

    @property
    def fp(self) -> str:
        return self.codes

    @property
    def nwords(self) -> int:
        return len(self.codes)


class Codebook:
    """Assigns each distinct word key a code point, skipping the surrogates."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def code(self, word: str) -> str:
        """The code of one word key; a new key gets the next code, as in ``encode``."""
        code = self._codes.get(word)
        if code is None:
            n = len(self._codes) + 1
            code = self._codes[word] = chr(n if n < 0xD800 else n + 0x800)
        return code

    def encode(self, words: Iterable[str]) -> str:
        codes = self._codes
        words = list(words)
        for w in [w for w in dict.fromkeys(words) if w not in codes]:
            n = len(codes) + 1
            codes[w] = chr(n if n < 0xD800 else n + 0x800)
        return "".join(map(codes.__getitem__, words))


# Above this many cells (words a * words b) the LCS is not computed.
EXACT_MAX_CELLS = 25_000_000


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """Word-level similarity in [0, 1]: 2 * LCS / (len a + len b); 0 below ``cutoff``.

    For two very long paragraphs (a book run together on one line) the exact LCS
    would cost seconds: the words they share as multisets bound it from above in
    linear time (below ``cutoff``: 0 at once), and the bounded patience alignment
    (``textdiff._patience``) gives it from below, near-linear, equal to it when the
    words come in the same order, as in two versions of one text, and far below the
    bound for the same words shuffled.
    """
    if a == b:
        return 1.0
    if len(a) * len(b) > EXACT_MAX_CELLS:
        common = sum((Counter(a) & Counter(b)).values())
        if 2 * common / (len(a) + len(b)) < cutoff:
            return 0.0
        matched = sum(r.n for r in match_runs(a, b))
        sim = 2 * matched / (len(a) + len(b))
        return sim if sim >= cutoff else 0.0
    return float(Indel.normalized_similarity(a, b, score_cutoff=cutoff))


def joined(keys: Sequence[ParaKey]) -> str:
    return "".join(k.codes for k in keys)
