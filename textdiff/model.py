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


class Document(NamedTuple):
    """One decoded input. ``text`` is exactly the bytes decoded with ``encoding`` (but for the
    bytes in ``invalid``, each read as one character, when the method is ``utf-8-lenient``)."""

    path: str
    text: str
    encoding: str
    confidence: float
    method: str  # how the encoding was chosen: bom, utf-8, utf-16, detected, given
    sha256: str
    size: int  # bytes
    format: str = "text"  # text or markdown
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
