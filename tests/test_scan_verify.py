"""Verification: compare's result turned into a relation, read from A's side."""

from __future__ import annotations

from pathlib import Path

import pytest

import textdiff
from textdiff.scan.index import Index
from textdiff.scan.readers import discover, group_text, read_partition
from textdiff.scan.verify import Relation, Rules, VerifyTask, relate, verify_batch

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, CORPORA

R05 = next((CORPORA / "kcna-revisions-2024" / "groups").glob("R05-*"), None)


def _cmp(a: Path, b: Path) -> textdiff.Comparison:
    return textdiff.compare(str(a), str(b))


def test_speech_inside_bulletin_is_contained_in_and_reverse_contains() -> None:
    assert relate(_cmp(CLOSING, BULLETIN), 300) is Relation.CONTAINED_IN
    assert relate(_cmp(BULLETIN, CLOSING), 300) is Relation.CONTAINS


def test_identical_after_normalization_is_duplicate() -> None:
    c = textdiff.compare_texts("The behaviour of the Party.\n", "The behavior of the Party.\n")
    assert relate(c, 1) is Relation.DUPLICATE


def test_unrelated_speeches_are_dropped() -> None:
    assert relate(_cmp(ADDRESS_2013, CLOSING), 50) is None


@pytest.mark.skipif(R05 is None, reason="../shared/corpora not present")
def test_revision_is_a_variant() -> None:
    assert R05 is not None
    assert relate(_cmp(R05 / "v1.txt", R05 / "v2.txt"), 87) is Relation.VARIANT


def test_short_texts_differing_in_substance_need_evidence() -> None:
    a = "Kim Yong Nam sent a message of greeting to the President of Peru on the national day.\n"
    b = "Kim Yong Nam sent a message of greeting to the President of Chad on the national day.\n"
    c = textdiff.compare_texts(a, b)
    assert c.summary.verdict is textdiff.Verdict.VARIANT and c.similarity > 0.8
    assert relate(c, 3) is None
    assert relate(c, Rules().min_evidence) is Relation.VARIANT
    # Differing only in accidentals, a short text is a duplicate however little it shares.
    same = textdiff.compare_texts(a, a.replace("Kim Yong Nam", "KIM YONG NAM"))
    assert relate(same, 1) is Relation.DUPLICATE


def test_excerpt_is_an_overlap() -> None:
    speech = CLOSING.read_text(encoding="utf-8")
    paras = [p for p in speech.split("\n") if len(p) > 200]
    article = "\n\n".join(["Local news of the day, unrelated. " * 12, *paras[3:6],
                           "Other people said other things. " * 30])  # fmt: skip
    c = textdiff.compare_texts(article, speech)
    assert relate(c, 40) is Relation.OVERLAP


def test_verify_batch_reads_the_index(tmp_path: Path) -> None:
    index = Index(str(tmp_path / "i.sqlite"))
    sources = discover([str(CLOSING), str(BULLETIN)]).sources
    for p in group_text(sources):
        index.add_partition(read_partition(p), [s.path for s in sources])
    ids = sorted(index.order(), key=index.order().__getitem__)
    (result,) = verify_batch(VerifyTask(index.path, ((ids[0], ids[1], 300, 0.99),)))
    assert result.relation == "contained-in" and result.verdict == "equivalent"
    assert result.region is not None and result.region[1][0] > 30000
    assert result.edits.get("spelling") == 4
    index.close()
