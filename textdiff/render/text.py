"""Terminal renderer: a readable word-level diff and a summary line.

Edits are marked as git's word diff marks them, ``[-deleted-]{+inserted+}``,
and coloured when asked (red and green, with the markers kept so meaning
never rests on colour alone). Equal blocks are not shown; long runs of
inserted or deleted paragraphs (a bulletin's other articles) are shown as one
line. Control characters from the documents never reach the terminal raw.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Block, BlockKind, Category, Comparison, Op, Side

RED, GREEN, DIM, BOLD, YELLOW, RESET = (
    "\x1b[31m",
    "\x1b[32m",
    "\x1b[2m",
    "\x1b[1m",
    "\x1b[33m",
    "\x1b[0m",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(s: str) -> str:
    """Escape control and bidi-override characters so the terminal shows them as text.

    >>> safe("a\\x1b[31mb\\u202e")
    'a\\\\x1b[31mb\\\\u202e'
    """
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, code: str, s: str) -> str:
        return f"{code}{s}{RESET}" if self.color and s else s


def _where(side: Side, idx: tuple[int, ...], name: str) -> str:
    if not idx:
        return f"{name} —"
    text = side.document.text
    p0, p1 = side.paragraphs[idx[0]], side.paragraphs[idx[-1]]
    l0, l1 = _line_of(text, p0.start), _line_of(text, p1.end)
    paras = f"¶{idx[0]}" if len(idx) == 1 else f"¶{idx[0]}–{idx[-1]}"
    lines = f"line {l0}" if l0 == l1 else f"lines {l0}–{l1}"
    return f"{name} {paras} ({lines})"


def _clip(s: str, width: int, tail: bool = False) -> str:
    s = " ".join(s.split())
    if len(s) <= width:
        return s
    return "…" + s[-width:] if tail else s[:width] + "…"


def _flatten(s: str) -> str:
    """Runs of whitespace to one space, keeping a space at either end."""
    core = " ".join(s.split())
    lead = " " if s[:1].isspace() else ""
    trail = " " if s[-1:].isspace() and core else ""
    return lead + core + trail


def _inline(c: Comparison, blk: Block, st: _Style, context: int) -> str:
    ta, tb = c.a.document.text, c.b.document.text
    parts: list[str] = []
    segs = blk.segments
    for n, s in enumerate(segs):
        if s.op is Op.EQUAL:
            chunk = ta[s.a0 : s.a1]
            first, last = n == 0, n == len(segs) - 1
            flat = _flatten(chunk)
            if len(flat) > 2 * context + 5 and not (first or last):
                flat = flat[:context] + " … " + flat[-context:]
            elif first and len(flat) > context:
                flat = "…" + flat[-context:]
            elif last and len(flat) > context:
                flat = flat[:context] + "…"
            parts.append(safe(flat))
            continue
        old, new = ta[s.a0 : s.a1], tb[s.b0 : s.b1]
        if s.category is Category.WHITESPACE:
            old, new = old.encode("unicode_escape").decode(), new.encode("unicode_escape").decode()
        if old:
            parts.append(st(RED, "[-" + safe(old) + "-]"))
        if new:
            parts.append(st(GREEN, "{+" + safe(new) + "+}"))
    return "".join(parts)


def _counts(blk: Block) -> str:
    counts: dict[Category, int] = {}
    for s in blk.segments:
        if s.category is not None:
            counts[s.category] = counts.get(s.category, 0) + 1
    return ", ".join(f"{c.value} {n}" for c, n in sorted(counts.items(), reverse=True))


def render_blocks(c: Comparison, color: bool = False, context: int = 40) -> Iterator[str]:
    st = _Style(color)
    for n, blk in enumerate(c.blocks):
        if blk.kind is BlockKind.EQUAL:
            continue
        head = f"{_where(c.a, blk.a, 'A')} ↔ {_where(c.b, blk.b, 'B')}"
        kind = blk.kind.value
        if blk.kind in (BlockKind.INSERTED, BlockKind.DELETED):
            side, idx = (c.b, blk.b) if blk.kind is BlockKind.INSERTED else (c.a, blk.a)
            roles = sorted({side.paragraphs[i].role.value for i in idx})
            text = side.document.text[side.paragraphs[idx[0]].start : side.paragraphs[idx[-1]].end]
            code = GREEN if blk.kind is BlockKind.INSERTED else RED
            count = f"{len(idx)} paragraph{'s' if len(idx) > 1 else ''}, {'/'.join(roles)}"
            yield f"{st(BOLD, f'#{n} {kind}')} {head}  {st(DIM, count)}"
            yield "    " + st(code, safe(_clip(text, 100)))
            continue
        note = f"similarity {blk.similarity:.2f}; {_counts(blk)}"
        yield f"{st(BOLD, f'#{n} {kind}')} {head}  {st(DIM, note)}"
        yield "    " + _inline(c, blk, st, context)


def summary_line(c: Comparison, color: bool = False) -> str:
    st = _Style(color)
    s = c.summary
    verdict_color = GREEN if s.verdict.value in ("identical", "equivalent") else YELLOW
    parts = [st(BOLD + verdict_color, s.verdict.value), f"similarity {c.similarity:.3f}"]
    parts.append(f"coverage A {c.coverage[0]:.0%}, B {c.coverage[1]:.0%}")
    if c.region is not None:
        ra, rb = c.region
        tb = c.b.document.text
        ta = c.a.document.text
        parts.append(
            f"A lines {_line_of(ta, ra.start)}–{_line_of(ta, ra.end)} ↔ "
            f"B lines {_line_of(tb, rb.start)}–{_line_of(tb, rb.end)}"
        )
    edits = ", ".join(f"{k.value} {v}" for k, v in sorted(s.region_edits.items(), reverse=True))
    parts.append(f"edits in region: {edits or 'none'}")
    return " · ".join(parts)


def render(c: Comparison, color: bool = False, context: int = 40) -> str:
    a, b = c.a.document, c.b.document
    lines = [
        f"A: {safe(a.path)} ({a.encoding}, {a.size:,} bytes, {len(c.a.paragraphs)} paragraphs)",
        f"B: {safe(b.path)} ({b.encoding}, {b.size:,} bytes, {len(c.b.paragraphs)} paragraphs)",
        "",
    ]
    body = list(render_blocks(c, color, context))
    lines += body
    if body:
        lines.append("")
    lines.append(summary_line(c, color))
    return "\n".join(lines) + "\n"
