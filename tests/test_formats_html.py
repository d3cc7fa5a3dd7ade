"""formats.html: a speech inside two site templates, read back with source offsets.

The page is built here from the seed address in a semantic HTML5 template and
in a WordPress-like div soup (share bars, related posts, comment form,
"Back to top button"); what the reader keeps must be the title and the 33
paragraphs exactly, everything else kept in the text as boilerplate, and
every character must point back at the bytes of the page it came from.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest.importorskip("trafilatura")

from textdiff import load_bytes
from textdiff.model import Document, HtmlLoc, RegionKind
from textdiff.pipeline import segment_of

from .conftest import CLOSING
from .formats_build import Block, blocks_from_markdown, web_page

TEMPLATES = ("semantic", "wordpress")


def _address() -> tuple[str, list[Block]]:
    blocks = blocks_from_markdown(CLOSING.read_text(encoding="utf-8"))
    return blocks[0].text, blocks[1:]


def _page(template: str, minify: bool = False) -> str:
    title, body = _address()
    page = web_page(title, body, template)
    return re.sub(r">\s+<", "><", page) if minify else page


def _kept(doc: Document) -> list[str]:
    """The text of every block that is not boilerplate, in order."""
    drop = {(r.start, r.end) for r in doc.regions if r.kind is RegionKind.BOILERPLATE}
    out = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", doc.text):
        if (m.start(), m.end()) not in drop:
            out.append(m.group())
    return out


@pytest.mark.parametrize("minify", [False, True])
@pytest.mark.parametrize("template", TEMPLATES)
def test_keeps_the_article_exactly(template: str, minify: bool) -> None:
    title, body = _address()
    page = _page(template, minify)
    doc = load_bytes(page.encode("utf-8"), f"{template}.html")
    assert doc.format == "html" and doc.source is not None and doc.encoding == "utf-8"
    assert _kept(doc) == [title] + [b.text for b in body]


@pytest.mark.parametrize("template", TEMPLATES)
def test_boilerplate_stays_in_the_text_marked(template: str) -> None:
    doc = load_bytes(_page(template).encode("utf-8"), "p.html")
    dropped = [doc.text[r.start : r.end] for r in doc.regions if r.kind is RegionKind.BOILERPLATE]
    assert "Back to top button" in dropped
    assert any("Facebook" in d for d in dropped)
    assert any(d.startswith("©") for d in dropped)
    assert any("Related" in d for d in dropped)
    # In the comparison these are boilerplate paragraphs, never text.
    seg = segment_of(doc)
    for p in seg.paragraphs:
        if any(r.start <= p.start and p.end <= r.end for r in doc.regions):
            assert p.role.value == "boilerplate"


@pytest.mark.parametrize("minify", [False, True])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_character_points_at_its_source(template: str, minify: bool) -> None:
    extra = "<p>Caf&eacute; &amp; &#8220;quotes&#8221;</p></body>"
    page = _page(template, minify).replace("</body>", extra)
    doc = load_bytes(page.encode("utf-8"), "p.html")
    checked = 0
    prev_end = 0
    for o in doc.origins:
        assert isinstance(o.loc, HtmlLoc) and o.loc.xpath.startswith("/html[1]/body[1]/")
        assert prev_end <= o.start < o.end
        prev_end = o.end
        src = page[o.loc.src_start : o.loc.src_end]
        got = doc.text[o.start : o.end]
        # The source, entities decoded and whitespace collapsed, is the text.
        assert " ".join(html.unescape(src).split()) == " ".join(got.split()), (src, got)
        checked += len(got)
    assert checked > 8000
    assert "Café & “quotes”" in doc.text


def test_page_by_content_not_name() -> None:
    page = _page("semantic").encode("utf-8")
    assert load_bytes(page, "speech.txt").format == "html"
    # A fragment is text, as before: only a page is read as a page.
    assert load_bytes(b"<p>a fragment</p>\n", "f.html").format == "text"


def test_page_in_a_legacy_encoding() -> None:
    page = _page("semantic").replace('charset="utf-8"', 'charset="windows-1252"')
    doc = load_bytes(page.encode("cp1252"), "legacy.html")
    assert doc.encoding == "cp1252" and "Workers’ Party" in doc.text


def test_web_page_located_by_xpath(tmp_path: Path) -> None:
    from textdiff.formats import locate

    doc = load_bytes(_page("semantic").encode("utf-8"), "p.html")
    k = doc.text.index("Comrade secretaries of primary Party committees,")
    where = locate(doc, k, k + 10)
    assert where.xpaths == ("/html[1]/body[1]/main[1]/article[1]/p[2]",)
    assert where.source is not None


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from textdiff.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'textdiff\[html\]'"):
        load_bytes(_page("semantic").encode("utf-8"), "p.html")
