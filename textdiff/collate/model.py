"""The collation model: immutable records and enums, as ``textdiff.model`` is for a pair.

Enum values are the JSON spellings of ``textdiff.collation/1``. Witnesses are
referred to by their position in ``Collation.witnesses`` (the column order);
the JSON writes them as ids ``w1``, ``w2``, ...

    RowKind      invariant, variant, partial, singular
    CellStatus   base, equal, changed, split, merged, moved
    SiteKind     text, boundary (a paragraph break that some witnesses do not have)
    SiteType     accidental, substantive

    Witness      one input: its document, paragraphs, region and coverage
    Excluded     an input left out of the collation, and why
    Cell         a witness's paragraphs in one row
    Row          aligned paragraphs across the witnesses
    Reading      what some witnesses read at a site
    Group        readings that differ only in categories the profile ignores
    Site         one variant location inside a row
    WitnessSummary, PairSummary, Summary   the answers computed once, for every renderer
"""

# No ``from __future__ import annotations``: typing.NamedTuple would compile each
# field's string annotation into a ForwardRef at import (see textdiff.model).
from enum import StrEnum
from typing import NamedTuple

from ..model import Category, Document, Paragraph, Role, Span, Verdict


class RowKind(StrEnum):
    INVARIANT = "invariant"  # every witness has the row, and all read it alike
    VARIANT = "variant"  # every witness has the row; some read it differently
    PARTIAL = "partial"  # more than one witness has the row, not all
    SINGULAR = "singular"  # one witness alone has the row


class CellStatus(StrEnum):
    BASE = "base"  # the reading the row's other cells are diffed against
    EQUAL = "equal"  # the same text as the base
    CHANGED = "changed"
    SPLIT = "split"  # more paragraphs than the base cell
    MERGED = "merged"  # fewer paragraphs than the base cell
    MOVED = "moved"  # the witness has this paragraph elsewhere, out of the row's order


class SiteKind(StrEnum):
    TEXT = "text"
    BOUNDARY = "boundary"  # whitespace only, where some witnesses break the paragraph


class SiteType(StrEnum):
    ACCIDENTAL = "accidental"  # every reading differs from the base by accidentals at most
    SUBSTANTIVE = "substantive"


class Witness(NamedTuple):
    id: str  # "w1", "w2", ...: the column order
    siglum: str  # short name from the file name, unique in the collation
    document: Document
    paragraphs: tuple[Paragraph, ...]
    region: Span | None  # the part of the text collated; None when it is all of it
    coverage: float  # share of its non-space characters aligned with another witness
    outside: tuple[int, ...]  # paragraphs outside the region: reported, not collated


class Excluded(NamedTuple):
    path: str
    reason: str
    coverage: float


class Cell(NamedTuple):
    paragraphs: tuple[int, ...]  # the witness's paragraph indices, in its order
    span: Span  # from the first paragraph's start to the last one's end
    status: CellStatus
    similarity: float  # word similarity to the base cell (1.0 for the base)
    role: Role


class Reading(NamedTuple):
    witnesses: tuple[int, ...]  # in column order
    spans: tuple[Span, ...]  # where each of those witnesses reads it
    text: str  # the literal text (the first witness's; all of them read exactly this)
    group: int  # index into Site.groups
    category: Category | None  # how it differs from the base reading; None: it is the base's


class Group(NamedTuple):
    readings: tuple[int, ...]  # indices into Site.readings
    text: str  # the group's first reading: the form it is listed under


class Site(NamedTuple):
    id: str  # "s0001", ...
    row: int  # index into Collation.rows
    base: Span  # where the site is in the row's base witness
    kind: SiteKind
    type: SiteType
    category: Category  # the most serious category of any reading against the base
    readings: tuple[Reading, ...]  # the base's reading first
    groups: tuple[Group, ...]
    fingerprint: str  # stable across runs: the base reading and its context, hashed


class Row(NamedTuple):
    id: str  # "r0001", ...
    kind: RowKind
    role: Role
    base: int  # the witness whose cell the others are diffed against
    cells: tuple[Cell | None, ...]  # one per witness; None: the witness lacks the row
    sites: tuple[int, ...]  # indices into Collation.sites
    worst: Category | None  # the most serious category of the row's sites
    groups: int  # the most groups at any one site (1: accidentals at most)


class WitnessSummary(NamedTuple):
    verdict: Verdict  # compare(reference, witness), exactly as `textdiff compare` says
    similarity: float  # of that comparison
    rows: int  # rows the witness has
    departures: dict[Category, int]  # sites where it reads other than the base
    singular: dict[Category, int]  # sites where no other witness shares its reading


class PairSummary(NamedTuple):
    a: int
    b: int
    similarity: float  # word similarity of their paragraph alignment
    differ: dict[Category, int]  # sites where they read differently, by the worse category


class Summary(NamedTuple):
    verdict: Verdict  # the most serious verdict of any witness against the reference
    rows: dict[RowKind, int]
    sites: dict[Category, int]
    witnesses: tuple[WitnessSummary, ...]  # in column order
    pairs: tuple[PairSummary, ...]  # every pair, a < b
