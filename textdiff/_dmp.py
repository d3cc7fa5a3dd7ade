"""Adapter over diff-match-patch (untyped, and with a wall-clock timeout by default).

Only what textdiff needs: a deterministic diff of two code strings, each
character standing for one token, cleaned up for human reading.

The raw diff comes from rapidfuzz's bit-parallel LCS (C, ~100x faster than
diff-match-patch's pure-Python bisection on the paragraph-sized strings
textdiff diffs); diff-match-patch's semantic clean-up then makes it read
well. When the middle part left after trimming the common ends is very large
(two huge paragraphs), the quadratic LCS gives way to diff-match-patch's own
O(ND) diff, which is fast when the texts differ little. Both are exact and
deterministic; the choice depends only on the sizes.

>>> diff_codes("abcd", "abxd")
[(0, 2), (1, 1), (-1, 1), (0, 1)]
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

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


def diff_codes(a: str, b: str) -> list[tuple[int, int]]:
    """(op, length) runs turning ``a`` into ``b``: op is EQUAL, DELETE or INSERT."""
    dmp = _engine()
    head = dmp.diff_commonPrefix(a, b)
    a2, b2 = a[head:], b[head:]
    tail = dmp.diff_commonSuffix(a2, b2)
    mid_a, mid_b = a2[: len(a2) - tail], b2[: len(b2) - tail]
    if len(mid_a) * len(mid_b) > LCS_MAX_CELLS:
        middle = [(int(op), text) for op, text in dmp.diff_main(mid_a, mid_b, False)]
    else:
        middle = _lcs_diffs(mid_a, mid_b)
    diffs = [(EQUAL, a[:head]), *middle, (EQUAL, a2[len(a2) - tail :])]
    diffs = [d for d in diffs if d[1]]
    dmp.diff_cleanupSemantic(diffs)
    return [(int(op), len(text)) for op, text in diffs if text]
