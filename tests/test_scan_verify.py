"""Verification: compare's facts and shared passages, then a relation read from A's side."""

from __future__ import annotations

from pathlib import Path

import pytest

import textdiff
from textdiff.scan.index import Evidence, Index
from textdiff.scan.readers import discover, group_text, read_partition
from textdiff.scan.verify import Relation, Rules, VerifyTask, facts, passages, relate, verify_batch

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, CORPORA
from .scan_texts import Prose

R05 = next((CORPORA / "kcna-revisions-2024" / "groups").glob("R05-*"), None)
# Evidence of a pair the candidate stage calls the same text (high score, rare shingles).
SAME = Evidence(shared=300, own=300, score=0.99)
# Evidence of a pair that shares only text many other documents hold (a template's).
COMMON = Evidence(shared=30, own=2, score=0.1)


def _rel(a: str, b: str, e: Evidence = SAME) -> Relation | None:
    return relate(facts(textdiff.compare_texts(a, b)), e)


def _file(a: Path, b: Path, e: Evidence = SAME) -> Relation | None:
    return relate(facts(textdiff.compare(str(a), str(b))), e)


def test_speech_inside_bulletin_is_contained_in_and_reverse_contains() -> None:
    assert _file(CLOSING, BULLETIN) is Relation.CONTAINED_IN
    assert _file(BULLETIN, CLOSING) is Relation.CONTAINS


def test_identical_after_normalization_is_duplicate() -> None:
    assert _rel("The behaviour of the Party.\n", "The behavior of the Party.\n") is (
        Relation.DUPLICATE
    )


def test_unrelated_speeches_are_dropped() -> None:
    assert _file(ADDRESS_2013, CLOSING, Evidence(50, 50, 0.3)) is None


@pytest.mark.skipif(R05 is None, reason="../shared/corpora not present")
def test_revision_is_a_variant() -> None:
    assert R05 is not None
    assert _file(R05 / "v1.txt", R05 / "v2.txt", Evidence(87, 87, 0.5)) is Relation.VARIANT


def test_short_texts_differing_in_substance_need_evidence() -> None:
    a = "Kim Yong Nam sent a message of greeting to the President of Peru on the national day.\n"
    b = "Kim Yong Nam sent a message of greeting to the President of Chad on the national day.\n"
    c = textdiff.compare_texts(a, b)
    assert c.summary.verdict is textdiff.Verdict.VARIANT and c.similarity > 0.8
    assert relate(facts(c), Evidence(3, 3, 0.9)) is None
    assert relate(facts(c), Evidence(Rules().min_evidence, 12, 0.9)) is Relation.VARIANT
    # Differing only in accidentals, a short text is a duplicate however little it shares.
    same = textdiff.compare_texts(a, a.replace("Kim Yong Nam", "KIM YONG NAM"))
    assert relate(facts(same), Evidence(1, 1, 1.0)) is Relation.DUPLICATE


def test_passages_are_shared_runs_that_a_substantive_edit_ends() -> None:
    p = Prose(3)
    one, two = p.sentence(), p.sentence()
    words = two.split()
    a = f"{one} {two}\n"
    b = f"{one.replace(' ', '  ')} {' '.join(['other', *words[1:]])}\n"
    got = passages(textdiff.compare_texts(a, b))
    # The doubled spaces are ignorable; the changed first word of the second sentence
    # is not: it ends the first passage, and the second runs on from the word after it.
    assert [(x.words_a, x.words_b) for x in got] == [
        (len(one.split()), len(one.split())),
        (len(words) - 1, len(words) - 1),
    ]
    assert a[got[0].a0 : got[0].a1].startswith(one.split()[0])
    # A run under eight words is no passage.
    short = "Alpha beta gamma. Delta epsilon zeta eta theta iota kappa lambda.\n"
    assert passages(textdiff.compare_texts("Alpha beta gamma. Ten.\n", short)) == ()


def test_excerpt_is_an_overlap_with_the_share_of_each_side() -> None:
    p = Prose(5)
    speech = p.paragraphs(20)
    article = "\n\n".join([*p.paragraphs(3), *speech[8:11], p.paragraph()]) + "\n"
    v = facts(textdiff.compare_texts(article, "\n\n".join(speech) + "\n"))
    assert relate(v, Evidence(40, 40, 0.4)) is Relation.OVERLAP
    share_a, share_b = v.share
    assert 0.3 < share_a < 0.6 and 0.1 < share_b < 0.2
    assert len(v.passages) >= 3


def test_summary_sits_in_the_full_text_despite_low_similarity() -> None:
    # Issue 11: a short report and the long article of the next day. Over the
    # region compare's similarity is low (the long text's other paragraphs lie
    # inside it), but each of the short text's paragraphs is in the long one.
    p = Prose(7)
    full = p.paragraphs(24)
    short = [para.split(". ")[0] + "." for para in full[::3]]
    v = facts(textdiff.compare_texts("\n\n".join(short) + "\n", "\n\n".join(full) + "\n"))
    assert v.similarity < Rules().min_similarity and v.share[0] > 0.9
    assert relate(v, Evidence(30, 30, 0.9)) is Relation.CONTAINED_IN
    # Quoted by several articles (a New Year address): a passage held by a few
    # more than own_df documents, but strong evidence that the short text is
    # made of the long one's sentences, nearly all of it.
    assert relate(v, Evidence(40, 10, 0.8)) is Relation.CONTAINED_IN
    # Without evidence that the shared text is theirs (a template's), no pair.
    assert relate(v, COMMON) is None


def test_template_look_alikes_are_never_duplicates_nor_partial_pairs() -> None:
    # Two letters from one template: the same frame, different addressee and matter.
    p = Prose(11)
    frame = [p.sentence() for _ in range(3)]

    def letter(to: str) -> str:
        own = p.paragraphs(2)
        return "\n\n".join([f"A letter was sent to {to}. {frame[0]}", *own, " ".join(frame[1:])])

    v = facts(textdiff.compare_texts(letter("the Secretary General"), letter("the Council")))
    assert v.passages, "they do share the template's sentences"
    assert relate(v, COMMON) is None
    # Scoring high (they are short), sharing a dozen shingles: still the template's text,
    # and only a part of each letter, so no pair.
    assert relate(v, Evidence(shared=20, own=2, score=0.6)) is None
    # Even on strong evidence, two texts that differ in substance are no duplicate.
    assert relate(v, SAME) is not Relation.DUPLICATE


def test_verify_batch_reads_the_index(tmp_path: Path) -> None:
    index = Index(str(tmp_path / "i.sqlite"))
    sources = discover([str(CLOSING), str(BULLETIN)]).sources
    for p in group_text(sources):
        index.add_partition(read_partition(p), [s.path for s in sources])
    ids = sorted(index.order(), key=index.order().__getitem__)
    (result,) = verify_batch(VerifyTask(index.path, ((ids[0], ids[1]),)))
    assert result.verdict == "equivalent" and relate(result, SAME) is Relation.CONTAINED_IN
    assert result.region is not None and result.region[1][0] > 30000
    assert result.edits.get("spelling") == 4
    assert result.share[0] > 0.95 and result.words[1] > 5 * result.words[0]
    index.close()
