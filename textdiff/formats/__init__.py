"""formats: originals that are not plain text (PDF, web pages, Word files).

Each reader turns one format into a ``Document`` whose ``text`` is the
canonical text: nothing removed (running heads, folios, notes, hyphens,
boilerplate and tracked changes stay or are recorded), with ``origins``
(text range -> page and column, HTML source offsets and xpath, or DOCX part,
paragraph and run) and ``regions`` (text range -> running head, folio, note,
hyphen break, boilerplate, inserted, deleted, ...). ``segment.apply_regions``
turns the regions into page furniture and joined words.

    sniff(data, path)          "pdf", "docx", "html" or None, from the bytes
    read_binary(kind, ...)     a PDF or Word file -> Document
    read_html(text, ...)       a decoded web page -> Document
    require(module, extra)     import an optional dependency or say which extra to install
    locate(doc, start, end)    where a range of the text came from: Where (pages, columns, ...)
    pages(doc)                 a PDF's pages: columns, running heads, folios, notes (PageInfo)
    DOCX_VIEWS                 the two views of a Word file with tracked changes

The readers and their libraries are imported only when a file of their
format arrives: comparing two text files never loads pypdfium2 or trafilatura.

>>> sniff(b"%PDF-1.7 ...", "x"), sniff(b"  <!DOCTYPE html><p>x", "x"), sniff(b"plain", "x.html")
('pdf', 'html', None)
"""

from __future__ import annotations

import bisect
import importlib
import io
import re
import zipfile
from types import ModuleType
from typing import NamedTuple

from ..errors import FormatError, MissingExtraError
from ..model import Document, DocxLoc, HtmlLoc, PdfLoc, RegionKind

DOCX_VIEWS = ("accepted", "original")

# A web page: a doctype, an <html> element, or a <head>/<body> near the top (after
# any BOM, XML declaration, comments and whitespace). A fragment ("<p>...") is text.
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.*?-->\s*){0,5}"
    rb"(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)


def sniff(data: bytes, path: str) -> str | None:
    """The format of ``data`` by its content; the name only ever confirms it."""
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and path.lower().endswith(".pdf")):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _docx_member(data):
        return "docx"
    if _HTML_START.match(data[:4096]):
        return "html"
    return None


def _docx_member(data: bytes) -> bool:
    """A ZIP whose directory names word/document.xml (the local headers may not come first)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import ``module`` or fail with the extra that brings it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"reading {what} needs the '{extra}' extra: pip install 'textdiff[{extra}]'"
        ) from None


def read_binary(kind: str, data: bytes, path: str, docx_view: str = "accepted") -> Document:
    """A PDF or Word file as a Document."""
    if kind == "pdf":
        from . import pdf

        return pdf.read(data, path)
    if kind == "docx":
        from . import docx

        return docx.read(data, path, docx_view)
    raise FormatError(f"{path}: unknown format {kind}")  # pragma: no cover - sniff's kinds only


def read_html(
    text: str, data: bytes, path: str, encoding: str, confidence: float, method: str
) -> Document:
    """A decoded web page as a Document (offsets into ``text``, the decoded page)."""
    from . import html

    return html.read(text, data, path, encoding, confidence, method)


# ---------------------------------------------------------------- provenance


class Where(NamedTuple):
    """Where a range of a document's text came from, for people: pages, columns, ...

    ``pages`` and ``columns`` (PDF) as (page, column) pairs in reading order;
    ``xpaths`` and ``source`` (HTML): the blocks and the source offsets spanned;
    ``parts`` (DOCX): (part, paragraph) pairs. Empty for plain text.
    """

    columns: tuple[tuple[int, int], ...] = ()
    xpaths: tuple[str, ...] = ()
    source: tuple[int, int] | None = None
    parts: tuple[tuple[str, int], ...] = ()

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(p for p, _ in self.columns))

    def __str__(self) -> str:
        """``p. 7, col. 2``, ``pp. 6–7``, ``<p> 12``, ``document.xml ¶41``; "" for text."""
        if self.columns:
            pages = self.pages
            if len(pages) == 1:
                cols = sorted({c for _, c in self.columns})
                if len(cols) == 1:
                    return f"p. {pages[0]}, col. {cols[0]}"
                return f"p. {pages[0]}, cols. {cols[0]}–{cols[-1]}"
            return f"pp. {pages[0]}–{pages[-1]}"
        if self.xpaths:
            first = _short_xpath(self.xpaths[0])
            return first if len(self.xpaths) == 1 else f"{first} (+{len(self.xpaths) - 1} blocks)"
        if self.parts:
            part, para = self.parts[0]
            name = part.rsplit("/", 1)[-1]
            last = self.parts[-1][1]
            return f"{name} ¶{para + 1}" + (f"–{last + 1}" if last != para else "")
        return ""


def _short_xpath(xpath: str) -> str:
    """The last two steps of an xpath, which say which block it is.

    >>> _short_xpath("/html[1]/body[1]/main[1]/article[1]/p[12]")
    '…/article[1]/p[12]'
    """
    steps = xpath.split("/")
    return xpath if len(steps) <= 3 else "…/" + "/".join(steps[-2:])


def locate(doc: Document, start: int, end: int) -> Where:
    """Where ``doc.text[start:end]`` came from (bisection over the sorted origins).

    >>> from textdiff.model import Origin
    >>> d = Document("x", "ab\\n\\ncd", "utf-8", 1.0, "pdf", "", 0, "pdf",
    ...              origins=(Origin(0, 2, PdfLoc(1, 1, 1, (0, 0, 1, 1))),
    ...                       Origin(4, 6, PdfLoc(2, 2, 1, (0, 0, 1, 1)))))
    >>> str(locate(d, 0, 6)), str(locate(d, 4, 5))
    ('pp. 1–2', 'p. 2, col. 2')
    """
    origins = doc.origins
    if not origins:
        return Where()
    k = bisect.bisect_right(origins, (start, float("inf"))) - 1
    k = max(k, 0)
    if origins[k].end <= start and k + 1 < len(origins):
        k += 1
    columns: dict[tuple[int, int], None] = {}
    xpaths: dict[str, None] = {}
    parts: dict[tuple[str, int], None] = {}
    lo: int | None = None
    hi: int | None = None
    for o in origins[k:]:
        if o.start >= max(end, start + 1):
            break
        loc = o.loc
        if isinstance(loc, PdfLoc):
            columns[(loc.page, loc.column)] = None
        elif isinstance(loc, HtmlLoc):
            xpaths[loc.xpath] = None
            lo = loc.src_start if lo is None else min(lo, loc.src_start)
            hi = loc.src_end if hi is None else max(hi, loc.src_end)
        elif isinstance(loc, DocxLoc):
            parts[(loc.part, loc.paragraph)] = None
    source = (lo, hi) if lo is not None and hi is not None else None
    return Where(tuple(columns), tuple(xpaths), source, tuple(parts))


class PageInfo(NamedTuple):
    """What the PDF reader found on one page (``textdiff inspect FILE.pdf`` shows it)."""

    page: int
    columns: int
    lines: int
    heads: tuple[str, ...]  # running heads and feet
    folios: tuple[str, ...]
    notes: tuple[str, ...]


def pages(doc: Document) -> tuple[PageInfo, ...]:
    """Per page of a PDF: its columns, lines, running heads, folios and notes."""
    if doc.source is None or doc.source.kind != "pdf":
        return ()
    columns: dict[int, int] = {}
    lines: dict[int, int] = {}
    for o in doc.origins:
        if isinstance(o.loc, PdfLoc):
            columns[o.loc.page] = max(columns.get(o.loc.page, 0), o.loc.column)
            lines[o.loc.page] = lines.get(o.loc.page, 0) + 1
    found: dict[tuple[int, RegionKind], list[str]] = {}
    for r in doc.regions:
        page = r.attr("page")
        if page is not None:
            found.setdefault((int(page), r.kind), []).append(doc.text[r.start : r.end])
    return tuple(
        PageInfo(
            n,
            columns.get(n, 0),
            lines.get(n, 0),
            tuple(found.get((n, RegionKind.RUNNING_HEAD), ())),
            tuple(found.get((n, RegionKind.FOLIO), ())),
            tuple(found.get((n, RegionKind.NOTE), ())),
        )
        for n in range(1, doc.source.pages + 1)
    )
