"""pipeline: the one place that wires the stages together.

    load -> segment -> normalize (keys) -> align -> worddiff -> classify

>>> c = compare_texts("The behaviour of the Party.\\n", "The behavior of the Party.\\n")
>>> c.summary.verdict.value, [s.category.value for b in c.blocks for s in b.segments if s.category]
('equivalent', ['spelling'])
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import NamedTuple

from . import classify, segment, worddiff
from .align import Aligned, Codebook, ParaKey, align
from .load import load, sha256_hex
from .model import (
    Block,
    BlockKind,
    Category,
    Comparison,
    Document,
    Op,
    Paragraph,
    Role,
    Segment,
    Side,
)
from .normalize import EDGE_MARKS, RULE_KEY, RULE_RE, fold_typography, token_key, word_keys
from .options import Options
from .userrules import RuleSet


def compare(
    path_a: str | bytes | os.PathLike[str] | os.PathLike[bytes],
    path_b: str | bytes | os.PathLike[str] | os.PathLike[bytes],
    options: Options | None = None,
) -> Comparison:
    """Load two files (paths as str, bytes or any os.PathLike) and compare them."""
    options = options or Options()
    doc_a = load(path_a, options.encoding_a, docx_view=options.docx_view)
    doc_b = load(path_b, options.encoding_b, docx_view=options.docx_view)
    return compare_documents(doc_a, doc_b, options)


def compare_texts(a: str, b: str, options: Options | None = None) -> Comparison:
    """Compare two strings (as if read from UTF-8 files named ``a`` and ``b``)."""
    return compare_documents(_document(a, "a"), _document(b, "b"), options)


def _document(text: str, name: str) -> Document:
    data = text.encode("utf-8", "surrogatepass")
    return Document(name, text, "utf-8", 1.0, "given", sha256_hex(data), len(data))


def segment_of(doc: Document) -> segment.Segmentation:
    """Paragraphs of a document; what a format reader marked is applied on top."""
    seg = segment.segment_document(doc.text)
    if doc.source is not None:
        seg = segment.apply_regions(doc.text, seg, doc.regions)
    return seg


def _keys(
    doc: Document,
    paras: tuple[Paragraph, ...],
    seg: segment.Segmentation,
    coder: _WordCoder,
    blanked: Sequence[tuple[int, int]] | None = None,
) -> list[ParaKey]:
    """Each paragraph's word codes; ``blanked`` (sorted spans, the furniture if None)
    are no part of any word."""
    blanked = seg.furniture if blanked is None else blanked
    out = []
    seen: dict[str, tuple[str, int]] = {}  # a text repeats paragraphs: each keyed once
    for p in paras:
        # Page furniture inside a rejoined paragraph is no part of its words,
        # nor is a line-end hyphen (a join).
        chunk = classify.blank(doc.text, p.start, p.end, blanked)
        if seg.joins:
            chunk = _join(chunk, p.start, seg.joins)
        known = seen.get(chunk)
        if known is None:
            codes = "".join(coder.codes(piece, piece.split()) for piece in _slices(chunk))
            if not codes:
                # A paragraph of marks only ("***", "–"): its folded marks stand as one word.
                codes = coder.book.encode(["".join(fold_typography(chunk).split())])
            known = seen[chunk] = (codes, classify.nonspace(chunk))
        out.append(ParaKey(p.index, p.role, *known))
    return out


# A paragraph longer than this (a book run onto one line) is keyed a slice at a time, so
# the list of its words is never made whole.
SLICE_CHARS = 1 << 16
# A space before a letter: never inside "10 000". One character, not ``\s+``: a run of
# spaces with no letter after it would be rescanned from each of its positions.
_SLICE_CUT = re.compile(r"\s(?=[^\W\d])")


def _slices(chunk: str) -> Iterator[str]:
    """``chunk`` cut at spaces before a letter into slices of about ``SLICE_CHARS``: the
    word keys of the slices, joined, are the chunk's (a space is inside no word but a
    number grouped with spaces, and no slice starts with a digit).

    >>> list(_slices("a b")), sum(1 for _ in _slices("word " * 40000))
    (['a b'], 4)
    """
    pos = 0
    while len(chunk) - pos > SLICE_CHARS:
        m = _SLICE_CUT.search(chunk, pos + SLICE_CHARS)
        if m is None:
            break
        yield chunk[pos : m.end()]
        pos = m.end()
    yield chunk[pos:] if pos else chunk


def _join(chunk: str, offset: int, joins: tuple[tuple[int, int], ...]) -> str:
    """``chunk`` (the text from ``offset`` on) with each join and the blank after it removed.

    >>> _join("eco-\\n nomy and so-\\ncial", 10, ((13, 15), (27, 29)))
    'economy and social'
    """
    end = offset + len(chunk)
    k = bisect_left(joins, (offset, offset))
    pieces = []
    pos = 0
    for s, e in joins[k:]:
        if s >= end:
            break
        s, e = s - offset, e - offset
        pieces.append(chunk[pos:s])
        while e < len(chunk) and chunk[e].isspace():
            e += 1  # furniture blanked out after the break, too
        pos = max(pos, e)
    pieces.append(chunk[pos:])
    return "".join(pieces)


class _WordCoder:
    """The codes (``Codebook``) of a paragraph's word keys, found part by part.

    Running text repeats its whitespace-separated parts ("the", "Party,"), so
    splitting on whitespace (C speed) and keying each distinct part once is
    much cheaper than running the word regex over every paragraph. Codes come
    out exactly as ``book.encode(word_keys(chunk))`` gives them, new keys
    numbered in order of first use.
    """

    def __init__(self, book: Codebook) -> None:
        self.book = book
        self.keys: dict[str, str] = {}  # token -> token_key(token)
        self._parts: dict[str, str] = {}  # part -> codes of its words

    def codes(self, chunk: str, parts: list[str]) -> str:
        known = self._parts
        fresh = [part for part in dict.fromkeys(parts) if part not in known]
        if any(map(str.isdecimal, map(_first, fresh))) and any(map(_may_continue_number, fresh)):
            # The only word a space can be inside of: a number grouped with
            # spaces ("10 000"). Such parts are never memoized, so a paragraph
            # with one always comes here and is read whole.
            return self.book.encode(word_keys(chunk, self.keys))
        code, keys = self.book.code, self.keys
        for part in fresh:
            core = part.strip(EDGE_MARKS)  # "Party," "“We": one plain word in most parts
            if not core and RULE_RE.fullmatch(part):
                known[part] = code(RULE_KEY)  # a rule ("---"), keyed as word_keys keys it
            elif core.isalpha():
                key = keys.get(core)
                if key is None:
                    key = keys[core] = token_key(core)
                known[part] = code(key)
            else:
                known[part] = "".join(map(code, word_keys(core, keys)))
        return "".join(map(known.__getitem__, parts))


_first = itemgetter(0)


def _may_continue_number(part: str) -> bool:
    """Could ``part`` be the second half of a number grouped with a space ("10 000")?"""
    return part[:3].isdecimal() and len(part) >= 3 and not part[3:4].isdecimal()


class Prepared(NamedTuple):
    """One side as the stages leave it: each reads what the ones before it wrote."""

    doc: Document
    seg: segment.Segmentation  # paragraphs with roles, and furniture inside paragraphs
    keys: list[ParaKey]  # each paragraph's word codes
    # Page furniture, inside paragraphs or paragraphs of their own: an edit that is
    # only such text is boilerplate (a page break with its head and folio, carried
    # into the middle of a paragraph of the other text).
    masked: tuple[tuple[int, int], ...]
    # Rules of the user's own: where ignore rules matched (start, end, rule), and the
    # paragraphs a user rule made boilerplate (paragraph index -> rule).
    ignored: tuple[tuple[int, int, str], ...] = ()
    user_roles: tuple[tuple[int, str], ...] = ()

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return self.seg.paragraphs

    @property
    def furniture(self) -> tuple[tuple[int, int], ...]:
        return self.seg.furniture

    def span(self, idx: tuple[int, ...], at: int) -> tuple[int, int]:
        """The text a block takes on this side; an empty span at ``at`` if none."""
        if not idx:
            return at, at
        return self.paragraphs[idx[0]].start, self.paragraphs[idx[-1]].end


def prepare(doc: Document, coder: _WordCoder, rules: RuleSet | None = None) -> Prepared:
    seg = segment_of(doc)
    if rules:
        return _prepare_with(doc, seg, coder, rules)
    own = [(p.start, p.end) for p in seg.paragraphs if p.role is Role.BOILERPLATE]
    masked = tuple(sorted([*seg.furniture, *own]))
    return Prepared(doc, seg, _keys(doc, seg.paragraphs, seg, coder), masked)


def _prepare_with(
    doc: Document, seg: segment.Segmentation, coder: _WordCoder, rules: RuleSet
) -> Prepared:
    """``prepare`` under rules of the user's own: a paragraph a boilerplate rule matches
    whole, or all of whose text ignore rules matched, is boilerplate; ignored text is no
    part of the alignment's words."""
    text = doc.text
    ignored = tuple(rules.ignored_spans(text)) if rules.ignore else ()
    starts = [s for s, _, _ in ignored]
    paras, roles = [], []
    for p in seg.paragraphs:
        name = None
        if p.role is not Role.BOILERPLATE:
            name = rules.boilerplate_rule(text[p.start : p.end]) if rules.boilerplate else None
            if name is None and ignored:
                name = _all_ignored(text, p, ignored, starts)
        if name is not None:
            p = p._replace(role=Role.BOILERPLATE)
            roles.append((p.index, name))
        paras.append(p)
    seg = seg._replace(paragraphs=tuple(paras))
    own = [(p.start, p.end) for p in seg.paragraphs if p.role is Role.BOILERPLATE]
    masked = tuple(sorted([*seg.furniture, *own]))
    blanked = sorted([*seg.furniture, *((s, e) for s, e, _ in ignored)])
    keys = _keys(doc, seg.paragraphs, seg, coder, blanked)
    return Prepared(doc, seg, keys, masked, ignored, tuple(roles))


def _all_ignored(
    text: str, p: Paragraph, ignored: tuple[tuple[int, int, str], ...], starts: list[int]
) -> str | None:
    """The first ignore rule inside ``p`` if ignore rules matched all of its text."""
    k = max(bisect_left(starts, p.start) - 1, 0)
    inside = []
    for s, e, name in ignored[k:]:
        if s >= p.end:
            break
        if e > p.start:
            inside.append((s, e, name))
    if inside and segment.covered(text, p.start, p.end, [(s, e) for s, e, _ in inside]):
        return inside[0][2]
    return None


def compare_documents(
    doc_a: Document, doc_b: Document, options: Options | None = None
) -> Comparison:
    """Compare two decoded documents."""
    options = options or Options()
    coder = _WordCoder(Codebook())
    a, b = prepare(doc_a, coder, options.rules), prepare(doc_b, coder, options.rules)
    # No name holds the alignment here: compare_aligned lets it go once the blocks are
    # made (most of a long text's memory is one record per paragraph, of each stage).
    return compare_aligned(
        a, b, align(a.keys, b.keys, swap=orientation(doc_a, doc_b)), options, coder.keys
    )


class Differ:
    """The word diff of aligned blocks.

    A block with nothing on one side sits, on that side, where the aligned block
    of its nearest preceding paragraph ends there (the start of the text if none):
    a position read from the alignment alone, not from the order blocks are diffed
    in, so compare(b, a) puts it exactly where compare(a, b) does.
    """

    def __init__(
        self,
        a: Prepared,
        b: Prepared,
        cache: dict[str, str],
        swap: bool,
        aligned: list[Aligned],
        rules: RuleSet | None = None,
    ) -> None:
        self.a, self.b, self.cache, self.swap = a, b, cache, swap
        self.user = classify.UserSides(rules, a.ignored, b.ignored) if rules else None
        self.user_roles = (dict(a.user_roles), dict(b.user_roles))
        # Per paragraph of each side, where its block ends on the other side (-1: none);
        # lists, not dicts: one slot per paragraph of a 50 MB text is memory that counts.
        self._ends = ([-1] * len(a.paragraphs), [-1] * len(b.paragraphs))
        self._keys: tuple[list[int], list[int]] = ([], [])
        self.anchor(aligned)

    def anchor(self, aligned: Sequence[Aligned]) -> None:
        """Record where these blocks end on each side (parts override their group)."""
        ends_a, ends_b = self._ends
        for al in aligned:
            if not (al.a and al.b) or al.kind is BlockKind.MOVED:
                continue
            a1 = self.a.paragraphs[al.a[-1]].end
            b1 = self.b.paragraphs[al.b[-1]].end
            for i in al.a:
                ends_a[i] = b1  # A paragraph i -> where its block ends in B
            for j in al.b:
                ends_b[j] = a1
        self._keys = (
            [i for i, e in enumerate(ends_a) if e >= 0],
            [j for j, e in enumerate(ends_b) if e >= 0],
        )

    def _at(self, side: int, first: int) -> int:
        """Where, on the other side, a one-sided block starting at paragraph ``first`` sits."""
        keys = self._keys[side]
        k = bisect_left(keys, first)
        return self._ends[side][keys[k - 1]] if k else 0

    def diff(self, al: Aligned) -> Block:
        a, b = self.a, self.b
        a0, a1 = a.span(al.a, 0 if al.a or not al.b else self._at(1, al.b[0]))
        b0, b1 = b.span(al.b, 0 if al.b or not al.a else self._at(0, al.a[0]))
        if al.a and al.b and a.text[a0:a1] == b.text[b0:b1]:
            # The same text (most blocks of two versions): nothing to diff or classify.
            same = (Segment(Op.EQUAL, a0, a1, b0, b1),)
            refined = BlockKind.EQUAL if al.kind is BlockKind.CHANGED else al.kind  # refine_kind
            return Block(refined, al.a, al.b, 1.0, same)
        roles = [a.paragraphs[i].role for i in al.a] + [b.paragraphs[j].role for j in al.b]
        boilerplate = all(r is Role.BOILERPLATE for r in roles)
        raw = worddiff.diff_span(a.text, a0, a1, b.text, b0, b1, self.cache, self.swap)
        why = "boilerplate-paragraph"
        if boilerplate and self.user is not None:
            # A paragraph a rule of the user's made boilerplate: that rule says why.
            found = [self.user_roles[0].get(i) for i in al.a]
            found += [self.user_roles[1].get(j) for j in al.b]
            why = next((name for name in found if name), why)
        segments = classify.categorize(
            raw, a.text, b.text, boilerplate, (a.masked, b.masked), self.user, why
        )
        kind = classify.refine_kind(al.kind, segments)
        similarity = al.similarity
        if kind is BlockKind.EQUAL or (segments and all(s.op is Op.EQUAL for s in segments)):
            similarity = 1.0
        return Block(kind, al.a, al.b, similarity, segments)


def compare_aligned(
    a: Prepared,
    b: Prepared,
    aligned: list[Aligned],
    options: Options,
    cache: dict[str, str],
    known: Callable[[Aligned], Block | None] | None = None,
) -> Comparison:
    """The comparison of two prepared sides, given their paragraph alignment: the word
    diff of each block (``known`` may supply a block already diffed, which must be what
    the differ would make), regrouped paragraphs cut into parts where more than
    whitespace differs, then classify's findings."""
    swap = orientation(a.doc, b.doc)
    differ = Differ(a, b, cache, swap, aligned, options.rules)
    blocks: list[Block] = []
    for al in aligned:
        block = known(al) if known is not None and not al.parts else None
        if block is None:
            block = differ.diff(al)
        if al.parts and block.kind is not BlockKind.EQUAL:
            # Paragraphs regrouped (a break placed elsewhere) and more than whitespace
            # differs: the contract has no n:m kind but equal, so show the parts.
            differ.anchor(al.parts)
            blocks.extend(_rejoin_breaks([differ.diff(part) for part in al.parts], a, b))
        else:
            blocks.append(block)
    found_a, found_b = [0] * len(a.keys), [0] * len(b.keys)
    for al in aligned:  # one-sided blocks: their words the other text has (``Aligned.found``)
        if al.found:
            side, where = (found_a, al.a) if al.a else (found_b, al.b)
            for k, w in zip(where, al.found, strict=True):
                side[k] = w
    del aligned, differ  # the blocks say it all now
    side_a = classify.SideInfo(a.text, a.paragraphs, [k.nwords for k in a.keys], found_a)
    side_b = classify.SideInfo(b.text, b.paragraphs, [k.nwords for k in b.keys], found_b)
    found = classify.summarize(side_a, side_b, blocks, options)
    return Comparison(
        a=Side(a.doc, a.paragraphs),
        b=Side(b.doc, b.paragraphs),
        blocks=found.blocks,
        region=found.region,
        coverage=found.coverage,
        similarity=found.similarity,
        summary=found.summary,
        options=options.as_dict(),
    )


def orientation(a: Document, b: Document) -> bool:
    """``swap``: True when B is aligned against A and mirrored. Both argument orders agree
    on it, so compare(b, a) is the mirror of compare(a, b) even where alignments tie."""
    return (len(a.text), a.text) > (len(b.text), b.text)


# The rule of a word carried across a paragraph break placed elsewhere.
DISPLACED_BREAK = "displaced-break"


def _rejoin_breaks(parts: list[Block], a: Prepared, b: Prepared) -> list[Block]:
    """Words a paragraph break placed elsewhere carried from one part to the next.

    Cut into parts, a regrouped stretch ("x. y." "z." against "x." "y. z.") shows
    "y." deleted at the end of one part and inserted at the start of the next.
    The words are the same and in the same place; only the break moved, so both
    edits are whitespace, by the rule ``DISPLACED_BREAK``.
    """
    out = list(parts)
    for k in range(len(out) - 1):
        x, y = out[k], out[k + 1]
        last, first = _last_edit(x, a.text), _first_edit(y, a.text)
        if last is None or first is None:
            continue
        (kx, s), (ky, t) = last, first
        if s.op is Op.DELETE and t.op is Op.INSERT:
            same = word_keys(a.text[s.a0 : s.a1]) == word_keys(b.text[t.b0 : t.b1])
        elif s.op is Op.INSERT and t.op is Op.DELETE:
            same = word_keys(b.text[s.b0 : s.b1]) == word_keys(a.text[t.a0 : t.a1])
        else:
            continue
        if not same:
            continue
        xs, ys = list(x.segments), list(y.segments)
        xs[kx] = s._replace(category=Category.WHITESPACE, rule=DISPLACED_BREAK)
        ys[ky] = t._replace(category=Category.WHITESPACE, rule=DISPLACED_BREAK)
        out[k] = x._replace(segments=tuple(xs))
        out[k + 1] = y._replace(segments=tuple(ys))
    return [blk._replace(kind=classify.refine_kind(blk.kind, blk.segments)) for blk in out]


def _last_edit(blk: Block, text_a: str) -> tuple[int, Segment] | None:
    """The block's last non-equal segment, if no word follows it."""
    for k in range(len(blk.segments) - 1, -1, -1):
        s = blk.segments[k]
        if s.op is not Op.EQUAL:
            return k, s
        if any(ch.isalnum() for ch in text_a[s.a0 : s.a1]):
            return None
    return None


def _first_edit(blk: Block, text_a: str) -> tuple[int, Segment] | None:
    """The block's first non-equal segment, if no word comes before it."""
    for k, s in enumerate(blk.segments):
        if s.op is not Op.EQUAL:
            return k, s
        if any(ch.isalnum() for ch in text_a[s.a0 : s.a1]):
            return None
    return None
