"""Invariants of the readers and the segmentation hook, for any input (Hypothesis).

- the HTML walker: every character of the text points at source bytes that,
  entities decoded and whitespace collapsed, are that character; origins are
  sorted and disjoint;
- the DOCX reader: for any tracked insertions and deletions, the accepted view
  is the text with the insertions, the original view with the deletions, and
  each view records every change of the other with its author and date;
- segment.apply_regions: paragraphs stay sorted, disjoint and inside the text;
  a paragraph that is all furniture is boilerplate; joins lie inside paragraphs.
"""

from __future__ import annotations

import html
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textdiff import load
from textdiff.formats.html import _origins, _Walker
from textdiff.model import Region, RegionKind, Role
from textdiff.segment import apply_regions, segment_document

from .formats_build import Block, Change, docx

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü’“”", min_size=1, max_size=8)
ENTITY = st.sampled_from(["&amp;", "&lt;", "&gt;", "&#8220;", "&#x201D;", "&eacute;", "&nbsp;"])
SPACE = st.sampled_from([" ", "  ", "\n", " \n\t "])
INLINE = st.sampled_from(["em", "a", "strong", "span"])


@st.composite
def _fragment(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(html.escape(draw(WORD), quote=False))
        elif kind == 1:
            parts.append(draw(ENTITY))
        elif kind == 2:
            parts.append(draw(SPACE))
        else:
            tag = draw(INLINE)
            parts.append(f"<{tag}>{html.escape(draw(WORD), quote=False)}</{tag}>")
    return "".join(parts)


@st.composite
def _page(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(st.sampled_from(["p", "h2", "li", "div", "blockquote"]))
        blocks.append(f"<{tag}>{draw(_fragment())}</{tag}>{draw(SPACE)}")
    return (
        "<!DOCTYPE html><html><head><title>t</title></head><body>"
        + "".join(blocks)
        + "</body></html>"
    )


@settings(max_examples=150, deadline=None)
@given(_page())
def test_html_walker_maps_every_character(page: str) -> None:
    w = _Walker(page)
    w.feed(page)
    w.close()
    end = 0
    for b in w.blocks:
        assert b.text == b.text.strip(" ") and "  " not in b.text
        origins = _origins(b, 0)
        assert origins[0].start == 0 and origins[-1].end == len(b.text)
        for o in origins:
            assert o.start == end or o.start == 0
            end = o.end
            src = page[o.loc.src_start : o.loc.src_end]
            got = b.text[o.start : o.end]
            assert " ".join(html.unescape(src).split()) == " ".join(got.split()), (src, got)
        end = 0


@st.composite
def _changes(draw: st.DrawFn) -> list[Change]:
    out = []
    for para in range(4):
        for kind in draw(st.lists(st.sampled_from(["ins", "del"]), max_size=2, unique=True)):
            text = " ".join(draw(st.lists(WORD, min_size=1, max_size=3))) + " "
            author = draw(st.sampled_from(["Ann", "Bo Kim", "R&D <ed>"]))
            out.append(Change(para, kind, text, author, f"2022-0{para + 1}-01T00:00:00Z"))
    return out


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_changes())
def test_docx_views_hold_every_change(tmp_path: Path, changes: list[Change]) -> None:
    blocks = [Block("p", f"Paragraph number {i} of the draft.") for i in range(4)]
    path = tmp_path / "d.docx"
    docx(path, blocks, changes)
    views = {v: load(str(path), docx_view=v) for v in ("accepted", "original")}
    for view, shown, hidden in (("accepted", "ins", "del"), ("original", "del", "ins")):
        doc = views[view]
        want = []
        for i, b in enumerate(blocks):
            ins = "".join(c.text for c in changes if c.para == i and c.kind == "ins")
            dels = "".join(c.text for c in changes if c.para == i and c.kind == "del")
            want.append((ins if shown == "ins" else "") + b.text + (dels if shown == "del" else ""))
        assert doc.text.split("\n\n")[1:] == [*want[:-1], want[-1] + "\n"]
        kind_shown = RegionKind.INSERTED if shown == "ins" else RegionKind.DELETED
        kind_hidden = RegionKind.DELETED if shown == "ins" else RegionKind.INSERTED
        got_shown = [
            (doc.text[r.start : r.end], r.attr("author"))
            for r in doc.regions
            if r.kind is kind_shown
        ]
        got_hidden = [
            (r.attr("text"), r.attr("author"))
            for r in doc.regions
            if r.kind is kind_hidden and r.start == r.end
        ]
        assert got_shown == [(c.text, c.author) for c in changes if c.kind == shown]
        assert sorted(got_hidden) == sorted((c.text, c.author) for c in changes if c.kind == hidden)


@st.composite
def _marked(draw: st.DrawFn) -> tuple[str, list[Region]]:
    parts: list[str] = []
    regions: list[Region] = []
    pos = 0
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(["text", "head", "folio", "hyphen", "mark"]))
        if parts:
            sep = draw(st.sampled_from(["\n\n", "\n"]))
            parts.append(sep)
            pos += len(sep)
        if kind == "head":
            s = "BULLETIN No. 3"
            regions.append(Region(pos, pos + len(s), RegionKind.RUNNING_HEAD))
        elif kind == "folio":
            s = "– 2 –"
            regions.append(Region(pos, pos + len(s), RegionKind.FOLIO))
            if draw(st.booleans()):
                regions.append(
                    Region(
                        pos - 2, pos + len(s) + 2, RegionKind.PAGE_BREAK, (("continues", "yes"),)
                    )
                )
        elif kind == "hyphen":
            s = "the eco-\nnomy of it"
            regions.append(Region(pos + 7, pos + 9, RegionKind.HYPHEN_BREAK))
        elif kind == "mark":
            s = "a noted word1 here."
            regions.append(Region(pos + 12, pos + 13, RegionKind.NOTE_MARK))
        else:
            s = " ".join(draw(st.lists(WORD, min_size=1, max_size=6)))
        parts.append(s)
        pos += len(s)
    text = "".join(parts) + "\n"
    regions = [r for r in regions if r.end <= len(text) and r.start >= 0]
    return text, sorted(regions)


@settings(max_examples=300, deadline=None)
@given(_marked())
def test_apply_regions_invariants(case: tuple[str, list[Region]]) -> None:
    text, regions = case
    seg = apply_regions(text, segment_document(text), regions)
    prev = 0
    for i, p in enumerate(seg.paragraphs):
        assert p.index == i and prev <= p.start < p.end <= len(text)
        prev = p.end
        furniture = [(r.start, r.end) for r in regions if r.kind.furniture]
        covered = all(
            ch.isspace() or any(s <= k < e for s, e in furniture)
            for k, ch in enumerate(text[p.start : p.end], p.start)
        )
        assert (p.role is Role.BOILERPLATE) or not covered
    for s, e in seg.joins:
        assert any(p.start <= s and e <= p.end for p in seg.paragraphs)
    for s, e in seg.furniture:
        assert any(p.start <= s and e <= p.end for p in seg.paragraphs)
