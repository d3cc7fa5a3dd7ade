"""Terminal renderer: a readable word-level diff and a summary line.

    render(c, color, context)  -> the whole report: header, legend, blocks, summary
    summary_line(c)            -> the last line: verdict, similarity, coverage, region, edits

Edits are marked as git's word diff marks them, ``[-deleted-]{+inserted+}``,
and coloured when asked (red and green, with the markers kept so meaning
never rests on colour alone). Equal blocks are not shown (the legend says how
many); runs of inserted or deleted paragraphs (a bulletin's other articles)
are shown as one line. Document text and paths pass ``display.escape`` (no
control, bidi or invisible character reaches the terminal raw, no file name
splits a line) and every line ``display.neutral`` (no workflow command in a CI
log).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..display import Lines, escape, invalid_bytes, line_of, neutral, plural
from ..model import Block, BlockKind, Category, Comparison, Op, Side, Verdict
from ..userrules import PREFIX as USER_PREFIX

RED, GREEN, DIM, BOLD, YELLOW, RESET = (
    "\x1b[31m",
    "\x1b[32m",
    "\x1b[2m",
    "\x1b[1m",
    "\x1b[33m",
    "\x1b[0m",
)
# A paragraph break: a line end, then blank lines. It starts at the line end, not at the
# spaces before it (``[ \t]*\n``): those would be rescanned from every space of a long
# run, and _flatten folds them into one space anyway.
_PARA_BREAK = re.compile(r"(?:\r\n|\r|\n)(?:[ \t\u00a0]*(?:\r\n|\r|\n))+\s*")



class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, code: str, s: str) -> str:
        return f"{code}{s}{RESET}" if self.color and s else s


def _where(side: Side, idx: tuple[int, ...], at: Lines) -> str:
    p0, p1 = side.paragraphs[idx[0]], side.paragraphs[idx[-1]]
    l0, l1 = at.line(p0.start), at.line(p1.end)
    paras = f"¶{idx[0]}" if len(idx) == 1 else f"¶{idx[0]}–{idx[-1]}"
    lines = f"line {l0}" if l0 == l1 else f"lines {l0}–{l1}"
    return f"{paras} ({lines})"


def _flatten(s: str) -> str:
    """Shown text on one line: a paragraph break as ¶, other whitespace runs as one space."""
    s = _PARA_BREAK.sub(" ¶ ", s)
    core = " ".join(s.split())
    lead = " " if s[:1].isspace() else ""
    trail = " " if s[-1:].isspace() and core else ""
    return lead + core + trail


def _clip(s: str, width: int) -> str:
    s = _flatten(s).strip()
    return s if len(s) <= width else s[:width] + "…"


def _context(s: str, context: int, first: bool, last: bool) -> str:
    """Unchanged text between edits, cut to ``context`` characters on each side."""
    flat = _flatten(s)
    if first and last:
        return flat
    if first:
        return flat if len(flat) <= context else "…" + flat[len(flat) - context :]
    if last:
        return flat if len(flat) <= context else flat[:context] + "…"
    if len(flat) <= 2 * context + 3:
        return flat
    return flat[:context] + " … " + flat[len(flat) - context :]


def _inline(c: Comparison, blk: Block, st: _Style, context: int) -> str:
    ta, tb = c.a.document.text, c.b.document.text
    parts: list[str] = []
    segs = blk.segments
    for n, s in enumerate(segs):
        if s.op is Op.EQUAL:
            parts.append(escape(_context(ta[s.a0 : s.a1], context, n == 0, n == len(segs) - 1)))
            continue
        old, new = ta[s.a0 : s.a1], tb[s.b0 : s.b1]
        if s.category is Category.WHITESPACE:
            # Whitespace edits are shown as escapes: there is nothing else to see.
            old = old.encode("unicode_escape").decode("ascii")
            new = new.encode("unicode_escape").decode("ascii")
        else:
            old, new = _flatten(old), _flatten(new)
        if old:
            parts.append(st(RED, "[-" + escape(old) + "-]"))
        if new:
            parts.append(st(GREEN, "{+" + escape(new) + "+}"))
    return "".join(parts)


def _counts(blk: Block) -> str:
    counts: dict[Category, int] = {}
    for s in blk.segments:
        if s.category is not None:
            counts[s.category] = counts.get(s.category, 0) + 1
    return ", ".join(f"{c.value} {n}" for c, n in sorted(counts.items(), reverse=True))


def _user_rules(blk: Block) -> str:
    """The user's rules that explained edits of the block, and how many each
    ("; by user:romanization 2"); empty when none did. Their names are validated
    (letters, digits, ``-_.``), so they need no escaping."""
    counts = Counter(s.rule for s in blk.segments if s.rule and s.rule.startswith(USER_PREFIX))
    if not counts:
        return ""
    return "; by " + ", ".join(f"{name} {n}" for name, n in counts.items())


def render_blocks(c: Comparison, color: bool = False, context: int = 40) -> Iterator[str]:
    """One header line and one body line per block that is not equal."""
    st = _Style(color)
    lines_a, lines_b = Lines(c.a.document.text), Lines(c.b.document.text)
    for n, blk in enumerate(c.blocks):
        if blk.kind is BlockKind.EQUAL:
            continue
        note_region = st(DIM, "  (outside the region)") if not blk.in_region and c.region else ""
        label = st(BOLD, f"#{n} {blk.kind.value}")
        if blk.kind in (BlockKind.INSERTED, BlockKind.DELETED):
            inserted = blk.kind is BlockKind.INSERTED
            side, idx, name, at = (
                (c.b, blk.b, "B", lines_b) if inserted else (c.a, blk.a, "A", lines_a)
            )
            roles = "/".join(sorted({side.paragraphs[i].role.value for i in idx}))
            text = side.document.text[side.paragraphs[idx[0]].start : side.paragraphs[idx[-1]].end]
            where = f"only in {name} {_where(side, idx, at)}"
            info = st(DIM, f"{plural(len(idx), 'paragraph')}, {roles}{_user_rules(blk)}")
            yield f"{label} {where}  {info}{note_region}"
            yield "    " + st(GREEN if inserted else RED, escape(_clip(text, 100)))
            continue
        where = f"A {_where(c.a, blk.a, lines_a)} ↔ B {_where(c.b, blk.b, lines_b)}"
        counts = _counts(blk) or "no edits"
        info = st(DIM, f"similarity {blk.similarity:.2f}; {counts}{_user_rules(blk)}")
        yield f"{label} {where}  {info}{note_region}"
        yield "    " + _inline(c, blk, st, context)


def summary_line(c: Comparison, color: bool = False) -> str:
    """Verdict, similarity, coverage, where A sits in B, and the edits inside the region."""
    st = _Style(color)
    s = c.summary
    ok = s.verdict in (Verdict.IDENTICAL, Verdict.EQUIVALENT)
    parts = [st(BOLD + (GREEN if ok else YELLOW), s.verdict.value)]
    if s.verdict is Verdict.UNRELATED:
        parts.append(f"coverage A {c.coverage[0]:.0%}, B {c.coverage[1]:.0%}: too little aligns")
        return " · ".join(parts)
    parts.append(f"similarity {c.similarity:.3f}")
    parts.append(f"coverage A {c.coverage[0]:.0%}, B {c.coverage[1]:.0%}")
    if c.region is not None:
        ra, rb = c.region
        ta, tb = c.a.document.text, c.b.document.text
        parts.append(
            f"A lines {line_of(ta, ra.start)}–{line_of(ta, ra.end)} ↔ "
            f"B lines {line_of(tb, rb.start)}–{line_of(tb, rb.end)}"
        )
    edits = ", ".join(f"{k.value} {v}" for k, v in sorted(s.region_edits.items(), reverse=True))
    parts.append(f"edits in region: {edits or 'none'}")
    return " · ".join(parts)


def reasons_line(c: Comparison) -> str:
    """Why the verdict: the summary's reasons, each with the blocks it rests on.

    >>> import textdiff
    >>> reasons_line(textdiff.compare_texts("The old party.", "The new party."))
    'why: inside the region: 1 substantive edit (#0)'
    """
    said = []
    for r in c.summary.reasons:
        where = f" ({', '.join(f'#{k}' for k in r.blocks[:12])}{', …' * (len(r.blocks) > 12)})"
        said.append(r.message + (where if r.blocks else ""))
    return "why: " + "; ".join(said)


def render(c: Comparison, color: bool = False, context: int = 40) -> str:
    """The whole terminal report."""
    a, b = c.a.document, c.b.document
    equal = sum(1 for blk in c.blocks if blk.kind is BlockKind.EQUAL)
    lines = [
        f"A: {escape(a.path)} ({a.encoding}, {plural(a.size, 'byte')}, "
        f"{plural(len(c.a.paragraphs), 'paragraph')})",
        f"B: {escape(b.path)} ({b.encoding}, {plural(b.size, 'byte')}, "
        f"{plural(len(c.b.paragraphs), 'paragraph')})",
        *(f"{label}: {invalid_bytes(d)}" for label, d in (("A", a), ("B", b)) if d.invalid),
        _Style(color)(
            DIM,
            f"[-only in A-] {{+only in B+}}  ¶ paragraph break  "
            f"{plural(equal, 'equal block')} not shown; the region is where the texts correspond",
        ),
        "",
    ]
    body = list(render_blocks(c, color, context))
    lines += body
    if body:
        lines.append("")
    if c.summary.reasons:
        lines.append(_Style(color)(DIM, reasons_line(c)))
    lines.append(summary_line(c, color))
    return "".join(neutral(line) + "\n" for line in lines)
