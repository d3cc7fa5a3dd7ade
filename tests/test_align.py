"""align: word runs, earned paragraph links, splits, merges, regroupings, moves, repeats."""

from __future__ import annotations

import pytest

from textdiff import BlockKind, Role
from textdiff._chain import longest_increasing_chain
from textdiff.align import Aligned, Codebook, ParaKey, align, beads
from textdiff.align.words import match_runs
from textdiff.normalize import word_keys

SENTENCES = [
    "The conference reviewed the work of the primary committees in detail.",
    "Secretaries should serve the people with the heart of a mother.",
    "The tasks ahead are gigantic and the obstacles formidable.",
    "He stressed the importance of education through revolutionary relics.",
    "Science and technology must be given precedence in every unit.",
    "Accidents must be prevented in all units through strict order.",
    "Welfare supply service boosts the enthusiasm of working people.",
    "The ranks of cadres must be built up through a strong campaign.",
]


def keys(paras: list[str], book: Codebook) -> list[ParaKey]:
    return [ParaKey(i, Role.TEXT, book.encode(word_keys(p)), len(p)) for i, p in enumerate(paras)]


def run(a: list[str], b: list[str]) -> list[Aligned]:
    book = Codebook()
    out = align(keys(a, book), keys(b, book))
    seen_a = sorted(i for blk in out for i in blk.a)
    seen_b = sorted(j for blk in out for j in blk.b)
    assert seen_a == list(range(len(a))) and seen_b == list(range(len(b)))
    return out


def kinds(out: list[Aligned]) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(blk.kind.value, blk.a, blk.b) for blk in out]


def test_lis() -> None:
    assert longest_increasing_chain([]) == []
    assert longest_increasing_chain([(0, 5), (1, 1), (2, 2), (3, 0), (4, 3)]) == [
        (1, 1),
        (2, 2),
        (4, 3),
    ]


def test_word_runs_are_monotone_and_exact() -> None:
    a, b = "abcdefgh", "abxdefyh"
    runs = match_runs(a, b)
    assert [(r.i, r.j, r.n) for r in runs] == [(0, 0, 2), (3, 3, 3), (7, 7, 1)]
    for r in runs:
        assert a[r.i : r.i + r.n] == b[r.j : r.j + r.n]


def test_identical() -> None:
    out = run(SENTENCES, SENTENCES)
    assert [blk.kind for blk in out] == [BlockKind.CHANGED] * len(SENTENCES)  # refined later
    assert all(blk.similarity == 1.0 for blk in out)


def test_edited_paragraph_pairs_in_place() -> None:
    b = list(SENTENCES)
    b[3] = "He emphasised the importance of education through the revolutionary relics."
    out = run(SENTENCES, b)
    assert ("changed", (3,), (3,)) in kinds(out)


def test_split_and_merge() -> None:
    b = list(SENTENCES)
    b[2:3] = ["The tasks ahead are gigantic", "and the obstacles formidable."]
    out = run(SENTENCES, b)
    assert ("split", (2,), (2, 3)) in kinds(out)
    out = run(b, SENTENCES)
    assert ("merged", (2, 3), (2,)) in kinds(out)


def test_inserted_and_deleted_runs_grouped() -> None:
    new = ["A wholly new paragraph about fishing boats.", "Another about rain."]
    b = [*SENTENCES[:4], *new, *SENTENCES[4:]]
    out = run(SENTENCES, b)
    assert ("inserted", (), (4, 5)) in kinds(out)
    out = run(b, SENTENCES)
    assert ("deleted", (4, 5), ()) in kinds(out)


def test_moved_paragraph() -> None:
    b = SENTENCES[1:6] + SENTENCES[:1] + SENTENCES[6:]
    out = run(SENTENCES, b)
    assert ("moved", (0,), (5,)) in kinds(out)
    # Blocks come in B's reading order.
    firsts = [blk.b[0] for blk in out if blk.b]
    assert firsts == sorted(firsts)


def test_repeated_paragraphs_align_in_order() -> None:
    sal = "Comrade secretaries of primary Party committees,"
    a = [sal, SENTENCES[0], SENTENCES[1], sal, SENTENCES[2]]
    b = ["Lead-in sentence of the bulletin.", sal, SENTENCES[0], SENTENCES[1], sal, SENTENCES[2]]
    out = run(a, b)
    assert ("changed", (0,), (1,)) in kinds(out) and ("changed", (3,), (4,)) in kinds(out)


def test_text_found_inside_a_longer_one() -> None:
    other = [f"Unrelated article number {n} speaks of harvests and weather {n}." for n in range(30)]
    b = other[:20] + SENTENCES + other[20:]
    out = run(SENTENCES, b)
    pairs = [(blk.a, blk.b) for blk in out if blk.kind is BlockKind.CHANGED]
    assert pairs == [((i,), (20 + i,)) for i in range(len(SENTENCES))]


def test_unrelated_paragraphs_are_not_forced_together() -> None:
    a = ["The harvest this year was excellent in all provinces of the country."]
    b = ["Missile launch drills were conducted under the guidance of the commander."]
    assert kinds(run(a, b)) == [("deleted", (0,), ()), ("inserted", (), (0,))]


def test_many_edited_paragraphs_pair_in_place() -> None:
    # No paragraph has an exact twin: every one edited slightly.
    a = [f"Paragraph {n} tells of event {n} in the province of place{n} today." for n in range(300)]
    b = [f"Paragraph {n} tells of the event {n} in the province of place{n}." for n in range(300)]
    out = run(a, b)
    assert [(blk.a, blk.b) for blk in out] == [((n,), (n,)) for n in range(300)]


@pytest.mark.parametrize("n", [244, 245, 10_000])
def test_repeated_paragraphs_align_as_equal(n: int) -> None:
    # F2: 245 or more paragraphs with one key once made the gap too big for the
    # programme, and identical texts came out deleted + inserted.
    p = "Same paragraph here."
    a = [p] * n
    out = run(a, a)
    assert [(blk.kind, blk.a, blk.b) for blk in out] == [
        (BlockKind.CHANGED, (k,), (k,)) for k in range(n)
    ]
    b = list(a)
    b[n // 2] = "Same paragraph changed."
    out = run(a, b)
    assert [(blk.a, blk.b) for blk in out] == [((k,), (k,)) for k in range(n)]


def test_same_words_other_paragraphing() -> None:
    one_line = [" ".join(SENTENCES)]
    out = run(SENTENCES, one_line)
    assert kinds(out) == [("merged", tuple(range(len(SENTENCES))), (0,))]
    pairs = [SENTENCES[k] + " " + SENTENCES[k + 1] for k in range(0, len(SENTENCES), 2)]
    out = run(SENTENCES, pairs)
    assert kinds(out) == [("merged", (2 * k, 2 * k + 1), (k,)) for k in range(len(pairs))]


def test_a_break_placed_elsewhere_is_one_group() -> None:
    a = [SENTENCES[0] + " " + SENTENCES[1], SENTENCES[2]]
    b = [SENTENCES[0], SENTENCES[1] + " " + SENTENCES[2]]
    (blk,) = run(a, b)
    assert (blk.kind, blk.a, blk.b) == (BlockKind.EQUAL, (0, 1), (0, 1))
    # If more than whitespace differs, these are the blocks to show instead.
    assert [(p.kind, p.a, p.b) for p in blk.parts] == [
        (BlockKind.CHANGED, (0,), (0,)),
        (BlockKind.CHANGED, (1,), (1,)),
    ]


def test_different_texts_on_one_line_are_not_merged() -> None:
    other = [
        "Our agriculture must feed the country with rice and maize grown in every county.",
        "The navy launched a destroyer that will guard the waters of the east coast.",
        "Workers of the steel complex exceeded the plan by a wide margin this year.",
    ]
    out = run(SENTENCES, [" ".join(other)])
    assert all(not blk.kind.aligned for blk in out)


def test_candidate_pairs_the_same_whichever_way_pairs_are_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Word pairs are looked up in each paragraph's codes when few are wanted, and
    # taken from its own list of pairs otherwise: the postings, so the candidates,
    # must not depend on which.
    book = Codebook()
    paras = [s.replace("the", w) for s in SENTENCES for w in ("the", "a", "our")]
    a = keys([SENTENCES[1], SENTENCES[5] + " " + SENTENCES[6], "the work of"], book)
    b = keys(paras, book)
    found = []
    for few in (0, 10**6):
        monkeypatch.setattr(beads, "FEW_PAIRS", few)
        found.append(beads.candidate_pairs(a, b, min_shared=2, max_postings=4))
    assert found[0] == found[1] and found[0]
