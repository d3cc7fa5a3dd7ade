"""pdf: a PDF's text layer -> canonical text in reading order, with pages and columns.

pypdfium2 (the ``pdf`` extra) gives the glyphs with their boxes; everything
about layout is ours, because no library's own order is right on a
two-column bulletin (``../shared/research/ingestion.md`` §2):

    _glyphs(page)        pdfium's chars and loose (line-height) boxes, one call per char
    _pieces(...)         runs of glyphs that sit together on one line of one column
    _xy_cut(pieces)      recursive XY-cut: the widest vertical gutter first, else the
                         horizontal gaps (bands that share a gutter stay one band)
    _lines(leaf)         a leaf's pieces grouped into lines, left to right
    _roles(pages)        running heads and feet (top/bottom band, or repeated there),
                         folios, notes (small type at a column's end), note marks
                         (raised small digits), by geometry and repetition
    read(data, path)     -> Document: the text, origins (line -> page, column, box)
                         and regions (running-head, folio, note, note-mark,
                         hyphen-break, column-break, page-break)

Nothing is removed. Running heads, folios and notes stay in the text where
they stand on the page, each its own paragraph (blank lines around it); a
line-end hyphen stays, followed by the line break, and is marked
``hyphen-break``; pdfium's hyphen mark U+FFFE is written as ``-``. A
paragraph that goes on in the next column or page is marked by a
``column-break`` or ``page-break`` region with ``continues=yes`` over the
furniture between its two parts, which ``segment.apply_regions`` uses to
rejoin it.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from ..errors import FormatError, InputError
from ..model import Document, Origin, PdfLoc, Region, RegionKind, SourceInfo
from . import require

READER = "textdiff.formats.pdf/1"

# Refused as a "huge page": more glyphs than a dense broadsheet holds, or a
# page larger than PDF's own limit (14,400 pt, 200 in).
MAX_PAGE_CHARS = 200_000
MAX_PAGE_POINTS = 14_400.0
MAX_PAGES = 5_000

# Layout thresholds, in units of the document's body type size (the modal
# loose glyph height): gutters, bands and paragraph gaps scale with the type.
GUTTER = 0.9  # a vertical gutter at least this wide cuts columns
BAND_GAP = 0.8  # a horizontal gap at least this tall cuts bands
PIECE_GAP = 1.2  # glyphs further apart on a line belong to different pieces
SPACE_GAP = 0.2  # a gap this wide between pieces of a line is a word space
# Running heads and folios sit in the top and bottom bands of the page...
HEAD_BAND = 0.09
# ...or a little further in, when the same line (digits masked) repeats on
# at least REPEAT_SHARE of the pages.
REPEAT_BAND = 0.15
REPEAT_SHARE = 0.5
NOTE_SIZE = 0.85  # a line in type smaller than this (x body) may be a note
MARK_SIZE = 0.9  # a glyph smaller than this (x its line) and raised...
MARK_RISE = 0.25  # ...at least this much (x its line) above the line's foot is a note mark
NOTE_BAND_GAP = 2.5  # a one-column band further below than this (x body) is no continuation
INDENT = 0.6  # a first line indented this much (x body) starts a paragraph
PARA_PITCH = 1.35  # a line this much further down than the leaf's pitch starts one

_HYPHENS = "-\u2010\ufffe\u00ad"
_FOLIO = re.compile(
    r"(?i)(?:page\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?"
)
_MARK = re.compile(r"[0-9*†‡§¶a-z]{1,3}")
_DIGITS = re.compile(r"\d+")
_TERMINAL = ".!?:;\"'”’»)"


@dataclass(slots=True)
class _Piece:
    """Glyphs [s, e) of a page's char stream that sit together on one line."""

    s: int
    e: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # median loose glyph height
    smallest: float = 0.0  # the smallest glyph's: below the line's size, look for note marks

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class _Line:
    pieces: list[_Piece]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    text: str = ""
    left: float = 0.0  # the leaf's body text runs from left to right
    right: float = 0.0
    marks: list[tuple[int, int]] = field(default_factory=list)  # note marks, offsets in text
    column: int = 1
    number: int = 0  # 1-based, within its page and column
    role: RegionKind | None = None  # None: body


@dataclass(slots=True)
class _Leaf:
    lines: list[_Line]
    column: int


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    leaves: list[_Leaf]


def _engine() -> str:
    import pypdfium2
    from pypdfium2.version import PDFIUM_INFO, PYPDFIUM_INFO

    del pypdfium2
    build = str(PDFIUM_INFO).split("@")[0]
    return f"pypdfium2 {PYPDFIUM_INFO} (pdfium {build})"


def read(data: bytes, path: str) -> Document:
    """The PDF's canonical text with origins and regions (see the module docstring)."""
    pdfium = require("pypdfium2", "pdf", "PDF")
    from ..load import sha256_hex

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise FormatError(f"{path}: encrypted PDF (needs a password); not read") from None
        raise FormatError(f"{path}: broken PDF ({message.rstrip('.')})") from None
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise InputError(f"{path}: {count:,} pages; more than {MAX_PAGES:,} is not read")
        pages = [_page(pdf, i, path) for i in range(count)]
    finally:
        pdf.close()
    if not any(leaf.lines for p in pages for leaf in p.leaves):
        raise FormatError(f"{path}: PDF has no text layer (a scan needs OCR first)")
    _roles(pages)
    text, origins, regions = _emit(pages)
    return Document(
        path=path,
        text=text,
        encoding="utf-8",
        confidence=1.0,
        method="pdf",
        sha256=sha256_hex(data),
        size=len(data),
        format="pdf",
        origins=tuple(origins),
        regions=tuple(regions),
        source=SourceInfo("pdf", READER, _engine(), pages=len(pages)),
    )


# ---------------------------------------------------------------- glyphs


def _page(pdf: object, index: int, path: str) -> _Page:
    import pypdfium2.raw as raw

    page = pdf[index]  # type: ignore[index]
    try:
        width, height = page.get_size()
        if max(width, height) > MAX_PAGE_POINTS:
            raise InputError(
                f"{path}: page {index + 1} is {width:,.0f} × {height:,.0f} pt; a page larger "
                f"than {MAX_PAGE_POINTS:,.0f} pt is not read"
            )
        textpage = page.get_textpage()
        try:
            n = raw.FPDFText_CountChars(textpage.raw)
            if n > MAX_PAGE_CHARS:
                raise InputError(
                    f"{path}: page {index + 1} holds {n:,} characters; more than "
                    f"{MAX_PAGE_CHARS:,} on one page is not read"
                )
            chars, boxes = _glyphs(raw, textpage, n)
        finally:
            textpage.close()
    finally:
        page.close()
    pieces = _pieces(chars, boxes, height)
    leaves = [
        _Leaf(_lines(leaf, chars, boxes, height), column)
        for leaf, column in _xy_cut(pieces, _body_size(pieces), 1)
    ]
    return _Page(index + 1, width, height, leaves)


def _glyphs(raw: object, textpage: object, n: int) -> tuple[str, NDArray[np.float64]]:
    """pdfium's chars and their loose boxes: one row per char, left, top, right, bottom (y up).

    One call per glyph, the one loop of this module in Python: the loose box is
    the line-height box, so a comma or a superscript still overlaps its line,
    and its height is the type size. The boxes are written straight into one
    float array through a plain-pointer prototype of the same pdfium function,
    twice as fast as going through a ctypes structure per call.
    """
    text: str = textpage.get_text_range(0, n) if n else ""  # type: ignore[attr-defined]
    if len(text) != n:  # a char outside the BMP: pdfium counts UTF-16 units; go char by char
        get = raw.FPDFText_GetUnicode  # type: ignore[attr-defined]
        text = "".join(chr(get(textpage.raw, i)) for i in range(n))  # type: ignore[attr-defined]
    boxes = np.zeros((n, 4), dtype=np.float32)
    base = boxes.ctypes.data
    handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value  # type: ignore[attr-defined]
    address = ctypes.cast(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p).value  # type: ignore[attr-defined]
    if not address or not handle:  # pragma: no cover - pdfium always gives both
        raise FormatError("pdfium returned no text page")
    loose = _PLAIN(address)
    for i in range(n):
        loose(handle, i, base + 16 * i)
    return text, boxes.astype(np.float64)


# FPDFText_GetLooseCharBox(FPDF_TEXTPAGE, int, FS_RECTF*) with plain pointers.
_PLAIN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)


def _pieces(chars: str, a: NDArray[np.float64], height: float) -> list[_Piece]:
    """Runs of glyphs on one line of one column, in pdfium's stream order.

    A run ends at pdfium's own line breaks, where the next glyph is not on
    the same line (little vertical overlap), or where it jumps back or far
    ahead (another column, the right half of a running head). Generated
    glyphs (pdfium's inferred spaces and line breaks) have no box; a space
    inside a run stays in it. Vectorized: a 50-page bulletin has 250,000 glyphs.
    """
    n = len(chars)
    if not n:
        return []
    left, up, right, down = a[:, 0], a[:, 1], a[:, 2], a[:, 3]
    h = up - down
    codes = np.frombuffer(chars.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    newline = (codes == 10) | (codes == 13)
    real = np.flatnonzero(~(((h <= 0) & (right <= left)) | newline))
    if not real.size:
        return []
    lo, hi = left[real], right[real]
    top, bottom, hh = up[real], down[real], h[real]
    size = np.maximum(hh[:-1], hh[1:])
    overlap = np.minimum(top[:-1], top[1:]) - np.maximum(bottom[:-1], bottom[1:])
    same_line = overlap > 0.3 * np.minimum(hh[:-1], hh[1:])
    near = (lo[1:] > hi[:-1] - 0.5 * size) & (lo[1:] - hi[:-1] < PIECE_GAP * size)
    breaks = np.cumsum(newline)
    crossed = breaks[real[1:]] != breaks[real[:-1]]
    cut = np.flatnonzero(crossed | ~same_line | ~near) + 1
    starts = np.concatenate(([0], cut))
    ends = np.concatenate((cut, [real.size]))
    x0 = np.minimum.reduceat(lo, starts)
    x1 = np.maximum.reduceat(hi, starts)
    y_top = np.maximum.reduceat(top, starts)
    y_bottom = np.minimum.reduceat(bottom, starts)
    smallest = np.minimum.reduceat(hh, starts)
    group = np.repeat(np.arange(starts.size), ends - starts)
    order = np.lexsort((hh, group))
    median = hh[order[starts + (ends - starts) // 2]]
    first, last = real[starts], real[ends - 1] + 1
    return [
        _Piece(
            int(s0),
            int(e0),
            float(a0),
            height - float(t0),
            float(a1),
            height - float(b0),
            float(m0),
            float(m1),
        )
        for s0, e0, a0, t0, a1, b0, m0, m1 in zip(
            first.tolist(),
            last.tolist(),
            x0.tolist(),
            y_top.tolist(),
            x1.tolist(),
            y_bottom.tolist(),
            median.tolist(),
            smallest.tolist(),
            strict=True,
        )
    ]


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0


def _body_size(pieces: Sequence[_Piece]) -> float:
    """The page's modal glyph height, weighted by glyphs: the body type."""
    weights: Counter[float] = Counter()
    for p in pieces:
        weights[round(p.size, 1)] += p.e - p.s
    return weights.most_common(1)[0][0] if weights else 10.0


# ---------------------------------------------------------------- layout


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _gutter(pieces: Sequence[_Piece], size: float) -> tuple[float, float] | None:
    """The widest vertical gap at least GUTTER x size wide, with text on both sides."""
    spans = _merge([(p.x0, p.x1) for p in pieces])
    best: tuple[float, float] | None = None
    for (_, a), (b, _) in pairwise(spans):
        if b - a >= GUTTER * size and (best is None or b - a > best[1] - best[0]):
            best = (a, b)
    return best


def _line_count(pieces: Sequence[_Piece]) -> int:
    return len(_merge([(p.top + 0.25 * (p.bottom - p.top), p.bottom - 0.25 * (p.bottom - p.top))
                       for p in pieces]))  # fmt: skip


def _xy_cut(pieces: list[_Piece], size: float, column: int) -> Iterator[tuple[list[_Piece], int]]:
    """Leaves in reading order, each with its column (1 + how often it went right).

    The wider of the two separations cuts first: a running head far above two
    columns is a band of its own even when it happens not to cross the gutter;
    inside the columns, the gutter is wider than any gap between lines.
    """
    if not pieces:
        return
    g = _gutter(pieces, size) if _line_count(pieces) > 2 else None
    bands = _bands(pieces, size)
    gap = max(
        (min(p.top for p in b) - max(p.bottom for p in a) for a, b in pairwise(bands)),
        default=0.0,
    )
    if len(bands) > 1 and (g is None or gap > g[1] - g[0]):
        for band in bands:
            yield from _xy_cut(band, size, column)
    elif g is not None:
        mid = (g[0] + g[1]) / 2
        yield from _xy_cut([p for p in pieces if p.x1 <= mid], size, column)
        yield from _xy_cut([p for p in pieces if p.x1 > mid], size, column + 1)
    else:
        yield pieces, column


def _bands(pieces: list[_Piece], size: float) -> list[list[_Piece]]:
    """Split at horizontal gaps of at least BAND_GAP x size; then rejoin neighbours
    that are one set of columns (a gap that happens to fall in every column at once)."""
    spans = _merge([(p.top, p.bottom) for p in pieces])
    cuts = [b for (_, a), (b, _) in pairwise(spans) if b - a >= BAND_GAP * size]
    if not cuts:
        return [pieces]
    groups: list[list[_Piece]] = [[] for _ in range(len(cuts) + 1)]
    for p in pieces:
        k = 0
        while k < len(cuts) and p.top >= cuts[k]:
            k += 1
        groups[k].append(p)
    out: list[list[_Piece]] = []
    gutters: list[tuple[float, float] | None] = []
    for grp in groups:
        if not grp:
            continue
        g = _gutter(grp, size) if _line_count(grp) > 1 else None
        if out:
            prev = gutters[-1]
            gap = min(p.top for p in grp) - max(p.bottom for p in out[-1])
            a, b = _type_size(grp), _type_size(out[-1])
            near = gap <= NOTE_BAND_GAP * size and abs(a - b) <= 0.1 * max(a, b)
            if prev is not None and _fits(grp, g, prev, near):
                out[-1].extend(grp)
                lo = max(prev[0], g[0]) if g else prev[0]
                hi = min(prev[1], g[1]) if g else prev[1]
                gutters[-1] = (lo, hi) if lo < hi else prev
                continue
        out.append(grp)
        gutters.append(g)
    return out


def _type_size(pieces: Sequence[_Piece]) -> float:
    return _median([p.size for p in pieces])


def _fits(
    grp: list[_Piece], g: tuple[float, float] | None, prev: tuple[float, float], near: bool
) -> bool:
    """Does this band continue the columns of the band above (gutter at the same place)?"""
    if g is not None:
        return g[0] < prev[1] and prev[0] < g[1]
    if not near:
        return False  # far below, or in other type: notes or a colophon under the columns
    # No gutter of its own: one column's continuation, if it stays on one side
    # (a folio or a note centred across the gutter does not).
    mid = (prev[0] + prev[1]) / 2
    return all(p.x1 <= mid for p in grp) or all(p.x0 >= mid for p in grp)


def _lines(pieces: list[_Piece], chars: str, b: NDArray[np.float64], height: float) -> list[_Line]:
    """The leaf's pieces as lines, top to bottom, each read left to right."""
    lines: list[_Line] = []
    for p in sorted(pieces, key=lambda p: (p.top, p.x0)):
        for ln in reversed(lines[-3:]):
            overlap = min(ln.bottom, p.bottom) - max(ln.top, p.top)
            if overlap > 0.5 * min(ln.bottom - ln.top, p.bottom - p.top):
                ln.pieces.append(p)
                ln.x0, ln.x1 = min(ln.x0, p.x0), max(ln.x1, p.x1)
                ln.top, ln.bottom = min(ln.top, p.top), max(ln.bottom, p.bottom)
                break
        else:
            lines.append(_Line([p], p.x0, p.top, p.x1, p.bottom, p.size))
    for ln in lines:
        ln.pieces.sort(key=lambda p: p.x0)
        ln.size = max(ln.pieces, key=lambda p: p.e - p.s).size
        _line_text(ln, chars, b, height)
    return lines


def _line_text(ln: _Line, chars: str, b: NDArray[np.float64], height: float) -> None:
    """The line's text (pieces joined, a space where they stand apart) and its note marks."""
    parts: list[str] = []
    prev: _Piece | None = None
    pos = 0
    base = ln.bottom  # the line's lowest loose bottom: where its body glyphs stand
    for p in ln.pieces:
        s = chars[p.s : p.e].replace("\ufffe", "-")
        if prev is not None:
            gap = p.x0 - prev.x1
            if gap > SPACE_GAP * ln.size and not parts[-1][-1:].isspace() and not s[:1].isspace():
                parts.append(" ")
                pos += 1
        # Raised small glyphs: note marks ("committees¹"), as offsets into the line.
        run = -1
        for k in range(p.s, p.e + 1) if p.smallest < MARK_SIZE * ln.size else ():
            small = False
            if k < p.e:
                h = float(b[k, 1] - b[k, 3])
                down = height - float(b[k, 3])
                small = 0 < h < MARK_SIZE * ln.size and down < base - MARK_RISE * ln.size
            if small and run < 0:
                run = k
            elif not small and run >= 0:
                mark = chars[run:k]
                if _MARK.fullmatch(mark):
                    ln.marks.append((pos + run - p.s, pos + k - p.s))
                run = -1
        parts.append(s)
        pos += len(s)
        prev = p
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    ln.text = text.strip()
    ln.marks = [(a - lead, b - lead) for a, b in ln.marks if b - lead <= len(ln.text)]


# ---------------------------------------------------------------- roles


def _mask(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()).lower())


def _roles(pages: list[_Page]) -> None:
    """Running heads and feet, folios and notes, by band, repetition and type size.

    A leaf (an XY-cut block) that lies wholly in the top or bottom band is
    furniture; so is the first or last line of a leaf that reaches into the
    band when the same line (digits masked) recurs on many pages. A column's
    first line near the top of the page is neither: its leaf goes on below.
    """
    sizes: Counter[float] = Counter()
    for page in pages:
        for leaf in page.leaves:
            for ln in leaf.lines:
                sizes[round(ln.size, 1)] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_mask(ln.text) for ln in _edge_lines(page)})
    repeated = {k for k, n in seen.items() if n >= 2 and n >= REPEAT_SHARE * len(pages)}
    for page in pages:
        edges = {id(ln) for ln in _edge_lines(page)}
        for leaf in page.leaves:
            whole = all(_in_band(ln, page, HEAD_BAND) for ln in leaf.lines) and _one_band(
                leaf, page
            )
            for ln in leaf.lines:
                ln.column = leaf.column
                if whole or (id(ln) in edges and _mask(ln.text) in repeated):
                    folio = _FOLIO.fullmatch(ln.text.strip())
                    ln.role = RegionKind.FOLIO if folio else RegionKind.RUNNING_HEAD
            _notes(leaf, page, body)
        numbers: Counter[int] = Counter()
        for leaf in page.leaves:
            for ln in leaf.lines:
                numbers[ln.column] += 1
                ln.number = numbers[ln.column]


def _one_band(leaf: _Leaf, page: _Page) -> bool:
    """All of the leaf in the top band, or all in the bottom band (not split across)."""
    top = all(ln.bottom <= HEAD_BAND * page.height for ln in leaf.lines)
    bottom = all(ln.top >= (1 - HEAD_BAND) * page.height for ln in leaf.lines)
    return top or bottom


def _edge_lines(page: _Page) -> Iterator[_Line]:
    """The first and last line of each leaf, where they reach into the repeat band."""
    for leaf in page.leaves:
        if not leaf.lines:
            continue
        for ln in {id(leaf.lines[0]): leaf.lines[0], id(leaf.lines[-1]): leaf.lines[-1]}.values():
            if _in_band(ln, page, REPEAT_BAND):
                yield ln


def _in_band(ln: _Line, page: _Page, share: float) -> bool:
    return ln.bottom <= share * page.height or ln.top >= (1 - share) * page.height


def _notes(leaf: _Leaf, page: _Page, body: float) -> None:
    """Notes: the run of small-type lines that ends a leaf, starting with a note marker,
    or a whole leaf of small type in the lower half of the page."""
    lines = [ln for ln in leaf.lines if ln.role is None]
    if not lines:
        return
    small = [ln.size < NOTE_SIZE * body for ln in lines]
    if all(small) and lines[0].top >= page.height / 2:
        for ln in lines:
            ln.role = RegionKind.NOTE
        return
    k = len(lines)
    while k > 0 and small[k - 1]:
        k -= 1
    if k == len(lines) or k == 0:
        return
    first = lines[k]
    starts_marked = bool(first.marks and first.marks[0][0] == 0) or bool(
        re.match(r"\s*(?:\d{1,3}|[*†‡§])[\s.)]", first.text)
    )
    if starts_marked:
        for ln in lines[k:]:
            ln.role = RegionKind.NOTE


# ---------------------------------------------------------------- output


def _emit(pages: list[_Page]) -> tuple[str, list[Origin], list[Region]]:
    """Text in reading order: paragraphs and furniture as blocks, lines kept as lines."""
    parts: list[str] = []
    origins: list[Origin] = []
    regions: list[Region] = []
    pos = 0
    prev_body: _Line | None = None  # the last body line written
    prev_leaf: tuple[int, int] | None = None  # (page, leaf index) of prev_body
    pending_break: tuple[int, RegionKind] | None = None  # offset where furniture began
    leaf_stats: dict[int, tuple[float, float]] = {}

    def write(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for page in pages:
        for li, leaf in enumerate(page.leaves):
            leaf_stats[id(leaf)] = _leaf_stats(leaf)
            for ln in leaf.lines:
                if ln.role is not None:
                    # Furniture: a block of its own.
                    if parts:
                        if pending_break is None and prev_body is not None:
                            pending_break = (pos, RegionKind.PAGE_BREAK)
                        write("\n\n")
                    start = pos
                    write(ln.text)
                    regions.append(Region(start, pos, ln.role, (("page", str(page.number)),)))
                    origins.append(Origin(start, pos, _loc(page, ln)))
                    continue
                sep = "\n\n"
                cont = False
                if prev_body is not None:
                    same_leaf = prev_leaf == (page.number, li)
                    cont = not _starts_paragraph(prev_body, ln, leaf, leaf_stats, same_leaf)
                    if cont and same_leaf and pending_break is None:
                        sep = "\n"
                if cont and prev_body is not None and _hyphenated(prev_body.text, ln.text):
                    # The hyphen is the last char written before this separator (or
                    # before the furniture that stands between).
                    hy = (pending_break[0] if pending_break else pos) - 1
                    regions.append(Region(hy, hy + 1, RegionKind.HYPHEN_BREAK))
                if parts:
                    if pending_break is not None or (
                        prev_leaf is not None and prev_leaf != (page.number, li)
                    ):
                        where = pending_break[0] if pending_break else pos
                        kind = (
                            RegionKind.PAGE_BREAK
                            if prev_leaf is not None and prev_leaf[0] != page.number
                            else RegionKind.COLUMN_BREAK
                        )
                        attrs = (("continues", "yes" if cont else "no"),)
                        regions.append(Region(where, pos + len(sep), kind, attrs))
                    write(sep)
                pending_break = None
                start = pos
                write(ln.text)
                origins.append(Origin(start, pos, _loc(page, ln)))
                for m0, m1 in ln.marks:
                    regions.append(Region(start + m0, start + m1, RegionKind.NOTE_MARK))
                prev_body, prev_leaf = ln, (page.number, li)
    if parts:
        write("\n")
    regions.sort(key=lambda r: (r.start, r.end))
    return "".join(parts), origins, _widen_hyphens(regions, "".join(parts))


_COMPOUND = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")


def _widen_hyphens(regions: list[Region], text: str) -> list[Region]:
    """A hyphen break covers the hyphen and the line break after it, up to the next
    word (furniture between stays its own region). ``join=no`` when the document
    itself spells the word with the hyphen more often than without: a compound
    broken at its own hyphen (coal-⏎mining), which the research found in 2 % of
    line-end hyphens."""
    if not any(r.kind is RegionKind.HYPHEN_BREAK for r in regions):
        return regions
    counts = Counter(w.lower().replace("\u2010", "-") for w in _COMPOUND.findall(text))
    out = []
    for r in regions:
        if r.kind is RegionKind.HYPHEN_BREAK:
            end = r.end
            while end < len(text) and text[end] in " \n":
                end += 1
            left = _COMPOUND.findall(text, max(0, r.start - 60), r.start)
            right = _COMPOUND.match(text, end) if end < len(text) else None
            attrs: tuple[tuple[str, str], ...] = ()
            if left and right:
                head = left[-1].lower().replace("\u2010", "-")
                tail = right.group().lower().split("-")[0]
                if counts[f"{head}-{tail}"] > counts[f"{head}{tail}"]:
                    attrs = (("join", "no"),)
            r = r._replace(end=end, attrs=attrs)
        out.append(r)
    return out


def _leaf_stats(leaf: _Leaf) -> tuple[float, float]:
    """The leaf's left edge and its usual line pitch; each body line learns its leaf's edges."""
    body = [ln for ln in leaf.lines if ln.role is None]
    if not body:
        return 0.0, 0.0
    left = min(ln.x0 for ln in body)
    right = max(ln.x1 for ln in body)
    for ln in body:
        ln.left, ln.right = left, right
    pitches = [b.top - a.top for a, b in pairwise(body) if b.top > a.top]
    return left, statistics.median(pitches) if pitches else 0.0


def _starts_paragraph(
    prev: _Line,
    ln: _Line,
    leaf: _Leaf,
    stats: dict[int, tuple[float, float]],
    same_leaf: bool,
) -> bool:
    left, pitch = stats[id(leaf)]
    size = ln.size or 10.0
    if abs(ln.size - prev.size) > 0.1 * max(ln.size, prev.size):
        return True  # a heading and its text, text and a note
    if ln.x0 - left > INDENT * size:
        return True  # first-line indent
    if same_leaf and pitch and ln.top - prev.top > PARA_PITCH * pitch:
        return True  # a gap above: block paragraphs
    # The line before stops short of its column's edge and ends a sentence (or the
    # next begins with a capital): its paragraph ended there.
    width = prev.right - prev.left
    short = width > 0 and (prev.right - prev.x1) > 0.2 * width
    end = prev.text.rstrip()[-1:]
    first = ln.text.lstrip()[:1]
    return short and bool(end) and (end in _TERMINAL or (first.isupper() and end.isalnum()))


def _hyphenated(prev: str, nxt: str) -> bool:
    """A line ending in a hyphen after a letter, and the next going on with a letter."""
    t = prev.rstrip()
    return len(t) >= 2 and t[-1] in _HYPHENS and t[-2].isalpha() and nxt.lstrip()[:1].isalpha()


def _loc(page: _Page, ln: _Line) -> PdfLoc:
    box = (round(ln.x0, 1), round(ln.top, 1), round(ln.x1, 1), round(ln.bottom, 1))
    return PdfLoc(page.number, ln.column, ln.number, box)
