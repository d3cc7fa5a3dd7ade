"""verify: every candidate pair through ``textdiff.compare_documents``, then a relation.

    facts(c, a, b)                 Comparison -> Verified: what compare found, shared passages
    passages(c)                    the runs of text the two sides share, with their words
    Rules                          the thresholds that turn facts and evidence into a relation
    relate(v, evidence, rules)     Verified + Evidence -> Relation, or None (not versions)
    VerifyTask                     a batch of candidate pairs, named by index path and ids
    verify_batch(task)             VerifyTask -> list of Verified (a pure function over the index)

Verification is split in two so that a scan's result depends on its final
collection alone (issue 15): ``verify_batch`` records what compare finds,
which depends on the two texts only and is stored once; ``relate`` decides
the relation when the index is read, from those facts and the candidate
evidence of the collection as it now is (how rare the shared text is).

**Shared passages.** Inside the blocks compare aligned, a passage is a run of
segments that are equal or differ only in an ignorable way (spelling,
typography, case, ...): a substantive edit ends it. Passages of fewer than
``PASSAGE_WORDS`` words are not counted (a stock phrase is no passage). The
*share* of a side is the part of its words inside passages.

**Relations**, read from A's side (A sorts before B by source and id):

    duplicate      identical after normalization: verdict identical or equivalent,
                   both coverages at least ``full``
    variant        the same text edited: both coverages at least ``most``
    contained-in   A lies inside B, with edits: A's coverage at least ``most``, B's below
    contains       B lies inside A
    overlap        shared passages (an excerpt, a summary), neither side mostly inside

**Evidence.** A pair that is not a duplicate is kept on the candidate
evidence of the collection (``Evidence``) and compare's facts. Two kinds:

- *strong*: a candidate score (rarity-weighted containment) of at least
  ``min_score`` and at least ``min_evidence`` shared sampled shingles that are
  not boilerplate (about fifty words of running text);
- *their own text*: at least ``own_share`` of the shared sampled shingles are
  held by at most ``own_df`` documents of the collection (``theirs``); with at
  least ``min_own`` of them, that alone is evidence.

Strong evidence, with compare aligning the pair at ``min_similarity`` or
better, is *the same text*: the relation follows compare's coverage, as it
always did (so what the scan found before partial reuse, it still finds).
This is how republications, re-translations and the speech inside a bulletin
are found.

Otherwise the shared passages decide, and must hold at least ``min_words``
words on each side (what ``min_own`` sampled shingles stand for). A side
whose coverage is at least ``most`` and whose words are inside passages at
least ``sits_in`` (text of their own) or ``most`` (common text) sits in the
other: ``contained-in``, ``contains``, ``variant`` when both do. Else, on text
of their own, the pair is an ``overlap``. This is how excerpts, summaries and
serial parts are found: over the aligned region their similarity is low,
because the longer text's own paragraphs lie inside the region.

Template look-alikes (two letters to UN bodies, one speech "introduced" in two
countries, a yearly session report) share sentences too, but those sentences
are the template's: many documents hold them. So they never make a partial
pair (an overlap, or a side inside the other with half its words), which
would chain unrelated articles into families; short ones that are nearly all
template (a yearly visit, the same work "published" in another country) may
be the same text by the rules above. A template pair that differs in names
is never a duplicate (its verdict is variant).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ..model import Comparison, Document, Op, Verdict
from ..options import Options
from ..pipeline import compare_documents
from .index import Evidence, Passage, StoredDoc, Verified, read_documents

PASSAGE_WORDS = 8
_WORD = re.compile(r"\w+")


class Relation(StrEnum):
    DUPLICATE = "duplicate"
    VARIANT = "variant"
    CONTAINS = "contains"
    CONTAINED_IN = "contained-in"
    OVERLAP = "overlap"


@dataclass(frozen=True, slots=True)
class Rules:
    """Relation thresholds (measured on the KCNA archive and revisions; README, scan section)."""

    full: float = 0.95
    most: float = 0.8
    min_similarity: float = 0.65
    min_score: float = 0.25
    min_evidence: int = 12
    min_own: int = 8
    own_share: float = 0.5
    min_words: int = 40
    sits_in: float = 0.5


def passages(c: Comparison, options: Options | None = None) -> tuple[Passage, ...]:
    """The passages the two sides of ``c`` share, in block order.

    >>> from textdiff import compare_texts
    >>> a = "One two three four five six seven eight nine ten. Alpha beta.\\n"
    >>> b = "One two three four five six seven eight nine ten. Gamma delta.\\n"
    >>> [(p.words_a, p.words_b) for p in passages(compare_texts(a, b))]
    [(10, 10)]
    """
    ignored = (options or Options()).ignored
    text_a, text_b = c.a.document.text, c.b.document.text
    out: list[Passage] = []

    def close(run: list[int] | None) -> None:
        if run is None:
            return
        wa = len(_WORD.findall(text_a, run[0], run[1]))
        wb = len(_WORD.findall(text_b, run[2], run[3]))
        if min(wa, wb) >= PASSAGE_WORDS:
            out.append(Passage(run[0], run[1], run[2], run[3], wa, wb))

    for block in c.blocks:
        if not block.kind.aligned:
            continue
        run: list[int] | None = None
        for s in block.segments:
            if s.op is Op.EQUAL or (s.category is not None and s.category in ignored):
                if run is None:
                    run = [s.a0, s.a1, s.b0, s.b1]
                else:
                    run[1], run[3] = s.a1, s.b1
            else:
                close(run)
                run = None
        close(run)
    return tuple(out)


def facts(c: Comparison, a: int = 0, b: int = 0, options: Options | None = None) -> Verified:
    """What ``c`` says of the pair (a, b), rounded as it is stored."""
    region = None
    if c.region is not None:
        ra, rb = c.region
        region = ((ra.start, ra.end), (rb.start, rb.end))
    return Verified(
        a, b, c.summary.verdict.value,
        (round(c.coverage[0], 4), round(c.coverage[1], 4)),
        round(c.similarity, 4),
        region,
        {k.value: v for k, v in c.summary.region_edits.items()},
        (len(_WORD.findall(c.a.document.text)), len(_WORD.findall(c.b.document.text))),
        passages(c, options),
    )  # fmt: skip


def relate(v: Verified, e: Evidence, rules: Rules = Rules()) -> Relation | None:
    """The relation of A to B, or None when they are not versions of each other.

    >>> from textdiff import compare_texts
    >>> t = "One two three four five six seven eight nine ten.\\n"
    >>> relate(facts(compare_texts(t, t)), Evidence(3, 3, 1.0))
    <Relation.DUPLICATE: 'duplicate'>
    """
    same_substance = v.verdict in (Verdict.IDENTICAL.value, Verdict.EQUIVALENT.value)
    cov_a, cov_b = v.coverage
    if same_substance and min(cov_a, cov_b) >= rules.full:
        return Relation.DUPLICATE
    strong = e.score >= rules.min_score and (e.shared >= rules.min_evidence or same_substance)
    theirs = e.own >= rules.own_share * e.shared
    if not (strong or (theirs and e.own >= rules.min_own)):
        return None
    same_text = (
        strong and v.verdict != Verdict.UNRELATED.value and v.similarity >= rules.min_similarity
    )
    if same_text:
        if min(cov_a, cov_b) >= rules.most:
            return Relation.VARIANT
        if cov_a >= rules.most:
            return Relation.CONTAINED_IN
        if cov_b >= rules.most:
            return Relation.CONTAINS
    if min(v.shared_words) < rules.min_words:
        return Relation.OVERLAP if same_text else None
    # Common text (a template's, a text reprinted many times) makes versions only
    # of texts that are nearly all of it; text of their own, of any share.
    inside = rules.sits_in if theirs else rules.most
    share_a, share_b = v.share
    a_in = cov_a >= rules.most and share_a >= inside
    b_in = cov_b >= rules.most and share_b >= inside
    if a_in and b_in:
        return Relation.VARIANT
    if a_in:
        return Relation.CONTAINED_IN
    if b_in:
        return Relation.CONTAINS
    return Relation.OVERLAP if theirs else None


@dataclass(frozen=True, slots=True)
class VerifyTask:
    """Candidate pairs (a, b) whose texts are in the index at ``index``."""

    index: str
    pairs: tuple[tuple[int, int], ...]


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
    """Compare each pair of the batch and record what compare found."""
    ids = sorted({i for pair in task.pairs for i in pair})
    docs = {i: document(d) for i, d in read_documents(task.index, ids).items()}
    options = Options()
    return [
        facts(compare_documents(docs[a], docs[b], options), a, b, options) for a, b in task.pairs
    ]
