"""Whole comparisons: golden files, the seed pair's acceptance, and invariants.

Golden files live in tests/cases/. After an intended change of output,
rewrite them with ``TEXTDIFF_UPDATE_GOLDEN=1 pytest tests/test_pipeline.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textdiff
from textdiff import BlockKind, Category, Op, Role, Verdict, pipeline
from textdiff.align import Codebook
from textdiff.normalize import word_keys
from textdiff.render.json import dumps

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, OPENING_2021, RODONG, ROOT, assert_contract

CASES = Path(__file__).parent / "cases"
GOLDEN = [
    ("closing-vs-bulletin", CLOSING, BULLETIN),
    ("bulletin-vs-closing", BULLETIN, CLOSING),
    ("address2013-vs-opening2021", ADDRESS_2013, OPENING_2021),
    ("rodong-vs-opening2021", RODONG, OPENING_2021),
]


def _rel(p: Path) -> str:
    return str(p.relative_to(ROOT))


@pytest.mark.parametrize(("name", "a", "b"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_golden(name: str, a: Path, b: Path, tmp_path: Path) -> None:
    c = textdiff.compare(_rel(a), _rel(b))
    out = dumps(c, "golden", indent=1)
    assert_contract(out, a, b, tmp_path)
    golden = CASES / f"{name}.json"
    if os.environ.get("TEXTDIFF_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"{golden} missing: run with TEXTDIFF_UPDATE_GOLDEN=1 and review it"
    assert out == golden.read_text(encoding="utf-8"), f"output differs from {golden}"


def test_seed_pair_acceptance() -> None:
    c = textdiff.compare(str(CLOSING), str(BULLETIN))
    text_a, text_b = c.a.document.text, c.b.document.text
    assert c.summary.verdict is Verdict.EQUIVALENT
    assert c.region is not None
    ra, rb = c.region
    region_b = text_b[rb.start : rb.end]
    assert region_b.startswith("Comrade secretaries of primary Party committees,")
    assert region_b.endswith("Workers' Party of Korea, closed.")
    assert text_a[ra.start : ra.end].startswith("Comrade secretaries")
    # The bulletin's headline and lead-in sentence fall outside the region.
    assert text_b.index("made the following closing address") < rb.start

    spelling = [
        (text_a[s.a0 : s.a1], text_b[s.b0 : s.b1])
        for blk in c.blocks
        for s in blk.segments
        if s.category is Category.SPELLING
    ]
    assert sorted(spelling) == [
        ("behaviour", "behavior"),
        ("behaviour", "behavior"),
        ("fulfil", "fulfill"),
        ("fulfil", "fulfill"),
    ]
    assert Category.SUBSTANTIVE not in c.summary.region_edits
    typo = {
        (text_a[s.a0 : s.a1], text_b[s.b0 : s.b1])
        for blk in c.blocks
        for s in blk.segments
        if s.category is Category.TYPOGRAPHY
    }
    assert ("“", '"') in typo and ("”", '"') in typo
    assert ("–", " - ") in typo  # the en dash against " - ", one edit
    assert ("Party’s", "Party's") in typo

    roles_a = {text_a[p.start : p.end]: p.role for p in c.a.paragraphs}
    assert roles_a["Back to top button"] is Role.BOILERPLATE
    assert c.a.paragraphs[0].role is Role.HEADING
    assert text_a[c.a.paragraphs[0].start :].startswith("Closing Address at the Second")


def test_unrelated_speeches() -> None:
    c = textdiff.compare(str(ADDRESS_2013), str(OPENING_2021))
    assert c.summary.verdict is Verdict.UNRELATED


def test_deterministic_bytes() -> None:
    one = dumps(textdiff.compare(str(CLOSING), str(BULLETIN)), "x")
    two = dumps(textdiff.compare(str(CLOSING), str(BULLETIN)), "x")
    assert one == two


# --- Hypothesis: invariants over generated variant pairs -------------------

WORDS = [
    "the", "Party", "people", "behaviour", "behavior", "fulfil", "fulfill", "organise",
    "organize", "secretaries", "committee", "Comrade", "Kim", "Jong", "Un", "revolution",
    "work", "10,000", "10 000", "grass-roots", "grassroots", "today", "to-day", "Party’s",
    "Party's", "“servant”", '"servant"', "–", "-", "—", "...", "…", ",", ".", ";", ":",
    "**bold**", "# Head", "Back to top button", "x\u00a0y", "café", "cafe", "평양",
]  # fmt: skip
SEPS = [" ", " ", " ", "  ", "\u00a0", "\t", "\n"]
PARA_SEPS = ["\n\n", "\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n"]

word = st.sampled_from(WORDS)
paragraph = st.lists(st.tuples(word, st.sampled_from(SEPS)), min_size=1, max_size=12).map(
    lambda ws: "".join(w + s for w, s in ws).strip() or "x"
)
paragraphs = st.lists(paragraph, min_size=0, max_size=8)


def _join(paras: list[str], seps: list[str]) -> str:
    out = []
    for i, p in enumerate(paras):
        out.append(p)
        out.append(seps[i % len(seps)])
    return "".join(out)


@st.composite
def text_pairs(draw: st.DrawFn) -> tuple[str, str]:
    a = draw(paragraphs)
    b = list(a)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["edit", "drop", "add", "swap", "split", "merge"]))
        if action == "add" or not b:
            b.insert(draw(st.integers(0, len(b))), draw(paragraph))
        elif action == "edit":
            k = draw(st.integers(0, len(b) - 1))
            words = b[k].split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(word)
            b[k] = " ".join(words)
        elif action == "drop":
            del b[draw(st.integers(0, len(b) - 1))]
        elif action == "swap" and len(b) > 1:
            i, j = draw(st.integers(0, len(b) - 1)), draw(st.integers(0, len(b) - 1))
            b[i], b[j] = b[j], b[i]
        elif action == "split":
            k = draw(st.integers(0, len(b) - 1))
            cut = b[k].find(" ")
            if cut > 0:
                b[k : k + 1] = [b[k][:cut], b[k][cut + 1 :]]
        elif action == "merge" and len(b) > 1:
            k = draw(st.integers(0, len(b) - 2))
            b[k : k + 2] = [b[k] + " " + b[k + 1]]
    seps_a = draw(st.lists(st.sampled_from(PARA_SEPS), min_size=1, max_size=3))
    seps_b = draw(st.lists(st.sampled_from(PARA_SEPS), min_size=1, max_size=3))
    return _join(a, seps_a), _join(b, seps_b)


def _rebuild(c: textdiff.Comparison, side: str) -> str:
    """Every segment's span on one side, in text order, with the gaps between them."""
    text = (c.a if side == "a" else c.b).document.text
    spans = sorted(
        (getattr(s, side + "0"), getattr(s, side + "1")) for blk in c.blocks for s in blk.segments
    )
    out, pos = [], 0
    for s0, s1 in spans:
        if s1 == s0:
            continue
        assert s0 >= pos, "segments overlap"
        gap = text[pos:s0]
        assert not gap.strip(), f"text outside every segment: {gap!r}"
        out.append(gap)
        out.append(text[s0:s1])
        pos = s1
    tail = text[pos:]
    assert not tail.strip(), f"text outside every segment: {tail!r}"
    return "".join(out) + tail


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text_pairs())
def test_segments_rebuild_both_texts(pair: tuple[str, str]) -> None:
    a, b = pair
    c = textdiff.compare_texts(a, b)
    assert _rebuild(c, "a") == a
    assert _rebuild(c, "b") == b
    for blk in c.blocks:
        for s in blk.segments:
            if s.op is Op.EQUAL:
                assert a[s.a0 : s.a1] == b[s.b0 : s.b1]
            else:
                assert s.category is not None
                assert a[s.a0 : s.a1] != b[s.b0 : s.b1]


@FAST
@given(paragraphs.map(lambda ps: "\n\n".join(ps)))
def test_compare_with_itself_is_identical(a: str) -> None:
    c = textdiff.compare_texts(a, a)
    assert c.summary.verdict is Verdict.IDENTICAL
    assert c.summary.edits == {}
    assert all(blk.kind is BlockKind.EQUAL for blk in c.blocks)
    assert all(s.op is Op.EQUAL for blk in c.blocks for s in blk.segments)


SWAP = {
    BlockKind.INSERTED: BlockKind.DELETED,
    BlockKind.DELETED: BlockKind.INSERTED,
    BlockKind.SPLIT: BlockKind.MERGED,
    BlockKind.MERGED: BlockKind.SPLIT,
}


@FAST
@given(text_pairs())
def test_swapping_sides_swaps_kinds(pair: tuple[str, str]) -> None:
    a, b = pair
    ab = textdiff.compare_texts(a, b)
    ba = textdiff.compare_texts(b, a)
    expected = {SWAP.get(k, k): n for k, n in ab.summary.blocks.items()}
    assert ba.summary.blocks == expected
    assert ba.summary.verdict is ab.summary.verdict
    assert ba.coverage == (ab.coverage[1], ab.coverage[0])


@FAST
@given(pair=text_pairs())
def test_json_keeps_the_contract(
    pair: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    a, b = pair
    tmp = tmp_path_factory.mktemp("c")
    pa, pb = tmp / "a.txt", tmp / "b.txt"
    pa.write_bytes(a.encode("utf-8"))
    pb.write_bytes(b.encode("utf-8"))
    from textdiff.load import load_bytes

    c = textdiff.compare_documents(
        load_bytes(pa.read_bytes(), str(pa)), load_bytes(pb.read_bytes(), str(pb))
    )
    assert_contract(dumps(c, "t"), pa, pb, tmp)


CODER_WORDS = [*WORDS, "1", "12", "100", "000", "250th", "x1", "(2022)", "don't", "#", "***"]


@FAST
@given(st.lists(st.lists(st.tuples(st.sampled_from(CODER_WORDS), st.sampled_from(SEPS)))))
def test_word_coder_codes_as_encode_would(paras: list[list[tuple[str, str]]]) -> None:
    # Keying each whitespace-separated part once must give the very codes (the
    # same numbers in the same order) that encoding the paragraph's words does.
    coder = pipeline._WordCoder(Codebook())
    book = Codebook()
    for words in paras:
        chunk = "".join(w + s for w, s in words)
        codes = coder.codes(chunk, chunk.split())
        assert codes == book.encode(word_keys(chunk))
