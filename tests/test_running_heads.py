"""Running heads: pages cut by a repeated head, and every paragraph comes back whole.

The bulletins are built here from real texts: wrapped at 70 columns and cut into pages of
about a fixed number of lines, each cut moved to the nearest line that ends mid-sentence or
ends a paragraph, and a head line at every page break: with and without a folio ("- 3 -"),
with the issue and a date that change from page to page, with and without blank lines around
it, and with no head at all (a page break that is only a blank line in a sentence).

A page that ends at a full stop inside a paragraph, the next one opening with a capital, is
told from a paragraph break by nothing in the text; such a cut comes back as a split whose
only edits are whitespace and the page furniture (``test_a_cut_between_sentences``).
"""

from __future__ import annotations

import re
import textwrap

import pytest

import textdiff
from textdiff import BlockKind, Category, Role, Verdict
from textdiff.segment import segment

from .conftest import CLOSING, CORPORA

HEAD = "BULLETIN    Embassy of DPR Korea"


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def bulletin(
    paras: list[str],
    head: str | None = HEAD,
    folio: bool = True,
    dated: bool = False,
    blank_around: bool = True,
    lines_per_page: int = 17,
) -> str:
    lines: list[str] = []
    for p in paras:
        lines += [*textwrap.wrap(p, 70), ""]
    pages: list[list[str]] = []
    start = 0
    while start < len(lines):
        end = min(start + lines_per_page, len(lines))
        # Cut after a line that ends mid-sentence or after a paragraph (a blank line),
        # never at a full stop inside a paragraph: that cut no reader can tell from a
        # paragraph break.
        while end < len(lines) and lines[end - 1] and lines[end - 1][-1] in '.!?"”’:':
            end += 1
        pages.append(lines[start:end])
        start = end
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if n > 1:
            if head is None:
                out.append("")
            else:
                h = f"{head}    No. 3, {n} March 2022" if dated else head
                out += ["", h, ""] if blank_around else [h]
        out += page
        if folio:
            out += ["", f"- {n} -", ""]
    return "\n".join(out) + "\n"


SHAPES = {
    "head+folio": {},
    "head": {"folio": False},
    "head-inline": {"folio": False, "blank_around": False},
    "dated+folio": {"dated": True},
    "dated-inline": {"dated": True, "folio": False, "blank_around": False},
    "no-furniture": {"head": None, "folio": False},
}


def _sources() -> list[tuple[str, list[str]]]:
    out = [("closing-address", _paragraphs(CLOSING.read_text(encoding="utf-8")))]
    kcna = CORPORA / "kcna-revisions-2024" / "groups"
    if kcna.exists():
        for g in sorted(kcna.glob("R*"))[:3]:
            out.append((g.name[:3], _paragraphs((g / "v2.txt").read_text(encoding="utf-8"))))
    return out


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(
    ("name", "paras"), _sources(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_paragraph_comes_back_whole(name: str, paras: list[str], shape: str) -> None:
    source = "\n\n".join(paras) + "\n"
    printed = bulletin(paras, **SHAPES[shape])  # type: ignore[arg-type]
    c = textdiff.compare_texts(source, printed)
    assert c.summary.verdict is Verdict.EQUIVALENT, c.summary.reasons
    assert set(c.summary.region_edits) <= {Category.WHITESPACE, Category.BOILERPLATE}
    # Each paragraph of the source is one paragraph of the bulletin, and back.
    for blk in c.blocks:
        if blk.a:
            assert blk.kind in (BlockKind.EQUAL, BlockKind.CHANGED), (blk.kind, blk.a, blk.b)
            assert len(blk.a) == len(blk.b) == 1
        else:
            roles = {c.b.paragraphs[j].role for j in blk.b}
            assert roles == {Role.BOILERPLATE}, [
                printed[c.b.paragraphs[j].start :][:60] for j in blk.b
            ]


def test_a_cut_between_sentences() -> None:
    # Every page cut at a full stop inside a paragraph: splits, whitespace and furniture only.
    paras = _paragraphs(CLOSING.read_text(encoding="utf-8"))
    lines: list[str] = []
    for p in paras:
        lines += [*textwrap.wrap(" ".join(p.split()), 70), ""]
    cuts = [
        n for n, line in enumerate(lines, 1) if line.endswith(".") and n < len(lines) and lines[n]
    ]
    out: list[str] = []
    last = 0
    for page, cut in enumerate(cuts[::3], 1):
        out += [*lines[last:cut], "", f"- {page} -", "", HEAD, ""]
        last = cut
    out += lines[last:]
    c = textdiff.compare_texts("\n\n".join(paras) + "\n", "\n".join(out) + "\n")
    assert c.summary.verdict is Verdict.EQUIVALENT, c.summary.reasons
    assert set(c.summary.edits) <= {Category.WHITESPACE, Category.BOILERPLATE}


def test_a_refrain_is_not_a_running_head() -> None:
    # A sentence repeated in a text ("Long live the Party!") is text, however often.
    refrain = "Long live the Workers' Party of Korea, the organizer of all our victories!"
    text = "\n\n".join(["The meeting began at ten.", refrain, "It ended at noon.", refrain] * 3)
    assert all(p.role is Role.TEXT for p in segment(text))


def test_frankenstein_pages() -> None:
    path = CORPORA / "frankenstein-variorum" / "full" / "1818.txt"
    if not path.exists():
        pytest.skip("../shared/corpora not present")
    paras = _paragraphs(path.read_text(encoding="utf-8"))[100:220]
    source = "\n\n".join(paras) + "\n"
    printed = bulletin(paras, head="FRANKENSTEIN; OR, THE MODERN PROMETHEUS", dated=True)
    c = textdiff.compare_texts(source, printed)
    assert c.summary.verdict is Verdict.EQUIVALENT, c.summary.reasons
    assert all(len(blk.a) <= 1 and (len(blk.b) <= 1 or not blk.a) for blk in c.blocks)
