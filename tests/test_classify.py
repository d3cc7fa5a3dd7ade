"""classify: categories in blocks, kinds refined, region, coverage, verdict rules."""

from __future__ import annotations

import textdiff
from textdiff import BlockKind, Category, Options, Verdict

SPEECH = [
    "Comrades,",
    "The conference has reviewed the work of the primary committees in great detail.",
    "Secretaries should serve the people with the heart of a mother and a servant.",
    "The tasks ahead of us are gigantic and the obstacles are formidable indeed.",
    "I declare the conference closed.",
]
OTHER = [
    "Harvest news from the western provinces was reported at length by farmers.",
    "A new bridge over the river was opened to traffic on Tuesday morning.",
]


def text(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def test_identical_and_equivalent() -> None:
    assert textdiff.compare_texts(text(SPEECH), text(SPEECH)).summary.verdict is Verdict.IDENTICAL
    b = [p.replace("Secretaries", "SECRETARIES").replace("ahead", "ahead,") for p in SPEECH]
    c = textdiff.compare_texts(text(SPEECH), text(b))
    assert c.summary.verdict is Verdict.EQUIVALENT
    assert c.summary.edits == {Category.CASE: 1, Category.PUNCTUATION: 1}


def test_whitespace_only_block_is_equal() -> None:
    b = [p.replace(" the ", "  the ") for p in SPEECH]
    c = textdiff.compare_texts(text(SPEECH), text(b))
    assert all(blk.kind is BlockKind.EQUAL for blk in c.blocks)
    assert c.summary.verdict is Verdict.EQUIVALENT


def test_strict_profile_and_ignore() -> None:
    b = [p.replace("Secretaries", "SECRETARIES") for p in SPEECH]
    strict = Options.make("strict")
    assert textdiff.compare_texts(text(SPEECH), text(b), strict).summary.verdict is Verdict.VARIANT
    relaxed = Options.make("strict", ["case"])
    assert (
        textdiff.compare_texts(text(SPEECH), text(b), relaxed).summary.verdict is Verdict.EQUIVALENT
    )


def test_substantive_edit_is_variant() -> None:
    b = [p.replace("mother", "father") for p in SPEECH]
    c = textdiff.compare_texts(text(SPEECH), text(b))
    assert c.summary.verdict is Verdict.VARIANT
    assert c.summary.region_edits == {Category.SUBSTANTIVE: 1}


def test_host_may_hold_other_articles_but_guest_may_not_drop_text() -> None:
    bulletin = ["# Harvest News", *OTHER, "# The Closing Speech", *SPEECH]
    bulletin += ["# More News", *OTHER[::-1]]
    c = textdiff.compare_texts(text(SPEECH), text(bulletin))
    assert c.summary.verdict is Verdict.EQUIVALENT
    assert c.coverage[0] == 1.0 and c.coverage[1] < 0.7
    assert c.region is not None
    rb = c.region[1]
    assert text(bulletin)[rb.start : rb.end].startswith("Comrades,")
    # The copy in the bulletin lost a paragraph: that is a variant, even at the edge.
    short = ["# Harvest News", *OTHER, "# The Closing Speech", *SPEECH[:-1]]
    short += ["# More News", *OTHER[::-1]]
    assert textdiff.compare_texts(text(SPEECH), text(short)).summary.verdict is Verdict.VARIANT
    # ...and a paragraph inserted inside the region is a variant too.
    padded = ["# Harvest News", *OTHER, "# The Closing Speech", *SPEECH[:2]]
    padded += ["An inserted sentence that was never in the speech at all.", *SPEECH[2:]]
    padded += ["# More News", *OTHER]
    assert textdiff.compare_texts(text(SPEECH), text(padded)).summary.verdict is Verdict.VARIANT


def test_unrelated_and_empty() -> None:
    c = textdiff.compare_texts(text(SPEECH), text(OTHER))
    assert c.summary.verdict is Verdict.UNRELATED and c.region is None
    c = textdiff.compare_texts("", text(SPEECH))
    assert c.summary.verdict is Verdict.UNRELATED and c.coverage == (0.0, 0.0)
    assert textdiff.compare_texts("", "").summary.verdict is Verdict.IDENTICAL


def test_boilerplate_edits_are_boilerplate() -> None:
    b = [*SPEECH, "Back to top button"]
    c = textdiff.compare_texts(text(SPEECH), text(b))
    assert c.summary.edits == {Category.BOILERPLATE: 1}
    assert c.summary.verdict is Verdict.EQUIVALENT


def test_similarity_reflects_edits() -> None:
    b = [p.replace("the", "a") for p in SPEECH]
    c = textdiff.compare_texts(text(SPEECH), text(b))
    assert 0.6 < c.similarity < 1.0


def test_furniture_inside_a_rejoined_paragraph_is_boilerplate() -> None:
    b = list(SPEECH)
    b[1] = SPEECH[1].replace(" of the primary", " of the\n\n- 2 -\n\nprimary")
    b[3] = SPEECH[3].replace(" are gigantic", " are\n\n- 3 -\n\ngigantic")
    c = textdiff.compare_texts(text(SPEECH), text(b))
    assert c.summary.edits == {Category.BOILERPLATE: 2}
    assert c.summary.verdict is Verdict.EQUIVALENT


def test_edits_are_classified_in_their_word() -> None:
    c = textdiff.compare_texts("It was -5 degrees today.\n", "It was 5 degrees today.\n")
    assert c.summary.edits == {Category.SUBSTANTIVE: 1}


def test_a_copy_that_loses_its_last_paragraph_is_a_variant() -> None:
    paras = [
        "First paragraph of the article is here.",
        "Second paragraph continues the story.",
        "However, the bank warned that it would raise interest rates sharply next year.",
    ]
    full, short = text(paras), text(paras[:2])
    assert textdiff.compare_texts(full, short).summary.verdict is Verdict.VARIANT
    assert textdiff.compare_texts(short, full).summary.verdict is Verdict.VARIANT


def test_lists_and_refrains_are_text() -> None:
    from textdiff.segment import segment

    src = "We shall overcome\n\nsome day.\n\nWe shall overcome\n\n"
    src += "We shall overcome\n\n- Kim Yong Nam\n"
    roles = {src[p.start : p.end]: p.role.value for p in segment(src)}
    assert roles["We shall overcome"] == "text"
    assert roles["- Kim Yong Nam"] == "text"
    legal = "(c) the tenant shall not sublet the premises."
    assert segment(legal)[0].role.value == "text"


def test_headline_only_documents_compare() -> None:
    one = "Kim Jong Un Visits Factory\n"
    assert textdiff.compare_texts(one, one + "\n").summary.verdict is Verdict.EQUIVALENT
    farm = "Kim Jong Un Visits Farm\n"
    assert textdiff.compare_texts(one, farm).summary.verdict is Verdict.VARIANT


def _sentences(seed: int, n: int) -> list[str]:
    """``n`` ten-word sentences of made-up words, none shared between two seeds."""
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo"]
    out = []
    for s in range(n):
        words = [
            "".join(syllables[(seed * 7 + s * 3 + w + k) % 8] for k in range(3)) + f"{seed}x{s}x{w}"
            for w in range(10)
        ]
        out.append(" ".join(words).capitalize() + ".")
    return out


def test_reuse_across_paragraph_lines_is_covered_whatever_the_paragraphing() -> None:
    # B: four paragraphs of five sentences. A: three paragraphs, each one sentence of B
    # (in B's order) among three of its own; no paragraph of A shares enough with one
    # of B to pair with it, yet a quarter of A's text is B's.
    source = _sentences(1, 20)
    own = _sentences(2, 9)
    b = text([" ".join(source[k : k + 5]) for k in range(0, 20, 5)])
    reused = [source[2], source[9], source[16]]
    paras = [[own[3 * k], reused[k], own[3 * k + 1], own[3 * k + 2]] for k in range(3)]
    share = sum(len("".join(s.split())) for s in reused) / sum(
        len("".join(s.split())) for p in paras for s in p
    )
    ways = {
        "three paragraphs": text([" ".join(p) for p in paras]),
        "one line": " ".join(" ".join(p) for p in paras) + "\n",
        "a sentence a paragraph": text([s for p in paras for s in p]),
    }
    for way, a in ways.items():
        for c, k in ((textdiff.compare_texts(a, b), 0), (textdiff.compare_texts(b, a), 1)):
            assert abs(c.coverage[k] - share) < 0.02, (way, c.coverage, share)
    # Text of its own only: nothing found.
    alone = text([" ".join(own[k : k + 3]) for k in range(0, 9, 3)])
    assert textdiff.compare_texts(alone, b).coverage == (0.0, 0.0)
