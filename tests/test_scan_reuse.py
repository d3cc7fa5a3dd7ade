"""Partial reuse end to end (issue 11): excerpts, summaries, serial parts; templates never chain.

On texts built for the purpose (tests/scan_texts.py): each shape of reuse is
found with its relation, and letters built from one template are paired with
nothing, although they share three sentences.
"""

from __future__ import annotations

import pytest

from textdiff.scan import ScanConfig, scan
from textdiff.scan.runner import ScanResult

from .scan_texts import EXPECTED, reuse_collection, write_jsonl


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> ScanResult:
    docs = reuse_collection()
    path = write_jsonl(tmp_path_factory.mktemp("reuse") / "all.jsonl", sorted(docs), docs)
    return scan(ScanConfig(inputs=(str(path),)))


def _relations(r: ScanResult) -> dict[tuple[str, str], str]:
    docs = r.collection.documents
    return {(docs[p.a].name, docs[p.b].name): p.relation for p in r.collection.pairs}


def test_every_shape_of_reuse_is_one_family(result: ScanResult) -> None:
    docs = result.collection.documents
    families = sorted(
        tuple(sorted(docs[m].name for m in f.members)) for f in result.collection.families
    )
    assert families == EXPECTED


def test_relations_say_which_side_sits_in_which(result: ScanResult) -> None:
    assert _relations(result) == {
        ("serial-1", "serial-whole"): "contained-in",
        ("serial-2", "serial-whole"): "contained-in",
        ("serial-3", "serial-whole"): "contained-in",
        ("excerpt", "speech"): "overlap",
        ("speech", "summary"): "contains",
        ("report", "report-again"): "variant",
    }


def test_partial_pairs_carry_their_passages_and_shares(result: ScanResult) -> None:
    docs = result.collection.documents
    (excerpt,) = [p for p in result.collection.pairs if docs[p.a].name == "excerpt"]
    # Four of the excerpt's seven paragraphs are the speech's, a seventh of the speech.
    assert 0.45 < excerpt.share[0] < 0.7 and 0.1 < excerpt.share[1] < 0.2
    assert len(excerpt.passages) == 4
    assert all(q.words_a == q.words_b >= 36 for q in excerpt.passages)


def test_template_letters_are_paired_with_nothing(result: ScanResult) -> None:
    docs = result.collection.documents
    paired = {docs[m].name for f in result.collection.families for m in f.members}
    assert not [name for name in paired if name.startswith(("letter", "other"))]
    assert result.stats.candidates == len(result.collection.pairs)
