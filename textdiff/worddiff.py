"""worddiff: one aligned block -> segments that tile both of its sides.

Tokens are diffed by their *keys* (see ``textdiff.normalize``), so a curly
quote or a British spelling never throws the word alignment off; then every
token pair whose keys agree but whose text differs becomes its own non-equal
segment, so nothing different ever hides inside an ``equal`` segment.
Adjacent non-equal pieces are merged into one edit ("–" against " - " is one
typography edit, not three).

>>> a, b = "the Party’s behaviour", "the Party's behavior"
>>> for s in diff_span(a, 0, len(a), b, 0, len(b)):
...     print(s.op.value, repr(a[s.a0:s.a1]), repr(b[s.b0:s.b1]))
equal 'the ' 'the '
replace 'Party’s' "Party's"
equal ' ' ' '
replace 'behaviour' 'behavior'
"""

from __future__ import annotations

from ._dmp import DELETE, EQUAL, INSERT, diff_codes
from .model import Op, Segment
from .normalize import Tokens, tokenize


def _encode(keys: tuple[str, ...], book: dict[str, str]) -> str:
    out = []
    for k in keys:
        c = book.get(k)
        if c is None:
            n = len(book) + 1
            c = chr(n if n < 0xD800 else n + 0x800)
            book[k] = c
        out.append(c)
    return "".join(out)


def diff_span(text_a: str, a0: int, a1: int, text_b: str, b0: int, b1: int) -> tuple[Segment, ...]:
    """Segments tiling ``text_a[a0:a1]`` and ``text_b[b0:b1]``; non-equal ones uncategorized."""
    if text_a[a0:a1] == text_b[b0:b1]:
        return (Segment(Op.EQUAL, a0, a1, b0, b1),) if a1 > a0 else ()
    if a0 == a1 or b0 == b1:
        return (_edit(a0, a1, b0, b1),)
    ta, tb = tokenize(text_a, a0, a1), tokenize(text_b, b0, b1)
    book: dict[str, str] = {}
    runs = diff_codes(_encode(ta.keys, book), _encode(tb.keys, book))
    pieces: list[tuple[bool, int, int, int, int]] = []  # (equal, a0, a1, b0, b1)
    ia = ib = 0
    for op, n in runs:
        if op == EQUAL:
            for k in range(n):
                sa, ea = ta.starts[ia + k], ta.ends[ia + k]
                sb, eb = tb.starts[ib + k], tb.ends[ib + k]
                _add(pieces, text_a[sa:ea] == text_b[sb:eb], sa, ea, sb, eb)
            ia += n
            ib += n
        elif op == DELETE:
            sa, ea = _span(ta, ia, n)
            pos = tb.starts[ib] if ib < len(tb) else b1
            _add(pieces, False, sa, ea, pos, pos)
            ia += n
        elif op == INSERT:
            sb, eb = _span(tb, ib, n)
            pos = ta.starts[ia] if ia < len(ta) else a1
            _add(pieces, False, pos, pos, sb, eb)
            ib += n
    return tuple(
        Segment(Op.EQUAL, s0, s1, t0, t1) if eq else _edit(s0, s1, t0, t1)
        for eq, s0, s1, t0, t1 in pieces
    )


def _span(t: Tokens, i: int, n: int) -> tuple[int, int]:
    return t.starts[i], t.ends[i + n - 1]


def _add(
    pieces: list[tuple[bool, int, int, int, int]], eq: bool, a0: int, a1: int, b0: int, b1: int
) -> None:
    if pieces and pieces[-1][0] == eq:
        last = pieces[-1]
        pieces[-1] = (eq, last[1], a1, last[3], b1)
    else:
        pieces.append((eq, a0, a1, b0, b1))


def _edit(a0: int, a1: int, b0: int, b1: int) -> Segment:
    op = Op.REPLACE if a1 > a0 and b1 > b0 else Op.DELETE if a1 > a0 else Op.INSERT
    return Segment(op, a0, a1, b0, b1)
