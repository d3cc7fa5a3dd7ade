"""Adapter over diff-match-patch (untyped, and with a wall-clock timeout by default).

Only what textdiff needs: a deterministic diff of two code strings, each
character standing for one token, cleaned up for human reading.

The raw diff comes from rapidfuzz's bit-parallel LCS (C, ~100x faster than
diff-match-patch's pure-Python bisection on the paragraph-sized strings
textdiff diffs); a clean-up then makes it read well without hiding a word:
an equal stretch with no word in it (a space, a comma) between two edits
joins them, but an equal word is never swallowed into an edit, so a comma
added inside a rewritten sentence stays an edit of its own. (diff-match-
patch's semantic clean-up would fold "to seek him out" into the rewrite
around it.) Edits are then slid to word boundaries (its lossless pass).

When the middle part left after trimming the common ends is too large for
the quadratic LCS (two huge paragraphs), it is aligned by the bounded
patience diff of ``textdiff._patience``, exact in its small gaps and never
more than near-linear work: a megabyte line against the same words shuffled
costs seconds, not the minutes of an O(ND) diff. Deterministic throughout;
the choice depends only on the sizes.

>>> diff_codes("abcd", "abxd")
[(0, 2), (-1, 1), (1, 1), (0, 1)]
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

from ._patience import Run, match_runs

EQUAL, DELETE, INSERT = 0, -1, 1

# Above this many cells (len a * len b after trimming), use diff-match-patch's O(ND) diff.
# rapidfuzz's LCS keeps one bit a cell for its traceback: 400M cells are 50 MB.
LCS_MAX_CELLS = 400_000_000


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    # The default timeout (1 s) returns a coarser diff when the machine is
    # slow, so output would depend on load; 0 means no timeout.
    dmp.Diff_Timeout = 0
    return dmp


def _lcs_diffs(a: str, b: str) -> list[tuple[int, str]]:
    diffs: list[tuple[int, str]] = []
    for op in Indel.opcodes(a, b):
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag == "equal":
            diffs.append((EQUAL, a[i1:i2]))
        else:
            if i2 > i1:
                diffs.append((DELETE, a[i1:i2]))
            if j2 > j1:
                diffs.append((INSERT, b[j1:j2]))
    return diffs


def _middle(a: str, b: str) -> list[tuple[int, str]]:
    """The raw diff of two strings with no common ends: an exact LCS when small
    enough, the bounded patience diff when not."""
    if not a or not b:
        return [(DELETE, a)] * bool(a) + [(INSERT, b)] * bool(b)
    if len(a) * len(b) <= LCS_MAX_CELLS:
        return _lcs_diffs(a, b)
    out: list[tuple[int, str]] = []
    pa = pb = 0
    for i, j, n in [*match_runs(a, b), Run(len(a), len(b), 0)]:
        if i > pa:
            out.append((DELETE, a[pa:i]))
        if j > pb:
            out.append((INSERT, b[pb:j]))
        if n:
            out.append((EQUAL, a[i : i + n]))
        pa, pb = i + n, j + n
    return out


def diff_codes(a: str, b: str) -> list[tuple[int, int]]:
    """(op, length) runs turning ``a`` into ``b``: op is EQUAL, DELETE or INSERT."""
    dmp = _engine()
    head = dmp.diff_commonPrefix(a, b)
    a2, b2 = a[head:], b[head:]
    tail = dmp.diff_commonSuffix(a2, b2)
    mid_a, mid_b = a2[: len(a2) - tail], b2[: len(b2) - tail]
    middle = _middle(mid_a, mid_b)
    diffs = [(EQUAL, a[:head]), *middle, (EQUAL, a2[len(a2) - tail :])]
    diffs = [d for d in diffs if d[1]]
    _join_across_marks(diffs)
    dmp.diff_cleanupMerge(diffs)
    dmp.diff_cleanupSemanticLossless(diffs)
    return [(int(op), len(text)) for op, text in diffs if text]


def _join_across_marks(diffs: list[tuple[int, str]]) -> None:
    """Turn each equality with no word in it (no letter code) that stands between two
    edits into a deletion and an insertion, so the edits around it read as one."""
    out: list[tuple[int, str]] = []
    for k, (op, text) in enumerate(diffs):
        if (
            op == EQUAL
            and 0 < k < len(diffs) - 1
            and diffs[k - 1][0] != EQUAL
            and diffs[k + 1][0] != EQUAL
            and not any(map(str.isalpha, text))
        ):
            out += [(DELETE, text), (INSERT, text)]
        else:
            out.append((op, text))
    diffs[:] = out
