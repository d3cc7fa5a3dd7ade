"""Words: the monotone word alignment of two whole texts, whatever their paragraphing.

    match_runs(a, b)              equal runs of two code strings (``textdiff._patience``)
    keep_evidence(runs, strong)   the runs that are evidence of shared text, not chance
    slide(runs, a, b)             runs that could as well continue the run before them, joined

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

from .._patience import Run, _first_difference, match_runs

__all__ = ["NEAR", "STRONG_RUN", "Run", "keep_evidence", "match_runs", "slide"]

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


def slide(runs: Sequence[Run], a: str, b: str) -> list[Run]:
    """Where the words right after a run, on the side with a gap, are the words the
    next run begins with, match them there: of equal alignments, the one that keeps
    a paragraph's words together.

    An LCS does not care where a tie goes. When a paragraph written to a formula
    ("..., according to a decree of the Presidium ...") is followed by another of the
    same formula (a paragraph moved there), the formula's tail can be matched to the
    second copy instead of the first, and the first paragraph looks split in two.

    >>> slide([Run(0, 0, 2), Run(2, 5, 3)], "abcde", "abcdeXcde")
    [Run(i=0, j=0, n=5)]
    >>> slide([Run(0, 0, 2), Run(4, 2, 4)], "abcdcdxy", "abcdxy")
    [Run(i=0, j=0, n=4), Run(i=6, j=4, n=2)]
    """
    out: list[Run] = []
    for r in runs:
        if out:
            last = out[-1]
            ea, eb = last.i + last.n, last.j + last.n
            k = 0
            if ea == r.i and eb < r.j:  # a gap in b: do b's next words begin r?
                m = min(r.n, r.j - eb)
                k = _first_difference(b[eb : eb + m], a[r.i : r.i + m])
            elif eb == r.j and ea < r.i:
                m = min(r.n, r.i - ea)
                k = _first_difference(a[ea : ea + m], b[r.j : r.j + m])
            if k:
                out[-1] = Run(last.i, last.j, last.n + k)
                if k == r.n:
                    continue
                r = Run(r.i + k, r.j + k, r.n - k)
        out.append(r)
    return out
