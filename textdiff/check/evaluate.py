"""Evaluate: what a finished comparison means for a check, before any baseline is applied.

    evaluate(comparison, options, embedded)   -> PairOutcome (cacheable, JSON-serializable)
    difference_key(...)                       the content key of a difference (baseline, cache)

    DiffKind      edit (a word-level edit the check counts), omission (a missing paragraph)
                  or move (a paragraph in another place, where the options count moves)
    Difference    one difference, located in the copy (line, column) and in the reference
    PairOutcome   verdict, coverage and the differences of one pair

What counts, read from the public model only:

- An *edit* is a non-equal segment whose category the options do not ignore (with the default
  profile: substantive only). For an ``embedded`` check only edits inside the region count, so a
  bulletin's headline and other articles around the reprinted speech do not; otherwise every
  edit counts, including text paragraphs the copy adds.
- An *omission* is a text paragraph of the reference that the copy lacks (a deleted block).
  Omissions are what the coverage gate measures; headings and page furniture the copy leaves
  out are not omissions.

Keys are built from content, never from line numbers: the edit's own text and three words of
reference text on either side, so that edits elsewhere in the copy leave them unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .. import BlockKind, Category, Comparison, Options, Paragraph, Role, Verdict
from ..classify import nonspace
from ..display import Lines

CONTEXT_WORDS = 3  # words of reference text on each side that key a difference
SHOW_CHARS = 40  # characters of copy text shown around a difference
CLIP_CHARS = 160  # longest text kept for display (an inserted article would flood the output)
KEY_CHARS = 20  # hex digits of the key: 80 bits, ample within one pair


class DiffKind(StrEnum):
    EDIT = "edit"
    OMISSION = "omission"
    MOVE = "move"


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference of a copy from its reference; texts are flattened and clipped for display."""

    kind: DiffKind
    category: Category
    key: str
    reference: str  # the reference's text of the difference ("" for an insertion)
    copy: str  # the copy's text ("" for a deletion or an omission)
    before: str  # copy text just before, for context
    after: str  # copy text just after
    line: int  # where it is in the copy, 1-based
    column: int  # 1-based, in characters (code points)
    reference_line: int
    chars: int  # non-space characters of reference text it involves (omissions: coverage)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "category": self.category.value,
            "key": self.key,
            "reference": self.reference,
            "copy": self.copy,
            "before": self.before,
            "after": self.after,
            "line": self.line,
            "column": self.column,
            "reference_line": self.reference_line,
            "chars": self.chars,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Difference:
        return cls(
            DiffKind(d["kind"]),
            Category(d["category"]),
            str(d["key"]),
            str(d["reference"]),
            str(d["copy"]),
            str(d["before"]),
            str(d["after"]),
            int(d["line"]),
            int(d["column"]),
            int(d["reference_line"]),
            int(d["chars"]),
        )


@dataclass(frozen=True, slots=True)
class PairOutcome:
    """The comparison of one pair as a check sees it; independent of paths and of the baseline."""

    verdict: Verdict
    similarity: float
    coverage: tuple[float, float]  # the comparison's coverage of reference and copy
    text_chars: int  # non-space characters in the reference's text paragraphs
    covered_chars: int  # ...of which the copy has (in aligned blocks)
    region: tuple[tuple[int, int], tuple[int, int]] | None  # offsets, as in the JSON contract
    region_lines: tuple[tuple[int, int], tuple[int, int]] | None
    blocks: Mapping[str, int]
    edits: Mapping[str, int]
    region_edits: Mapping[str, int]
    differences: tuple[Difference, ...]

    @property
    def found(self) -> bool:
        """Whether the reference was found in the copy at all."""
        return self.verdict is not Verdict.UNRELATED and self.region is not None

    @property
    def reference_coverage(self) -> float:
        """Share of the reference's text paragraphs that the copy has."""
        if not self.text_chars:
            return self.coverage[0]
        return self.covered_chars / self.text_chars

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "similarity": self.similarity,
            "coverage": list(self.coverage),
            "text_chars": self.text_chars,
            "covered_chars": self.covered_chars,
            "region": None if self.region is None else [list(s) for s in self.region],
            "region_lines": None
            if self.region_lines is None
            else [list(s) for s in self.region_lines],
            "blocks": dict(self.blocks),
            "edits": dict(self.edits),
            "region_edits": dict(self.region_edits),
            "differences": [d.to_json() for d in self.differences],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> PairOutcome:
        def spans(v: Any) -> tuple[tuple[int, int], tuple[int, int]] | None:
            if v is None:
                return None
            (a0, a1), (b0, b1) = v
            return (int(a0), int(a1)), (int(b0), int(b1))

        ca, cb = d["coverage"]
        return cls(
            verdict=Verdict(d["verdict"]),
            similarity=float(d["similarity"]),
            coverage=(float(ca), float(cb)),
            text_chars=int(d["text_chars"]),
            covered_chars=int(d["covered_chars"]),
            region=spans(d["region"]),
            region_lines=spans(d["region_lines"]),
            blocks={str(k): int(v) for k, v in d["blocks"].items()},
            edits={str(k): int(v) for k, v in d["edits"].items()},
            region_edits={str(k): int(v) for k, v in d["region_edits"].items()},
            differences=tuple(Difference.from_json(x) for x in d["differences"]),
        )


def flat(s: str) -> str:
    """Whitespace runs (line breaks included) to one space: display and keys are one line."""
    return " ".join(s.split())


def clip(s: str, width: int = CLIP_CHARS) -> str:
    """Flatten and shorten to about ``width`` characters, keeping both ends.

    >>> clip("a  b\\n c")
    'a b c'
    >>> clip("x" * 10 + "y" * 10, 10)
    'xxxxx … yy'
    """
    s = flat(s)
    if len(s) <= width:
        return s
    half = width // 2
    return s[:half].rstrip() + " … " + s[len(s) - (width - half - 3) :].lstrip()


def difference_key(kind: DiffKind, old: str, new: str, before: str, after: str) -> str:
    """The content key: a hash of the difference's texts and its reference context.

    >>> difference_key(DiffKind.EDIT, "a  b", "c", "x", "y") == difference_key(
    ...     DiffKind.EDIT, "a b", "c", "x", "y")
    True
    """
    material = "\x1f".join((kind.value, flat(old), flat(new), flat(before), flat(after)))
    digest = hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:KEY_CHARS]


def _words_before(text: str, i: int) -> str:
    return " ".join(text[max(0, i - 200) : i].split()[-CONTEXT_WORDS:])


def _words_after(text: str, i: int) -> str:
    return " ".join(text[i : i + 200].split()[:CONTEXT_WORDS])


def _spaced(text: str, i: int) -> bool:
    """Whether whitespace touches offset ``i``: display texts are trimmed, so it is put back."""
    return text[i - 1 : i].isspace() or text[i : i + 1].isspace()


def _show_before(text: str, i: int) -> str:
    s = flat(text[max(0, i - SHOW_CHARS - 20) : i])[-SHOW_CHARS:]
    s = ("…" + s) if i > SHOW_CHARS else s
    return s + " " if s and _spaced(text, i) else s


def _show_after(text: str, i: int) -> str:
    s = flat(text[i : i + SHOW_CHARS + 20])[:SHOW_CHARS]
    s = (s + "…") if i + SHOW_CHARS < len(text) else s
    return " " + s if s and _spaced(text, i) else s


def evaluate(c: Comparison, options: Options, embedded: bool) -> PairOutcome:
    """The check's view of comparison ``c`` of a reference (A) with a copy (B)."""
    ta, tb = c.a.document.text, c.b.document.text
    lines_a, lines_b = Lines(ta), Lines(tb)
    text_paras = [p for p in c.a.paragraphs if p.role is Role.TEXT]
    text_chars = sum(nonspace(ta[p.start : p.end]) for p in text_paras)
    aligned = {i for blk in c.blocks if blk.kind.aligned for i in blk.a}
    covered_chars = sum(nonspace(ta[p.start : p.end]) for p in text_paras if p.index in aligned)

    differences: list[Difference] = []
    # An unrelated copy differs everywhere; listing every paragraph would bury the one message
    # that matters ("the reference is not in this copy").
    if c.summary.verdict is not Verdict.UNRELATED:
        for blk in c.blocks:
            if blk.kind is BlockKind.DELETED:
                b0 = blk.segments[0].b0 if blk.segments else 0
                # Point at the paragraph that follows the gap, not at the end of the one before.
                while b0 < len(tb) and tb[b0].isspace():
                    b0 += 1
                for i in blk.a:
                    p = c.a.paragraphs[i]
                    if p.role is Role.TEXT:
                        differences.append(_omission(ta, tb, p, b0, lines_a, lines_b))
                continue
            if embedded and not blk.in_region:
                continue
            if blk.kind is BlockKind.MOVED and options.moves_count and blk.a and blk.b:
                differences.append(_move(c, blk.a, blk.b, lines_a, lines_b))
            for s in blk.segments:
                if s.category is None or s.category in options.ignored:
                    continue
                old, new = ta[s.a0 : s.a1], tb[s.b0 : s.b1]
                key = difference_key(
                    DiffKind.EDIT, old, new, _words_before(ta, s.a0), _words_after(ta, s.a1)
                )
                line, column = lines_b.locate(s.b0)
                differences.append(
                    Difference(
                        DiffKind.EDIT,
                        s.category,
                        key,
                        clip(old),
                        clip(new),
                        _show_before(tb, s.b0),
                        _show_after(tb, s.b1),
                        line,
                        column,
                        lines_a.locate(s.a0)[0],
                        nonspace(old),
                    )
                )

    region = region_lines = None
    if c.region is not None:
        ra, rb = c.region
        region = (ra.start, ra.end), (rb.start, rb.end)
        region_lines = (
            (lines_a.locate(ra.start)[0], lines_a.locate(ra.end)[0]),
            (lines_b.locate(rb.start)[0], lines_b.locate(rb.end)[0]),
        )
    summary = c.summary
    return PairOutcome(
        verdict=summary.verdict,
        similarity=c.similarity,
        coverage=c.coverage,
        text_chars=text_chars,
        covered_chars=covered_chars,
        region=region,
        region_lines=region_lines,
        blocks={k.value: n for k, n in summary.blocks.items()},
        edits={k.value: n for k, n in summary.edits.items()},
        region_edits={k.value: n for k, n in summary.region_edits.items()},
        differences=tuple(differences),
    )


def _move(
    c: Comparison, ia: tuple[int, ...], ib: tuple[int, ...], lines_a: Lines, lines_b: Lines
) -> Difference:
    """Paragraphs ``ia`` of the reference, found in another place in the copy (``ib``)."""
    ta, tb = c.a.document.text, c.b.document.text
    a0, a1 = c.a.paragraphs[ia[0]].start, c.a.paragraphs[ia[-1]].end
    b0, b1 = c.b.paragraphs[ib[0]].start, c.b.paragraphs[ib[-1]].end
    old, new = ta[a0:a1], tb[b0:b1]
    key = difference_key(DiffKind.MOVE, old, "", _words_before(ta, a0), _words_after(ta, a1))
    line, column = lines_b.locate(b0)
    return Difference(
        DiffKind.MOVE,
        Category.SUBSTANTIVE,
        key,
        clip(old),
        clip(new),
        _show_before(tb, b0),
        _show_after(tb, b1),
        line,
        column,
        lines_a.locate(a0)[0],
        nonspace(old),
    )


def _omission(
    ta: str, tb: str, p: Paragraph, b0: int, lines_a: Lines, lines_b: Lines
) -> Difference:
    old = ta[p.start : p.end]
    key = difference_key(
        DiffKind.OMISSION, old, "", _words_before(ta, p.start), _words_after(ta, p.end)
    )
    line, column = lines_b.locate(b0)
    return Difference(
        DiffKind.OMISSION,
        Category.SUBSTANTIVE,
        key,
        clip(old),
        "",
        _show_before(tb, b0),
        _show_after(tb, b0),
        line,
        column,
        lines_a.locate(p.start)[0],
        nonspace(old),
    )
