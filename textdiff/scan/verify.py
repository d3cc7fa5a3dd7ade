"""verify: every candidate pair through ``textdiff.compare_documents``, then a relation.

    Rules                     the thresholds that turn a Comparison into a relation
    relate(c, shared, rules)  Comparison -> Relation, or None (not a version of each other)
    VerifyTask                a batch of candidate pairs, named by index path and ids
    verify_batch(task)        VerifyTask -> list of Verified (a pure function over the index)

Relations, read from A's side (A sorts before B by source and id):

    duplicate      identical after normalization: verdict identical or equivalent,
                   both coverages at least ``full``
    variant        the same text edited: both coverages at least ``most``
    contained-in   A lies inside B: A's coverage at least ``most``, B's below
    contains       B lies inside A
    overlap        a shared passage (an excerpt), neither mostly covered

A pair is dropped when compare finds it unrelated or the aligned text is
less similar than ``min_similarity``. And a pair that shares fewer than
``min_evidence`` sampled shingles (about fifty words of running text) is kept
only when it does not differ in substance (verdict identical or equivalent):
short formula items ("Greetings to the President of X", "Ambassador to Y
Appointed") align as well as a copy-edited republication, and in so little
text a changed name cannot be told from a template filled in again. Longer
texts carry the evidence to call a substantive difference an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..model import Comparison, Document, Verdict
from ..options import Options
from ..pipeline import compare_documents
from .index import StoredDoc, Verified, read_documents


class Relation(StrEnum):
    DUPLICATE = "duplicate"
    VARIANT = "variant"
    CONTAINS = "contains"
    CONTAINED_IN = "contained-in"
    OVERLAP = "overlap"


@dataclass(frozen=True, slots=True)
class Rules:
    """Relation thresholds (measured on the KCNA archive and revisions, docs/scan.md)."""

    full: float = 0.95
    most: float = 0.8
    min_similarity: float = 0.65
    min_evidence: int = 12


def relate(c: Comparison, shared: int, rules: Rules = Rules()) -> Relation | None:
    """The relation of A to B that ``c`` shows, or None when they are not versions.

    >>> from textdiff import compare_texts
    >>> relate(compare_texts("One two three four five.\\n", "One two three four five.\\n"), 9)
    <Relation.DUPLICATE: 'duplicate'>
    """
    verdict = c.summary.verdict
    if verdict is Verdict.UNRELATED or c.similarity < rules.min_similarity:
        return None
    same_substance = verdict in (Verdict.IDENTICAL, Verdict.EQUIVALENT)
    if shared < rules.min_evidence and not same_substance:
        return None
    cov_a, cov_b = c.coverage
    if same_substance and min(cov_a, cov_b) >= rules.full:
        return Relation.DUPLICATE
    if min(cov_a, cov_b) >= rules.most:
        return Relation.VARIANT
    if cov_a >= rules.most:
        return Relation.CONTAINED_IN
    if cov_b >= rules.most:
        return Relation.CONTAINS
    return Relation.OVERLAP


@dataclass(frozen=True, slots=True)
class VerifyTask:
    """Candidate pairs (a, b, shared, score) whose texts are in the index at ``index``."""

    index: str
    pairs: tuple[tuple[int, int, int, float], ...]
    rules: Rules = Rules()


def document(d: StoredDoc) -> Document:
    """The stored document as the ``Document`` that ``compare_documents`` takes.

    The index keeps a PDF's, web page's or Word file's text but not what its
    reader marked (running heads, boilerplate, tracked changes): such a file
    is read again for its regions, when it is still there, unchanged.
    """
    doc = Document(d.name, d.text, d.encoding, d.confidence, d.method, d.sha256, d.size, d.format)
    if d.format not in ("pdf", "html", "docx"):
        return doc
    from ..errors import TextdiffError
    from ..load import load

    try:
        again = load(d.name)
    except (TextdiffError, OSError):
        return doc
    return again if again.sha256 == d.sha256 and again.text == d.text else doc


def verify_batch(task: VerifyTask) -> list[Verified]:
    """Compare each pair of the batch and decide its relation."""
    ids = sorted({i for a, b, _, _ in task.pairs for i in (a, b)})
    docs = {i: document(d) for i, d in read_documents(task.index, ids).items()}
    options = Options()
    out = []
    for a, b, shared, score in task.pairs:
        c = compare_documents(docs[a], docs[b], options)
        relation = relate(c, shared, task.rules)
        region = None
        if c.region is not None:
            ra, rb = c.region
            region = ((ra.start, ra.end), (rb.start, rb.end))
        out.append(
            Verified(
                a, b, shared, round(score, 4),
                None if relation is None else relation.value,
                c.summary.verdict.value,
                (round(c.coverage[0], 4), round(c.coverage[1], 4)),
                round(c.similarity, 4),
                region,
                {k.value: v for k, v in c.summary.region_edits.items()},
            )
        )  # fmt: skip
    return out
