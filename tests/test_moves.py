"""Moved paragraphs: every planted move reported as moved, and no move invented.

Texts are built here from a seeded generator of prose (a few common words, many rare
ones, as in any language), so every case is known exactly:

- paragraphs moved far away, whole or edited, into the slot of a deleted paragraph,
  next to deleted and inserted ones, or moved and expanded: each is one ``moved`` block
  from its place in A to its place in B, and the mirror compare(b, a) says the same;
- a text edited in place (words changed, paragraphs deleted and inserted) has no move;
- paragraphs written to a formula (an agency's "X was appointed as ambassador to Y")
  are not one paragraph moved because one was deleted and another inserted elsewhere;
- a headline left unpaired next to a deleted lead-in is paired in place, not moved.

benchmarks/moves_recall.py measures the same on real and generated texts.
"""

from __future__ import annotations

import random
from typing import NamedTuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textdiff
from textdiff import BlockKind, Comparison

COMMON = (
    "the of and to in a that was he it with for as his on be at by had not but from or "
    "this which you were her all she there would their we him been has when who will more "
    "no if out so said what up its about into than them can only other new some could time"
).split()
_SYLLABLES = "ka ro mi tu sen dal vor pi lek ham nu ost bri gen ta lo".split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))


def paragraph(rng: random.Random, lo: int = 6, hi: int = 60) -> str:
    """A paragraph of prose: half common words, half rare ones, one sentence."""
    n = rng.randint(lo, hi)
    words = [rng.choice(COMMON) if rng.random() < 0.4 else _word(rng) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def edit(p: str, rng: random.Random, rate: float) -> str:
    """``p`` with ``rate`` of its words (rounded) replaced by new ones (the first still
    capitalised, the last still ending the sentence: a paragraph starting in lower case
    is read as the rest of a sentence cut by a page break). Exactly that share, not each
    word at random: a short paragraph drawn at 10% must not lose a third of its words
    and, with them, what makes it the same paragraph moved."""
    words = p.rstrip(".").split()
    for k in rng.sample(range(len(words)), round(rate * len(words))):
        words[k] = _word(rng)
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def text(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def moved(c: Comparison) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(blk.a, blk.b) for blk in c.blocks if blk.kind is BlockKind.MOVED}


class Planted(NamedTuple):
    a: list[str]
    b: list[str]
    moves: set[tuple[tuple[int, ...], tuple[int, ...]]]  # (A index,), (B index,)


def plant(
    seed: int, n: int, k: int, rate: float = 0.0, into_gap: bool = False, churn: bool = False
) -> Planted:
    """A text of ``n`` paragraphs and a copy with ``k`` of them moved, each across at
    least three others (edited at ``rate``; landing where a paragraph was deleted;
    with other paragraphs deleted and inserted around), and where each move went.

    Each move stays in a section of its own, so that moving it is the one shortest
    account of the change (a paragraph moved across one other could as well be
    that other moved back).
    """
    rng = random.Random(seed)
    a = [paragraph(rng) for _ in range(n)]
    ids = list(range(n))  # B as indices of A; -1 - k for the k-th inserted paragraph
    extra: list[str] = []
    if churn:
        for _ in range(2):
            del ids[rng.randrange(len(ids))]
            ids.insert(rng.randrange(len(ids) + 1), -1 - len(extra))
            extra.append(paragraph(rng))
    size = len(ids) // k
    chosen = []
    for s in range(k):
        section = ids[s * size : (s + 1) * size]
        old = [x for x in section if x >= 0]
        for i in rng.sample(old, len(old)):
            rest = [x for x in section if x != i]
            k_old = old.index(i)
            ahead = old[k_old + 1 :] if rng.random() < 0.5 else old[:k_old][::-1]
            passed = [len(a[x].split()) for x in ahead]
            # past at least three paragraphs and twice its words: moving it is then the
            # shortest account, whichever way the word alignment counts
            need = next(
                (m for m in range(3, len(passed) + 1) if sum(passed[:m]) > 2 * len(a[i].split())),
                None,
            )
            if need is None:
                continue
            forward = ahead[0] > i
            at = rest.index(ahead[need - 1]) + int(forward)
            rest.insert(at, i)
            gap = at + 1 if forward else at - 1  # beside it, on the side away from its place
            if into_gap and 0 <= gap < len(rest) and rest[gap] >= 0:
                del rest[gap]
            ids[s * size : (s + 1) * size] = rest
            chosen.append(i)
            break
    words = {i: edit(a[i], rng, rate) if i in chosen else a[i] for i in ids if i >= 0}
    b = [words[i] if i >= 0 else extra[-1 - i] for i in ids]
    return Planted(a, b, {((i,), (ids.index(i),)) for i in chosen})


def check(p: Planted) -> None:
    c = textdiff.compare_texts(text(p.a), text(p.b))
    assert moved(c) == p.moves
    back = textdiff.compare_texts(text(p.b), text(p.a))
    assert moved(back) == {(b, a) for a, b in p.moves}


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(10, 40),
    k=st.integers(1, 3),
    rate=st.sampled_from([0.0, 0.0, 0.1]),
    into_gap=st.booleans(),
    churn=st.booleans(),
)
def test_planted_moves_are_found(
    seed: int, n: int, k: int, rate: float, into_gap: bool, churn: bool
) -> None:
    check(plant(seed, n, min(k, n // 10), rate, into_gap, churn))


@SETTINGS
@given(seed=st.integers(0, 10**6), n=st.integers(5, 40))
def test_no_move_in_a_text_edited_in_place(seed: int, n: int) -> None:
    rng = random.Random(seed)
    a = [paragraph(rng) for _ in range(n)]
    b = [edit(p, rng, 0.1) for p in a]
    for _ in range(rng.randint(0, 3)):
        del b[rng.randrange(len(b))]
        b.insert(rng.randrange(len(b) + 1), paragraph(rng))
    assert not moved(textdiff.compare_texts(text(a), text(b)))
    assert not moved(textdiff.compare_texts(text(a), text(a)))


def test_moved_into_the_slot_of_a_look_alike() -> None:
    """A paragraph moved where a paragraph sharing half its words was deleted: the twin
    found whole elsewhere wins over the look-alike in the slot (same-slot pairing used
    to pair it in place with what was deleted there)."""
    rng = random.Random(7)
    a = [paragraph(rng, 20, 30) for _ in range(14)]
    a[3] = edit(a[10], rng, 0.7)  # the look-alike: a quarter of the words, no run
    b = [*a[:3], a[10], *a[4:10], *a[11:]]
    check(Planted(a, b, {((10,), (3,))}))


def test_moved_and_expanded() -> None:
    rng = random.Random(11)
    a = [paragraph(rng, 30, 40) for _ in range(12)]
    grown = a[2] + " " + paragraph(rng, 60, 60)  # similarity about 0.5
    b = a[:2] + a[3:9] + [grown] + a[9:]
    check(Planted(a, b, {((2,), (8,))}))


def test_short_moved_paragraph() -> None:
    rng = random.Random(3)
    a = [paragraph(rng) for _ in range(10)]
    a[1] = "Vorpi kaseno gentalo brilek."
    b = a[:1] + a[2:8] + a[1:2] + a[8:]
    check(Planted(a, b, {((1,), (7,))}))


def formula(rng: random.Random) -> str:
    name = " ".join(_word(rng).capitalize() for _ in range(3))
    return (
        f"Pyongyang, March {rng.randint(16, 17)} (KCNA) -- {name} was "
        f"appointed as DPRK ambassador to {_word(rng).capitalize()}, according to a decree "
        "of the Presidium of the Supreme People's Assembly."
    )


def test_formula_paragraphs_are_not_one_moved() -> None:
    """One appointment deleted, another inserted far away: two paragraphs of one
    formula sharing two thirds of their words, but not the same paragraph."""
    rng = random.Random(5)
    a = []
    for _ in range(12):
        a += [formula(rng), paragraph(rng), paragraph(rng)]
    b = a[:6] + a[7:]  # an appointment deleted
    b.insert(28, formula(rng))  # and another inserted far away
    c = textdiff.compare_texts(text(a), text(b))
    assert not moved(c)
    kinds = [blk.kind for blk in c.blocks]
    assert kinds.count(BlockKind.DELETED) == kinds.count(BlockKind.INSERTED) == 1


def test_formula_paragraph_moved_is_found() -> None:
    """The same formula paragraph moved, with its names: a move."""
    rng = random.Random(5)
    a = []
    for _ in range(12):
        a += [formula(rng), paragraph(rng), paragraph(rng)]
    b = a[:6] + a[7:28] + [a[6]] + a[28:]
    check(Planted(a, b, {((6,), (27,))}))


KCNA_2010 = [  # from the KCNA archive, 4 February 2010
    "Speeches were made there.",
    "Saying that meetings of the leaders of the two countries and adoption of historic joint "
    "declarations have given further momentum to the DPRK-Russia relations of friendship and "
    "cooperation in the past decade, they added that they would make efforts to boost these "
    "relations.",
    "And the participants watched a Russian feature film",
    "Lecture Marks Anniversary of Sri Lanka's Independence",
    "Pyongyang, February 4 (KCNA) -- A lecture was given at the Chollima Hall of Culture on "
    "Thursday on the occasion of the 62nd anniversary of Sri Lanka's independence.",
    "Present there were the chairman of the DPRK-Sri Lanka Friendship Association and other "
    "members of the association and working people in the city.",
    "The chairman of the association in the lecture referred to the achievements made by the "
    "government and the people of Sri Lanka in their efforts to achieve national "
    "reconciliation and unity and build a new society.",
]


def test_headline_beside_a_deleted_lead_in_is_not_moved() -> None:
    """The headline's words are also in the lead-in under it; with the lead-in deleted
    the headline stayed unpaired on both sides and was called moved to where it stands
    (found on the generated KCNA pairs). It pairs in place."""
    a = KCNA_2010
    b = a[:4] + a[5:]
    c = textdiff.compare_texts(text(a), text(b))
    assert not moved(c)
    assert [(blk.kind, blk.a) for blk in c.blocks if not blk.b] == [(BlockKind.DELETED, (4,))]
