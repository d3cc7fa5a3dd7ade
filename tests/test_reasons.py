"""The result answers its own questions: which blocks lie in the region, which side hosts the
other, and why the verdict; every renderer shows what makes a comparison a variant.

Every block a reason of the verdict rests on is a numbered change in the HTML report
(``data-block`` with ``data-n``) and a ``#k`` block in the text output, and the text output
says why (``why: ...``).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings

import textdiff
from textdiff import BlockKind, ReasonKind, Verdict
from textdiff.render.html import render as render_html
from textdiff.render.text import render as render_text

from .conftest import CLOSING
from .test_pipeline import text_pairs

_ROW = re.compile(r'<div class="row [^"]*"[^>]*>')


def _numbered_blocks(page: str) -> set[int]:
    out = set()
    for tag in _ROW.findall(page):
        block, number = re.search(r'data-block="(\d+)"', tag), re.search(r'data-n="\d+"', tag)
        if block and number:
            out.add(int(block.group(1)))
    return out


def _shown(c: textdiff.Comparison) -> None:
    decisive = {k for r in c.summary.reasons for k in r.blocks}
    if c.summary.verdict is Verdict.VARIANT:
        assert decisive, c.summary.reasons
    numbered = _numbered_blocks(render_html(c, version="t"))
    assert decisive <= numbered, (decisive - numbered, c.summary.reasons)
    text = render_text(c)
    for k in decisive:
        assert f"#{k} " in text
    assert "\nwhy: " in text


def test_text_missing_beyond_the_region_is_a_change_everywhere() -> None:
    # A has three paragraphs more than B: a variant, and the report must show them.
    speech = CLOSING.read_text(encoding="utf-8")
    more = "\n\n".join(
        f"This is an added paragraph number {n} that the copy lost, with words enough."
        for n in range(3)
    )
    c = textdiff.compare_texts(speech + "\n\n" + more + "\n", speech)
    assert c.summary.verdict is Verdict.VARIANT
    (reason,) = c.summary.reasons
    assert reason.kind is ReasonKind.MISSING_TEXT
    assert all(
        c.blocks[k].kind is BlockKind.DELETED and not c.blocks[k].in_region for k in reason.blocks
    )
    _shown(c)


def test_host_and_region_are_on_the_result() -> None:
    c = textdiff.compare(CLOSING, CLOSING.parent / "embassy-bulletin.txt")
    assert c.summary.host == "b"
    assert c.summary.reasons[0].kind is ReasonKind.IGNORED_ONLY
    assert any(b.in_region for b in c.blocks) and not all(b.in_region for b in c.blocks)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_pairs())
def test_what_makes_a_variant_is_shown(pair: tuple[str, str]) -> None:
    _shown(textdiff.compare_texts(*pair))
