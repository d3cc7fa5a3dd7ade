"""Words: the monotone word alignment of two whole texts, whatever their paragraphing.

    match_runs(a, b)              equal runs of two code strings (``textdiff._patience``)
    keep_evidence(runs, strong)   the runs that are evidence of shared text, not chance

Each character of a code string stands for one word key (``keys.Codebook``),
and the two strings are the words of *all* paragraphs of each text, in order.
Aligning them first, and paragraphs only from what their words share, is what
makes the alignment blind to paragraphing: a novel on one line and the same
novel in 700 paragraphs have the same words in the same order.

Chance matches are common between any two texts in one language (an LCS of
two unrelated English texts matches a third of their words: "the", "of").
``keep_evidence`` keeps a run only when it is strong evidence of shared text
(the caller says which: long enough, or most of the paragraphs it lies in),
or sits close beside such a run (the "the" inside an edited sentence).
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# string annotation into a ForwardRef (see textdiff.model).

from collections.abc import Sequence

from .._patience import Run, match_runs

__all__ = ["NEAR", "STRONG_RUN", "Run", "keep_evidence", "match_runs"]

# A run of this many words is evidence of shared text on its own.
STRONG_RUN = 4
# A shorter run counts when a strong run is at most this many words away on both sides.
NEAR = 12


def keep_evidence(runs: Sequence[Run], strong: Sequence[bool]) -> list[Run]:
    """The runs that show shared text: the ``strong`` ones, and the others within
    ``NEAR`` words of a strong one on both sides.

    >>> runs = [Run(0, 0, 1), Run(30, 50, 1), Run(52, 62, 5), Run(60, 70, 2)]
    >>> keep_evidence(runs, [r.n >= STRONG_RUN for r in runs])
    [Run(i=52, j=62, n=5), Run(i=60, j=70, n=2)]
    """
    keep = list(strong)
    last = None
    for k, r in enumerate(runs):
        if strong[k]:
            last = r
        elif last is not None and _near(last, r):
            keep[k] = True
    nxt = None
    for k in range(len(runs) - 1, -1, -1):
        r = runs[k]
        if strong[k]:
            nxt = r
        elif nxt is not None and _near(r, nxt):
            keep[k] = True
    return [r for r, ok in zip(runs, keep, strict=True) if ok]


def _near(first: Run, second: Run) -> bool:
    """Is ``second`` (after ``first``) at most NEAR words beyond it on both sides?"""
    return second.i - (first.i + first.n) <= NEAR and second.j - (first.j + first.n) <= NEAR
