"""The data model: immutable records and enums shared by every stage.

Enum values are the JSON spellings of the contract (``comparison-1.md``), so a
renderer writes ``kind.value`` and never needs a mapping table. Records are
typed, immutable NamedTuples: as frozen as a frozen dataclass, at a tenth of
the cost to define (which every ``textdiff`` process pays at start-up).

    Role        paragraph roles: text, heading, boilerplate
    BlockKind   equal, changed, split, merged, moved, deleted, inserted
    Op          segment operations: equal, insert, delete, replace
    Category    what a non-equal segment changes, ordered by severity
    Verdict     identical, equivalent, variant, unrelated
    Reason      why the verdict is what it is: ReasonKind, a sentence, the blocks concerned
    RegionKind  what a loader marked in its text: running head, folio, note, ...

    PdfLoc, HtmlLoc, DocxLoc   where a piece of the text came from in the original
    Origin      a range of the text and its Loc (provenance)
    Region      a range of the text with a RegionKind (and attributes)
    SourceInfo  which reader made the text from which format, with what engine
    InvalidByte a byte that was not UTF-8 in an otherwise UTF-8 input
    Document    decoded text of one input, with where and how it was decoded
    Paragraph   a span of a document with a role
    Segment     one piece of the word-level diff of a block
    Block       aligned paragraphs of A and B with their segments
    Comparison  the finished result that renderers read
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles each
# string annotation into a ForwardRef, which doubles what this module costs to import.
from enum import StrEnum
from typing import NamedTuple


class Role(StrEnum):
    TEXT = "text"
    HEADING = "heading"
    BOILERPLATE = "boilerplate"


class BlockKind(StrEnum):
    EQUAL = "equal"
    CHANGED = "changed"
    SPLIT = "split"
    MERGED = "merged"
    MOVED = "moved"
    DELETED = "deleted"
    INSERTED = "inserted"

    @property
    def aligned(self) -> bool:
        """True for kinds whose paragraphs correspond to the other side."""
        return self not in (BlockKind.DELETED, BlockKind.INSERTED)


class Op(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


class Category(StrEnum):
    """Segment categories, declared from least to most serious.

    >>> max(Category.SPELLING, Category.TYPOGRAPHY).value
    'spelling'
    """

    WHITESPACE = "whitespace"
    TYPOGRAPHY = "typography"
    FORMATTING = "formatting"
    CASE = "case"
    PUNCTUATION = "punctuation"
    SPELLING = "spelling"
    BOILERPLATE = "boilerplate"
    SUBSTANTIVE = "substantive"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Category):
            return NotImplemented
        return self.severity < other.severity

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Category):
            return NotImplemented
        return self.severity <= other.severity

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Category):
            return NotImplemented
        return self.severity > other.severity

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Category):
            return NotImplemented
        return self.severity >= other.severity


_SEVERITY = {c: i for i, c in enumerate(Category)}


class Verdict(StrEnum):
    IDENTICAL = "identical"
    EQUIVALENT = "equivalent"
    VARIANT = "variant"
    UNRELATED = "unrelated"


class ReasonKind(StrEnum):
    """What a verdict rests on (``Summary.reasons``)."""

    IDENTICAL = "identical"  # the decoded texts are equal
    UNRELATED = "unrelated"  # too little aligns
    REGION_EDITS = "region-edits"  # edits of a category the profile counts, inside the region
    REGION_PARAGRAPHS = "region-paragraphs"  # text paragraphs only on one side, inside it
    MOVED = "moved"  # paragraphs in another order (counted by the strict profile)
    MISSING_TEXT = "missing-text"  # a side's own text missing beyond the region
    IGNORED_ONLY = "ignored-only"  # inside the region only what the profile ignores


class Reason(NamedTuple):
    kind: ReasonKind
    message: str  # one sentence, for people
    blocks: tuple[int, ...] = ()  # indices into Comparison.blocks


class InvalidByte(NamedTuple):
    """A byte that is not valid UTF-8 in an otherwise UTF-8 input (method ``utf-8-lenient``)."""

    offset: int  # where it is in the decoded text (it became one character)
    byte_offset: int  # where it is in the input
    value: int  # the byte, 0x80-0xFF
    read_as: str  # the character it was read as: its Windows-1252 character, or U+FFFD


class RegionKind(StrEnum):
    """What a reader marked in its canonical text (nothing is deleted; it is marked).

    Page furniture (running heads and feet, folios, notes, note marks) and
    boilerplate are masked by ``segment.apply_regions``; a hyphen break joins
    the word it cuts; inserted and deleted carry a tracked change's author and date.
    """

    RUNNING_HEAD = "running-head"
    FOLIO = "folio"
    NOTE = "note"
    NOTE_MARK = "note-mark"
    HYPHEN_BREAK = "hyphen-break"
    COLUMN_BREAK = "column-break"
    PAGE_BREAK = "page-break"
    BOILERPLATE = "boilerplate"
    INSERTED = "inserted"
    DELETED = "deleted"

    @property
    def furniture(self) -> bool:
        """Text that is no part of the body: masked, never compared as words."""
        return self in _FURNITURE


_FURNITURE = frozenset(
    (
        RegionKind.RUNNING_HEAD,
        RegionKind.FOLIO,
        RegionKind.NOTE,
        RegionKind.NOTE_MARK,
        RegionKind.BOILERPLATE,
    )
)


class PdfLoc(NamedTuple):
    """A line of a PDF page: page and column 1-based, box in points from the top left."""

    page: int
    column: int
    line: int  # 1-based line of the column, in reading order
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom


class HtmlLoc(NamedTuple):
    """Text of an HTML page: its block's xpath and the source offsets it came from."""

    xpath: str
    src_start: int  # into the decoded page, half-open
    src_end: int


class DocxLoc(NamedTuple):
    """Text of a Word file: its part, paragraph (0-based, in that part) and run."""

    part: str  # word/document.xml, word/footnotes.xml, word/header1.xml, ...
    paragraph: int
    run: int


Loc = PdfLoc | HtmlLoc | DocxLoc


class Origin(NamedTuple):
    """``Document.text[start:end]`` came from ``loc`` in the original file."""

    start: int
    end: int
    loc: Loc


class Region(NamedTuple):
    """A marked range of ``Document.text``. Regions may nest (a hyphen break in a note).

    ``attrs`` are (name, value) pairs: a change's author and date, the text of
    a deletion that the view leaves out, the page of a running head.
    """

    start: int
    end: int
    kind: RegionKind
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str) -> str | None:
        return next((v for k, v in self.attrs if k == name), None)


class SourceInfo(NamedTuple):
    """How a non-text original became text: the reader, its engine, and counts."""

    kind: str  # pdf, html, docx
    reader: str  # e.g. textdiff.formats.pdf/1
    engine: str  # e.g. pypdfium2 5.15.2 (pdfium 159.0.8149.0); "" for the stdlib
    pages: int = 0  # PDF pages (0 for other formats)
    view: str = ""  # DOCX: accepted or original


class Document(NamedTuple):
    """One decoded input. ``text`` is exactly the bytes decoded with ``encoding``.

    For a PDF, HTML page or Word file, ``text`` is the reader's canonical text
    (nothing removed: running heads, folios, notes and hyphens stay in it),
    ``origins`` map its ranges to places in the original (sorted, disjoint),
    ``regions`` mark what it holds beyond the body (sorted by start), and
    ``source`` says which reader made it. A plain text file has none of them.
    With the method ``utf-8-lenient``, the bytes in ``invalid`` were each read as
    one character (the rest is exactly the bytes decoded as UTF-8).
    """

    path: str
    text: str
    encoding: str
    confidence: float
    method: str  # how the encoding was chosen: bom, utf-8, utf-16, detected, given
    sha256: str
    size: int  # bytes
    format: str = "text"  # text, markdown, pdf, html or docx
    origins: tuple[Origin, ...] = ()
    regions: tuple[Region, ...] = ()
    source: SourceInfo | None = None
    invalid: tuple[InvalidByte, ...] = ()  # method utf-8-lenient: the bytes that were not UTF-8

    @property
    def chars(self) -> int:
        return len(self.text)


class Paragraph(NamedTuple):
    # Shadows tuple.index(), which no one wants of a paragraph: the field is the contract's name.
    index: int  # type: ignore[assignment]
    start: int
    end: int
    role: Role


class Segment(NamedTuple):
    op: Op
    a0: int
    a1: int
    b0: int
    b1: int
    category: Category | None = None
    # The rule that explains a non-equal segment ("spelling", "numbering",
    # "page-furniture", ...; see textdiff.normalize.RULES and textdiff.classify).
    rule: str | None = None


class Block(NamedTuple):
    kind: BlockKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    segments: tuple[Segment, ...] = ()
    # Set by classify: does the block lie (partly) inside the region?
    in_region: bool = False


class Span(NamedTuple):
    start: int
    end: int


class Side(NamedTuple):
    """A document with its paragraphs: what the pipeline knows of one input."""

    document: Document
    paragraphs: tuple[Paragraph, ...]


class Summary(NamedTuple):
    verdict: Verdict
    blocks: dict[BlockKind, int]
    edits: dict[Category, int]
    region_edits: dict[Category, int]
    # The side that hosts the other's text among other material (a bulletin), if either.
    host: str | None = None  # "a" or "b"
    reasons: tuple[Reason, ...] = ()


class Comparison(NamedTuple):
    a: Side
    b: Side
    blocks: tuple[Block, ...]
    region: tuple[Span, Span] | None
    coverage: tuple[float, float]
    similarity: float
    summary: Summary
    options: dict[str, object]
