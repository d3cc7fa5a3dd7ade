"""segment: decoded text -> paragraphs with roles.

Paragraphs are found whether the text separates them by blank lines, by
indented first lines with no blank lines between (one per line, indented with
no-break spaces), or one per line. Hard-wrapped lines are joined. A paragraph
that a page break cut mid-sentence is rejoined; its span then includes the
break. Each paragraph gets a role: ``heading`` (titles, Markdown headings,
bold-only lines, datelines), ``boilerplate`` (page furniture: "Back to top
button", page numbers, rules, a lone URL, running headers) or ``text``.

Spans exclude the indentation and trailing spaces around a paragraph, so the
text between paragraphs is whitespace only.

A PDF, web page or Word file comes with what its reader marked
(``Document.regions``); :func:`apply_regions`, the one hook between the
readers and segmentation, applies it on top: furniture to boilerplate,
paragraphs carried over a page rejoined, hyphen breaks to joins.

>>> text = "Title Of It\\n\\nA part cut by a page break and the\\n\\nrest of it.\\n\\nPage 2\\n"
>>> for p in segment(text):
...     print(p.role.value, repr(text[p.start:p.end]))
heading 'Title Of It'
text 'A part cut by a page break and the\\n\\nrest of it.'
boilerplate 'Page 2'
"""

# No ``from __future__ import annotations``: it makes typing.NamedTuple compile
# every field's annotation from a string (see textdiff.model).

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import NamedTuple

from .model import Paragraph, Region, RegionKind, Role

# A block line longer than this is not hard-wrapped: each such line is a paragraph.
WRAP_WIDTH = 120
# A page-break cut with no punctuation at all is rejoined only after a line this long.
CUT_MIN_CHARS = 60

# Matched against a line with its whitespace runs made single spaces. The last
# choice can then span at most 140 characters; its (?!.{141}) only makes a long
# line (every paragraph of text) fail at once instead of after 120 backtracks.
_BOILERPLATE = re.compile(
    r"""(?ix)
    (?:back\s+to\s+top(?:\s+button)?
     |\d{1,3}|page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,3}\s*(?:of|/)\s*\d{1,3}
     |[-\u2013\u2014]\s*\d{1,3}\s*[-\u2013\u2014]
     |[-*_=~\u2014\u2500]{3,}
     |(?:https?://|www\.)\S+
     |(?:share|print|e-?mail|tweet|top|menu|home|next|previous|prev|back|more|read\s+more
        |related(?:\s+articles?)?|advertisement|skip\s+to\s+(?:main\s+)?content)(?:\s+button)?
     |(?:©|\(c\)\s*(?:\d{4}|(?-i:[A-Z]))|copyright\s+(?:©|\(c\)|\d{4})).{0,120}
     |(?!.{141}).{0,120}\ball\s+rights\s+reserved\.?
    )""",
)
_MD_HEADING = re.compile(r"#{1,6}\s")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,3}[.)])\s")
_TERMINAL = ".!?:;,"
_CLOSERS = "*_\"'’”»)]"
_OPENERS = "*_ \"'‘“«(["
_CLOSERS_OR_SPACE = _CLOSERS + " "
_CUT_MARKS = ",-\u2013\u2014"  # a sentence goes on after these (and after a letter)
_STOPWORDS = frozenset(
    (
        "a an and as at but by for from in into of on or the to with via vs per nor "
        "upon over under about than up de la le du des del von van der"
    ).split()
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


class _Line(NamedTuple):
    start: int  # first non-space character
    end: int  # after the last non-space character
    indented: bool
    bare: bool  # whitespace only
    head: bool = False  # a running head or foot (see _running_heads)


_BREAK_RE = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> list[_Line]:
    """Lines (ended by LF, CRLF or a lone CR), each trimmed of surrounding space.

    >>> [(ln.start, ln.end, ln.bare) for ln in _lines("a\\r\\n\\r b ")]
    [(0, 1, False), (3, 3, True), (5, 6, False)]
    """
    if "\r" in text:
        pieces = _BREAK_RE.split(text)
        breaks: Iterable[int] = [m.end() - m.start() for m in _BREAK_RE.finditer(text)] + [0]
    else:  # line feeds only (most texts): split in C
        pieces = text.split("\n")
        breaks = repeat(1)
    out = []
    pos = 0
    for line, width in zip(pieces, breaks, strict=False):  # breaks may be endless
        stop = pos + len(line)
        if len(line) > LONG_CHARS:  # a text on one line: no copies of it to trim it
            i, j = 0, len(line)
            while i < j and line[i].isspace():
                i += 1
            while j > i and line[j - 1].isspace():
                j -= 1
            out.append(
                _Line(pos + i, pos + j, i > 0, False) if i < j else _Line(stop, stop, False, True)
            )
        else:
            core = line.strip()
            if core:
                lo = stop - len(line.lstrip())
                out.append(_Line(lo, lo + len(core), lo > pos, False))
            else:
                out.append(_Line(stop, stop, False, True))
        pos = stop + width
    return out


# A line or paragraph longer than this is read without copies of it or lists of its words.
LONG_CHARS = 4096


# A running head or foot: a short line that comes back at least this often, the same
# but for its numbers (page, issue, date), and reads as a title ("BULLETIN   Embassy
# of DPR Korea", "THE PYONGYANG TIMES  No. 12  March 2022").
HEAD_MIN_REPEATS = 3
HEAD_MAX_CHARS = 100
_DIGITS = re.compile(r"\d+")


def _running_heads(text: str, lines: list[_Line]) -> list[_Line]:
    """``lines`` with the running heads marked: found by repetition within the document,
    numbers aside, not by a list of known strings."""
    raws = [
        None if ln.bare or ln.end - ln.start > HEAD_MAX_CHARS else text[ln.start : ln.end]
        for ln in lines
    ]
    shape_of: dict[str, str] = {}  # a text repeats its lines: each distinct one once
    for raw in set(raws):
        if raw is not None:
            shape_of[raw] = _DIGITS.sub("#", " ".join(raw.split())).casefold()
    counts = Counter(shape_of[raw] for raw in raws if raw is not None)
    heads = {
        raw
        for raw, shape in shape_of.items()
        if counts[shape] >= HEAD_MIN_REPEATS and _is_furniture_line(" ".join(raw.split()))
    }
    if not heads:
        return lines
    return [
        ln._replace(head=True) if raw in heads else ln for ln, raw in zip(lines, raws, strict=True)
    ]


def _is_furniture_line(flat: str) -> bool:
    """Could a repeated line be a running head or foot rather than a refrain?"""
    letters = _DIGITS.sub("", flat)
    if not any(ch.isalpha() for ch in letters):
        return True  # "- 12 -", "12 / 40": folios, whatever they repeat
    return flat.isupper() or _is_titlelike(flat)


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = []
    cur: list[_Line] = []
    for ln in lines:
        if ln.bare:
            if cur:
                blocks.append(cur)
                cur = []
        else:
            cur.append(ln)
    if cur:
        blocks.append(cur)
    return blocks


def _starts_paragraph(text: str, prev: _Line, ln: _Line, per_line: bool, indent_mode: bool) -> bool:
    if per_line:
        return True
    if indent_mode and ln.indented:
        return True
    head = text[ln.start : ln.start + 8]
    if _MD_HEADING.match(head) or _LIST_ITEM.match(head):
        return True
    prev_text = text[prev.start : prev.end]
    # Consecutive bold runs (a headline block) are separate headings.
    if prev_text.endswith("**") and head.startswith("**"):
        return True
    return bool(_MD_HEADING.match(text[prev.start : prev.start + 8]))


def _split_block(
    text: str, block: list[_Line], heads: list[tuple[int, int]], inside: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Paragraph spans of one block. A running head at the edge of the block (or in a
    block of one paragraph a line) is a paragraph of its own, listed in ``heads``; one
    between two lines of a wrapped paragraph stays inside it, listed in ``inside``."""
    if len(block) == 1:  # most blocks of most texts: one line, one paragraph
        ln = block[0]
        if ln.head:
            heads.append((ln.start, ln.end))
        return [(ln.start, ln.end)]
    per_line = any(ln.end - ln.start > WRAP_WIDTH for ln in block if not ln.head)
    indented = sum(ln.indented for ln in block)
    indent_mode = len(block) > 1 and indented >= 2
    if indent_mode and per_line:
        per_line = False  # indentation marks the paragraphs; long lines are just long
    spans: list[tuple[int, int]] = []
    last = len(block) - 1
    after_head = False
    for i, ln in enumerate(block):
        if ln.head:
            if per_line or indent_mode or i in (0, last) or not spans:
                spans.append((ln.start, ln.end))
                heads.append((ln.start, ln.end))
                after_head = True
            else:
                inside.append((ln.start, ln.end))
                spans[-1] = (spans[-1][0], ln.end)
            continue
        if i == 0 or after_head or _starts_paragraph(text, block[i - 1], ln, per_line, indent_mode):
            spans.append((ln.start, ln.end))
        else:
            spans[-1] = (spans[-1][0], ln.end)
        after_head = False
    return spans


def _strip_closers(s: str) -> str:
    return s.rstrip(_CLOSERS + " ")


def _is_titlelike(s: str) -> bool:
    if len(s) > 200 or not s:
        return False
    core = _strip_closers(s)
    if not core or core[-1] in _TERMINAL:
        return False
    words = _WORD.findall(core.replace("*", " ").replace("#", " "))
    if not words:
        return not any(ch.islower() for ch in core) and any(ch.isalpha() for ch in core)
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if not cased:  # Hangul, CJK: no case to read; a short line with no full stop
        return len(core) <= 80
    lower = [w for w in cased if w[0].islower() and w.lower() not in _STOPWORDS]
    upper = [w for w in cased if w[0].isupper()]
    return bool(upper) and len(lower) <= len(cased) // 8


def _role(s: str, repeats: Counter[str]) -> Role:
    # A long paragraph of several words (a book run onto one line) is no boilerplate
    # line, which is one word or at most 141 characters: it is not flattened, which
    # would list every word it has.
    long = len(s) > LONG_CHARS and len(s.split(None, 1)) > 1
    flat = "" if long else " ".join(s.split())
    if flat and _BOILERPLATE.fullmatch(flat.strip("*_ ")):
        return Role.BOILERPLATE
    if repeats[flat] >= 3 and len(flat) <= 80 and (flat.isupper() or _is_titlelike(flat)):
        # A running header or footer; a repeated sentence ("We shall overcome",
        # a refrain) is text, however often it comes back.
        return Role.BOILERPLATE
    if _LIST_ITEM.match(s):
        return Role.TEXT  # a list item is content, never a title
    if _MD_HEADING.match(s):
        return Role.HEADING
    if (
        s.startswith("**")
        and s.endswith("**")
        and len(s) > 4
        and "**" not in s[2:-2].replace("**\n**", "")
    ):
        return Role.HEADING
    if _is_titlelike(s):
        return Role.HEADING
    return Role.TEXT


def _is_cut(text: str, p: tuple[int, int], q: tuple[int, int]) -> bool:
    """Does paragraph p end mid-sentence and q carry on from it (a page break)?"""
    i = p[1]
    while i > p[0] and text[i - 1] in _CLOSERS_OR_SPACE:
        i -= 1
    if i == p[0] or not (text[i - 1].isalnum() or text[i - 1] in _CUT_MARKS):
        return False  # most paragraphs: they end with a full stop
    ps = text[p[0] : p[1]]
    qs = text[q[0] : q[1]]
    last = _strip_closers(ps)[-1:]
    first = qs.lstrip(_OPENERS)[:1]  # '“servant” party' goes on from 'their'
    if not last or not first or not first.isalpha():
        return False
    if _MD_HEADING.match(qs) or _LIST_ITEM.match(qs):
        return False
    if first.islower():
        return last.isalnum() or last in _CUT_MARKS
    return last.isalnum() and len(ps) >= CUT_MIN_CHARS


# Most page-furniture paragraphs (page number, running header) a cut may straddle.
CUT_MAX_FURNITURE = 3


class Segmentation(NamedTuple):
    paragraphs: tuple[Paragraph, ...]
    # Page furniture left inside a text paragraph that a page break cut in two
    # ("...the — 2 — THE PYONGYANG TIMES rest of the sentence"): its spans.
    furniture: tuple[tuple[int, int], ...]
    # Spans that are no part of any word: a line-end hyphen and the break after
    # it ("eco-⏎nomize" is one word). Sorted; dropped from the alignment keys.
    joins: tuple[tuple[int, int], ...] = ()


def segment(text: str) -> tuple[Paragraph, ...]:
    """Paragraphs of ``text`` in reading order, with their roles."""
    return segment_document(text).paragraphs


def segment_document(text: str) -> Segmentation:
    """Paragraphs with their roles, and the page furniture inside rejoined paragraphs."""
    spans: list[tuple[int, int]] = []
    heads: list[tuple[int, int]] = []
    furniture: list[tuple[int, int]] = []  # running heads inside a paragraph, then cuts'
    for block in _blocks(_running_heads(text, _lines(text))):
        spans.extend(_split_block(text, block, heads, furniture))
    repeats = Counter(" ".join(text[s:e].split()) for s, e in spans if e - s <= 80)
    head_set = set(heads)
    role_of: dict[str, Role] = {}  # repeated paragraphs have one role: found once
    roles = []
    for s, e in spans:
        if (s, e) in head_set:
            roles.append(Role.BOILERPLATE)
            continue
        chunk = text[s:e]
        role = role_of.get(chunk)
        if role is None:
            role = role_of[chunk] = _role(chunk, repeats)
        roles.append(role)
    merged: list[tuple[int, int]] = []
    merged_roles: list[Role] = []
    k = 0
    while k < len(spans):
        span, role = spans[k], roles[k]
        if merged and merged_roles[-1] is Role.TEXT and role is not Role.HEADING:
            # Skip over page furniture to the text that may continue the sentence.
            j = k
            while j < len(spans) and roles[j] is Role.BOILERPLATE and j - k < CUT_MAX_FURNITURE:
                j += 1
            if j < len(spans) and roles[j] is Role.TEXT and _is_cut(text, merged[-1], spans[j]):
                furniture.extend(spans[k:j])
                merged[-1] = (merged[-1][0], spans[j][1])
                k = j + 1
                continue
        merged.append(span)
        merged_roles.append(role)
        k += 1
    paragraphs = tuple(
        Paragraph(i, s, e, r)
        for i, ((s, e), r) in enumerate(zip(merged, merged_roles, strict=True))
    )
    return Segmentation(paragraphs, tuple(sorted(furniture)))


def apply_regions(text: str, seg: Segmentation, regions: Sequence[Region]) -> Segmentation:
    """What a format reader marked (``Document.regions``) applied to a segmentation.

    The one hook between the readers (``textdiff.formats``) and segmentation:

    - a paragraph that is all furniture (running head or foot, folio, note,
      note mark, boilerplate) gets the ``boilerplate`` role;
    - furniture inside a paragraph (a note mark, a running head inside a
      rejoined paragraph) joins ``furniture``, so it is no part of the words;
    - a paragraph the reader says goes on past a page or column break
      (``page-break``/``column-break`` with ``continues=yes``) is rejoined with
      its other part, whatever furniture stands between;
    - lines of one reader block (a single line break between them) are one
      paragraph: the reader knows its lines, however long they are;
    - a ``hyphen-break`` becomes a join: the hyphen and the break are no part
      of the word (``join=no``, a compound's own hyphen: only the break is).

    Plain-text documents have no regions and never come here.

    >>> from textdiff.model import Region, RegionKind
    >>> t = "Head\\n\\nthe eco-\\nnomy of\\n\\n2\\n\\nthe land.\\n"
    >>> regs = (Region(0, 4, RegionKind.RUNNING_HEAD),
    ...         Region(13, 15, RegionKind.HYPHEN_BREAK),
    ...         Region(22, 27, RegionKind.PAGE_BREAK, (("continues", "yes"),)),
    ...         Region(24, 25, RegionKind.FOLIO))
    >>> s = apply_regions(t, segment_document(t), regs)
    >>> [(p.role.value, t[p.start:p.end]) for p in s.paragraphs]
    [('boilerplate', 'Head'), ('text', 'the eco-\\nnomy of\\n\\n2\\n\\nthe land.')]
    >>> s.furniture, s.joins
    (((24, 25),), ((13, 15),))
    """
    furniture = _merge_spans([(r.start, r.end) for r in regions if r.kind.furniture])
    carried = [r for r in regions if r.kind in _BREAKS and r.attr("continues") == "yes"]
    paras: list[tuple[int, int, Role]] = []
    for p in seg.paragraphs:
        role = Role.BOILERPLATE if covered(text, p.start, p.end, furniture) else p.role
        if paras and role is not Role.BOILERPLATE:
            # The last kept paragraph of body text, before any furniture.
            k = len(paras) - 1
            while k >= 0 and paras[k][2] is Role.BOILERPLATE:
                k -= 1
            if k >= 0 and paras[k][2] is role:
                s0, e0, _ = paras[k]
                between = text[e0 : p.start]
                one_block = k == len(paras) - 1 and "\n\n" not in between.replace("\r", "")
                if one_block or any(e0 <= r.end and r.start <= p.start for r in carried):
                    del paras[k + 1 :]
                    paras[k] = (s0, p.end, role)
                    continue
        paras.append((p.start, p.end, role))
    inner = [
        (max(a, s), min(b, e))
        for s, e, role in paras
        if role is not Role.BOILERPLATE
        for a, b in furniture
        if a < e and s < b
    ]
    joins = []
    for r in regions:
        if r.kind is RegionKind.HYPHEN_BREAK:
            joins.append((r.start + 1, r.end) if r.attr("join") == "no" else (r.start, r.end))
    return Segmentation(
        tuple(Paragraph(i, s, e, role) for i, (s, e, role) in enumerate(paras)),
        tuple(_merge_spans([*seg.furniture, *inner])),
        tuple(sorted(joins)),
    )


_BREAKS = (RegionKind.PAGE_BREAK, RegionKind.COLUMN_BREAK)


def _merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def covered(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Is every non-space character of text[start:end] inside one of ``spans`` (sorted)?"""
    pos = start
    for s, e in spans:
        if e <= pos:
            continue
        if s >= end:
            break
        if text[pos:s].strip():
            return False
        pos = max(pos, e)
        if pos >= end:
            return True
    return not text[pos:end].strip()
