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

from ._chain import longest_increasing_chain

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


def _middle(a: str, b: str, dmp: diff_match_patch) -> list[tuple[int, str]]:
    """The raw diff of two strings with no common ends.

    Small enough: rapidfuzz's exact LCS. Too big for it (two huge paragraphs):
    cut first at characters that occur exactly once on each side, in an
    order both sides share (patience diff), and diff the pieces between them;
    a piece still too big goes to diff-match-patch's O(ND) diff. Each step is
    exact; the cut keeps a book-length paragraph near-linear.
    """
    if not a or not b:
        return [(DELETE, a)] * bool(a) + [(INSERT, b)] * bool(b)
    if len(a) * len(b) <= LCS_MAX_CELLS:
        return _lcs_diffs(a, b)
    anchors = _unique_anchors(a, b)
    if not anchors:
        return [(int(op), text) for op, text in dmp.diff_main(a, b, False)]
    out: list[tuple[int, str]] = []
    pa = pb = 0
    for i, j in anchors:
        out += _middle(a[pa:i], b[pb:j], dmp)
        out.append((EQUAL, a[i]))
        pa, pb = i + 1, j + 1
    out += _middle(a[pa:], b[pb:], dmp)
    return out


def _unique_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions of characters unique in both strings, longest chain increasing in both."""
    from collections import Counter

    count_a, count_b = Counter(a), Counter(b)
    where_b = {ch: j for j, ch in enumerate(b) if count_b[ch] == 1}
    pairs = [(i, where_b[ch]) for i, ch in enumerate(a) if count_a[ch] == 1 and ch in where_b]
    return longest_increasing_chain(pairs)


def diff_codes(a: str, b: str) -> list[tuple[int, int]]:
    """(op, length) runs turning ``a`` into ``b``: op is EQUAL, DELETE or INSERT."""
    dmp = _engine()
    head = dmp.diff_commonPrefix(a, b)
    a2, b2 = a[head:], b[head:]
    tail = dmp.diff_commonSuffix(a2, b2)
    mid_a, mid_b = a2[: len(a2) - tail], b2[: len(b2) - tail]
    middle = _middle(mid_a, mid_b, dmp)
    diffs = [(EQUAL, a[:head]), *middle, (EQUAL, a2[len(a2) - tail :])]
    diffs = [d for d in diffs if d[1]]
    dmp.diff_cleanupSemantic(diffs)
    return [(int(op), len(text)) for op, text in diffs if text]
