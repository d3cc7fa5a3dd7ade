"""Paragraph keys for alignment: each word key encoded as one code point.

Encoding words as characters lets C-backed string metrics (rapidfuzz) work on
word sequences, and makes equal keys cheap to hash and compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..model import Role


@dataclass(frozen=True, slots=True)
class ParaKey:
    index: int
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

    def encode(self, words: Iterable[str]) -> str:
        codes = self._codes
        out = []
        for w in words:
            c = codes.get(w)
            if c is None:
                n = len(codes) + 1
                c = chr(n if n < 0xD800 else n + 0x800)
                codes[w] = c
            out.append(c)
        return "".join(out)


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """Word-level similarity in [0, 1]: 2 * LCS / (len a + len b)."""
    if a == b:
        return 1.0
    return float(Indel.normalized_similarity(a, b, score_cutoff=cutoff))


def joined(keys: Sequence[ParaKey]) -> str:
    return "".join(k.codes for k in keys)
