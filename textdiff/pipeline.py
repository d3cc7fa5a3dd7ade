"""pipeline: the one place that wires the stages together.

    load -> segment -> normalize (keys) -> align -> worddiff -> classify

>>> c = compare_texts("The behaviour of the Party.\\n", "The behavior of the Party.\\n")
>>> c.summary.verdict.value, [s.category.value for b in c.blocks for s in b.segments if s.category]
('equivalent', ['spelling'])
"""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

from . import classify, segment, worddiff
from .align import Aligned, Codebook, ParaKey, align
from .load import load, sha256_hex
from .model import Block, BlockKind, Comparison, Document, Op, Paragraph, Role, Side
from .normalize import EDGE_MARKS, fold_typography, token_key, word_keys
from .options import Options


def compare(path_a: str, path_b: str, options: Options | None = None) -> Comparison:
    """Load two files and compare them."""
    options = options or Options()
    doc_a = load(path_a, options.encoding_a, options.docx_view)
    doc_b = load(path_b, options.encoding_b, options.docx_view)
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
) -> list[ParaKey]:
    out = []
    for p in paras:
        # Page furniture inside a rejoined paragraph is no part of its words,
        # nor is a line-end hyphen (a join).
        chunk = classify.blank(doc.text, p.start, p.end, seg.furniture)
        if seg.joins:
            chunk = _join(chunk, p.start, seg.joins)
        parts = chunk.split()
        codes = coder.codes(chunk, parts)
        if not codes:
            # A paragraph of marks only ("***", "–"): its folded marks stand as one word.
            codes = coder.book.encode(["".join(fold_typography(chunk).split())])
        out.append(ParaKey(p.index, p.role, codes, len("".join(parts))))
    return out


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
            if core.isalpha():
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


def compare_documents(
    doc_a: Document, doc_b: Document, options: Options | None = None
) -> Comparison:
    """Compare two decoded documents."""
    options = options or Options()
    seg_a, seg_b = segment_of(doc_a), segment_of(doc_b)
    paras_a, paras_b = seg_a.paragraphs, seg_b.paragraphs
    furniture = (seg_a.furniture, seg_b.furniture)
    coder = _WordCoder(Codebook())
    keys_a = _keys(doc_a, paras_a, seg_a, coder)
    keys_b = _keys(doc_b, paras_b, seg_b, coder)
    # Orient by a rule both argument orders agree on, so compare(b, a) is the mirror
    # of compare(a, b) even where several alignments tie.
    swap = (len(doc_a.text), doc_a.text) > (len(doc_b.text), doc_b.text)
    aligned = align(keys_a, keys_b, swap=swap)

    blocks: list[Block] = []
    token_cache = coder.keys  # the word diff keys many of the same words again
    pos_a = pos_b = 0  # where a one-sided block falls on the other side
    for al in aligned:
        block = _diff_block(
            al, doc_a.text, paras_a, doc_b.text, paras_b, pos_a, pos_b, token_cache, furniture, swap
        )
        blocks.append(block)
        if al.a and al.kind is not BlockKind.MOVED:
            pos_a = paras_a[al.a[-1]].end
        if al.b:
            pos_b = paras_b[al.b[-1]].end

    side_a = classify.SideInfo(doc_a.text, paras_a, [k.nwords for k in keys_a])
    side_b = classify.SideInfo(doc_b.text, paras_b, [k.nwords for k in keys_b])
    region, coverage, similarity, summary = classify.summarize(side_a, side_b, blocks, options)
    return Comparison(
        a=Side(doc_a, paras_a),
        b=Side(doc_b, paras_b),
        blocks=tuple(blocks),
        region=region,
        coverage=coverage,
        similarity=similarity,
        summary=summary,
        options=options.as_dict(),
    )


def _diff_block(
    al: Aligned,
    text_a: str,
    paras_a: tuple[Paragraph, ...],
    text_b: str,
    paras_b: tuple[Paragraph, ...],
    pos_a: int,
    pos_b: int,
    cache: dict[str, str],
    furniture: tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]],
    swap: bool,
) -> Block:
    if al.a:
        a0, a1 = paras_a[al.a[0]].start, paras_a[al.a[-1]].end
    else:
        a0 = a1 = pos_a
    if al.b:
        b0, b1 = paras_b[al.b[0]].start, paras_b[al.b[-1]].end
    else:
        b0 = b1 = pos_b
    roles = [paras_a[i].role for i in al.a] + [paras_b[j].role for j in al.b]
    boilerplate = all(r is Role.BOILERPLATE for r in roles)
    raw = worddiff.diff_span(text_a, a0, a1, text_b, b0, b1, cache, swap)
    segments = classify.categorize(raw, text_a, text_b, boilerplate, furniture)
    kind = classify.refine_kind(al.kind, segments)
    similarity = al.similarity
    if kind is BlockKind.EQUAL or (segments and all(s.op is Op.EQUAL for s in segments)):
        similarity = 1.0
    return Block(kind, al.a, al.b, similarity, segments)
