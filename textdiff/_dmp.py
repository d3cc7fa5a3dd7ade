"""Adapter over diff-match-patch (untyped, and with a wall-clock timeout by default).

Only what textdiff needs: a deterministic diff of two code strings, each
character standing for one token, cleaned up for human reading.

>>> diff_codes("abcd", "abxd")
[(0, 2), (-1, 1), (1, 1), (0, 1)]
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

EQUAL, DELETE, INSERT = 0, -1, 1


def diff_codes(a: str, b: str) -> list[tuple[int, int]]:
    """(op, length) runs turning ``a`` into ``b``: op is EQUAL, DELETE or INSERT.

    ``Diff_Timeout = 0`` turns the timeout off: the default (1 s) returns a
    coarser diff when the machine is slow, so output would depend on load.
    """
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return [(int(op), len(text)) for op, text in diffs if text]
