# ruff: noqa: E501  (the page templates are HTML, kept as a browser would see them)
"""Test originals made here: PDFs (reportlab, Chromium), Word files, web pages.

Every builder takes *blocks*, the body as a reader should give it back, so a
test can hold what a reader returns against what went in:

    Block(kind, text)          kind "h1", "h2" or "p"; text plain (no markup)
    blocks_from_markdown(md)   the seed texts ("# ", "## ", "**bold**") as blocks
    kcna_blocks(n)             n English KCNA articles of 2016 as blocks
    reportlab_pdf(path, ...)   A4, two columns, running head, folio, footnotes,
                               pyphen hyphenation, a full-width masthead on page 1
    chromium_pdf(path, ...)    the same through Chromium's print-to-PDF (CSS columns,
                               @page margin boxes, soft hyphens); False without Chromium
    docx(path, ...)            a Word file written with zipfile: tracked insertions
                               and deletions with author and date, footnotes, a header
    web_page(title, blocks, template)   "semantic" (HTML5) or "wordpress" (div soup
                               with share bars, related posts, "Back to top button")
    words(text)                the reading-order metric's tokens
    reading_order(got, want)   longest common word subsequence / len(want)
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .conftest import CORPORA

CHROMIUM = shutil.which("chromium")
HEAD_LEFT = "DPRK EMBASSY IN ABUJA · BULLETIN No. 3"
HEAD_RIGHT = "28 February 2022"


class Block(NamedTuple):
    kind: str  # h1, h2, p
    text: str
    bold: tuple[str, ...] = ()  # phrases set in bold


def blocks_from_markdown(md: str) -> list[Block]:
    out = []
    for raw in re.split(r"\n\s*\n", md):
        line = " ".join(raw.split())
        if not line or set(line) <= set("-*_"):
            continue
        kind = "p"
        m = re.match(r"(#{1,6})\s+", line)
        if m:
            kind = "h1" if len(m.group(1)) == 1 else "h2"
            line = line[m.end() :]
        bold = tuple(re.findall(r"\*\*(.+?)\*\*", line))
        out.append(Block(kind, line.replace("**", ""), bold))
    return out


def kcna_blocks(n: int, skip: int = 0) -> list[Block]:
    path = CORPORA / "kcna-archive" / "2016.jsonl.gz"
    out: list[Block] = []
    seen = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            paras = [" ".join(p.split()) for p in art["text"].replace("\r", "").split("\n")]
            paras = [p for p in paras if p]
            if len(paras) < 6 or sum(map(len, paras)) < 3000:
                continue
            seen += 1
            if seen <= skip:
                continue
            out.append(Block("h2", paras[0]))
            out.extend(Block("p", p) for p in paras[1:])
            if seen - skip >= n:
                break
    return out


_WORD = re.compile(r"[A-Za-z]+")


def words(text: str) -> list[str]:
    """Lower-cased letter runs, after a line-end hyphen is joined (the metric's clean-up)."""
    text = re.sub(r"[-\u2010\ufffe]\s*\n\s*(?=[a-z])", "", text.replace("\u00ad", ""))
    return [w.lower() for w in _WORD.findall(text)]


def reading_order(got: str, want: Sequence[str] | str) -> float:
    from rapidfuzz.distance import LCSseq

    want_words = words(want) if isinstance(want, str) else list(want)
    got_words = words(got)
    return LCSseq.similarity(got_words, want_words) / len(want_words)


# ------------------------------------------------------------------ reportlab


def _markup(b: Block, hyphen: str = "") -> str:
    s = html.escape(b.text, quote=False)
    for phrase in b.bold:
        p = html.escape(phrase, quote=False)
        s = s.replace(p, f"<b>{p}</b>", 1)
    return s


def reportlab_pdf(
    path: Path,
    blocks: Sequence[Block],
    notes: dict[int, str] | None = None,
    masthead: str = "BULLETIN",
) -> None:
    """Two justified, hyphenated columns; ``notes`` maps a block index to a footnote."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        BaseDocTemplate,
        Flowable,
        Frame,
        FrameBreak,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
    )

    notes = notes or {}
    width, height = A4
    margin, gutter, head_h, notes_h = 50.0, 18.0, 40.0, 70.0
    col_w = (width - 2 * margin - gutter) / 2
    body = ParagraphStyle(
        "body",
        fontName="Times-Roman",
        fontSize=9.5,
        leading=11.5,
        alignment=TA_JUSTIFY,
        firstLineIndent=10,
        spaceAfter=3,
        hyphenationLang="en_GB",
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
    )
    h2 = ParagraphStyle(
        "h2", fontName="Times-Bold", fontSize=11, leading=13, spaceBefore=8, spaceAfter=5
    )
    mast = ParagraphStyle(
        "mast", fontName="Times-Bold", fontSize=26, leading=30, alignment=TA_CENTER
    )
    note_style = ParagraphStyle("note", fontName="Times-Roman", fontSize=7.5, leading=9)
    page_notes: dict[int, list[tuple[int, str]]] = {}

    class NoteAnchor(Flowable):  # type: ignore[misc]
        """Zero-size: records that note ``n`` falls on the page it is drawn on."""

        def __init__(self, n: int, text: str) -> None:
            super().__init__()
            self.n, self.text = n, text

        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            page = self.canv.getPageNumber()
            page_notes.setdefault(page, []).append((self.n, self.text))

    def furniture(canv: object, doc: object) -> None:
        c = canv  # reportlab canvas
        page = c.getPageNumber()  # type: ignore[attr-defined]
        c.saveState()  # type: ignore[attr-defined]
        c.setFont("Times-Roman", 8)  # type: ignore[attr-defined]
        top = height - margin + 8
        c.drawString(margin, top, HEAD_LEFT)  # type: ignore[attr-defined]
        c.drawRightString(width - margin, top, HEAD_RIGHT)  # type: ignore[attr-defined]
        c.line(margin, top - 4, width - margin, top - 4)  # type: ignore[attr-defined]
        c.setFont("Times-Roman", 9)  # type: ignore[attr-defined]
        c.drawCentredString(width / 2, margin - 20, f"– {page} –")  # type: ignore[attr-defined]
        c.restoreState()  # type: ignore[attr-defined]

    def draw_notes(canv: object, doc: object) -> None:
        c = canv
        page = c.getPageNumber()  # type: ignore[attr-defined]
        y = margin + notes_h - 6
        items = page_notes.get(page, [])
        if items:
            c.line(margin, y + 4, margin + 80, y + 4)  # type: ignore[attr-defined]
        for n, text in items:
            p = Paragraph(f"<super>{n}</super> {html.escape(text, quote=False)}", note_style)
            _, h = p.wrap(width - 2 * margin, notes_h)
            y -= h
            p.drawOn(c, margin, y)
            y -= 2

    bottom = margin + notes_h
    body_h = height - margin - head_h - bottom

    def columns(top_h: float) -> list[object]:
        h = body_h - top_h
        pad = {"leftPadding": 0, "rightPadding": 0}
        return [
            Frame(margin, bottom, col_w, h, id=f"l{top_h}", **pad),
            Frame(margin + col_w + gutter, bottom, col_w, h, id=f"r{top_h}", **pad),
        ]

    mast_h = 60.0
    first = [
        Frame(margin, bottom + body_h - mast_h, width - 2 * margin, mast_h, id="mast"),
        *columns(mast_h),
    ]
    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        title="Bulletin",
        author="textdiff tests",
        creator="textdiff tests (reportlab)",
        invariant=1,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", first, onPage=furniture, onPageEnd=draw_notes),
            PageTemplate("rest", columns(0), onPage=furniture, onPageEnd=draw_notes),
        ]
    )
    story: list[object] = [Paragraph(masthead, mast), FrameBreak(), NextPageTemplate("rest")]
    n = 0
    for i, b in enumerate(blocks):
        text = _markup(b)
        if i in notes:
            n += 1
            text += f"<super>{n}</super>"
        story.append(Paragraph(text, h2 if b.kind != "p" else body))
        if i in notes:
            story.append(NoteAnchor(n, notes[i]))
    doc.build(story)


# ------------------------------------------------------------------- Chromium


def chromium_pdf(path: Path, blocks: Sequence[Block], notes: dict[int, str] | None = None) -> bool:
    """Print a two-column HTML bulletin to PDF with Chromium; False when Chromium is absent."""
    if CHROMIUM is None:
        return False
    import pyphen

    dic = pyphen.Pyphen(lang="en_GB")
    notes = notes or {}

    def soft(text: str) -> str:
        return re.sub(r"[A-Za-z]{6,}", lambda m: dic.inserted(m.group(), hyphen="\u00ad"), text)

    body = []
    n = 0
    endnotes = []
    for i, b in enumerate(blocks):
        s = html.escape(soft(b.text), quote=False)
        for phrase in b.bold:
            p = html.escape(soft(phrase), quote=False)
            s = s.replace(p, f"<b>{p}</b>", 1)
        if i in notes:
            n += 1
            s += f"<sup>{n}</sup>"
            endnotes.append(f'<p class="note"><sup>{n}</sup> {html.escape(notes[i])}</p>')
        tag = "h2" if b.kind != "p" else "p"
        body.append(f"<{tag}>{s}</{tag}>")
    page = f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 60pt 50pt 60pt 50pt;
  @top-left {{ content: "{HEAD_LEFT}"; font: 8pt serif; }}
  @top-right {{ content: "{HEAD_RIGHT}"; font: 8pt serif; }}
  @bottom-center {{ content: "– " counter(page) " –"; font: 9pt serif; }} }}
body {{ font: 9.5pt/1.2 "Liberation Serif", "DejaVu Serif", serif; margin: 0; }}
h1 {{ text-align: center; font-size: 26pt; margin: 0 0 12pt; column-span: all; }}
main {{ column-count: 2; column-gap: 18pt; }}
p {{ text-align: justify; margin: 0 0 3pt; text-indent: 10pt; hyphens: manual; }}
h2 {{ font-size: 11pt; margin: 8pt 0 5pt; break-after: avoid; }}
p.note {{ font-size: 7.5pt; text-indent: 0; }}
</style></head><body><main><h1>BULLETIN</h1>{"".join(body)}{"".join(endnotes)}</main></body></html>"""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bulletin.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                f"--print-to-pdf={path}", src.as_uri(),
            ],
            capture_output=True, timeout=180, check=True,
        )  # fmt: skip
    return path.exists() and path.stat().st_size > 0


# ------------------------------------------------------------------ web pages


def _para_html(b: Block) -> str:
    s = html.escape(b.text, quote=False)
    for phrase in b.bold:
        p = html.escape(phrase, quote=False)
        s = s.replace(p, f"<strong>{p}</strong>", 1)
    return s


def web_page(title: str, blocks: Sequence[Block], template: str = "semantic") -> str:
    """The text inside a news site's page: "semantic" HTML5 or a "wordpress" div soup."""
    body = "\n".join(
        f"<h2>{_para_html(b)}</h2>" if b.kind != "p" else f"<p>{_para_html(b)}</p>" for b in blocks
    )
    t = html.escape(title)
    if template == "semantic":
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{t} | Naenara News</title>
<script>var ga = 1; document.write("tracking");</script><style>p {{ margin: 0 }}</style></head>
<body>
<div class="cookie-bar">We use cookies to improve your experience. <a href="#">Accept</a></div>
<header><a class="logo" href="/">Naenara News</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/world">World</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<main><nav class="breadcrumb"><a href="/">Home</a> › <a href="/politics">Politics</a> › Speeches</nav>
<article><h1>{t}</h1>
<p class="byline">By Staff Writer · Posted on 1 March 2022 &middot; 6 min read</p>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
<figure><img src="x.jpg" alt=""><figcaption>Delegates at the conference hall in Pyongyang.</figcaption></figure>
{body}
<div class="ad">Advertisement</div>
<footer class="tags">Tags: <a href="#">Party</a> <a href="#">Conference</a></footer>
</article>
<aside><h3>Related articles</h3><ul><li><a href="#">Party conference opens in Pyongyang with great fanfare</a></li>
<li><a href="#">Secretaries of primary committees meet for the first time in five years</a></li></ul>
<h3>Most read</h3><ol><li><a href="#">Harvest season begins across the country's farms</a></li></ol></aside>
</main>
<footer><p>&copy; 2022 Naenara News. All rights reserved.</p><a class="back-to-top" href="#">Back to top button</a></footer>
</body></html>
"""
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>{t} &#8211; KCNA Watch</title>
<link rel="stylesheet" href="/wp-content/themes/jnews/style.css"></head>
<body class="post-template-default single single-post"><div class="jeg_viewport"><div class="jeg_header_wrapper">
<div class="jeg_nav_row"><div class="jeg_nav_item"><a href="/">Home</a></div><div class="jeg_nav_item"><a href="/news">News</a></div>
<div class="jeg_nav_item"><a href="/contact">Contact</a></div></div></div>
<div class="jeg_main"><div class="jeg_container"><div class="entry-header"><h1 class="jeg_post_title">{t}</h1>
<div class="jeg_meta_container"><div class="jeg_post_meta">by <a href="#">admin</a> March 1, 2022 in <a href="#">Speeches</a></div></div></div>
<div class="jeg_share_top_container"><div class="jeg_share_button"><a class="jeg_btn-facebook" href="#"><span>Share on Facebook</span></a>
<a class="jeg_btn-twitter" href="#"><span>Share on Twitter</span></a><a class="jeg_btn-whatsapp" href="#">WhatsApp</a></div></div>
<div class="entry-content no-share"><div class="content-inner">
{body}
</div></div>
<div class="jeg_prevnext_post"><a href="#" class="post prev-post"><span class="caption">Previous Post</span><h3 class="post-title">Harvest season begins across the country</h3></a>
<a href="#" class="post next-post"><span class="caption">Next Post</span><h3 class="post-title">New housing district completed in the capital</h3></a></div>
<div class="jnews_related_post_container"><div class="jeg_postblock"><div class="jeg_block_heading"><h3>Related Posts</h3></div>
<div class="jeg_posts"><article><h3><a href="#">Party conference opens with great fanfare in the capital city</a></h3></article>
<article><h3><a href="#">Secretaries meet for the first time in five years to review work</a></h3></article></div></div></div>
<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply <small><a href="#">Cancel reply</a></small></h3>
<form class="comment-form"><p class="comment-notes">Your email address will not be published.</p><p><label>Comment</label><textarea></textarea></p></form></div>
</div></div>
<div class="jeg_footer"><div class="jeg_footer_copyright"><p>&copy; 2022 KCNA Watch &ndash; All rights reserved.</p></div></div>
<div class="cookie-notice">This website uses cookies. <a href="#">Ok</a></div>
<a href="#" class="jscroll-to-top">Back to top button</a></div></body></html>
"""


# ------------------------------------------------------------------ Word files

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Change(NamedTuple):
    """A tracked change the DOCX builder puts into paragraph ``para``."""

    para: int
    kind: str  # "ins" (at the start of the paragraph) or "del" (at its end)
    text: str
    author: str
    date: str


def _run(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{html.escape(text, quote=False)}</{tag}></w:r>'


def docx(
    path: Path,
    blocks: Sequence[Block],
    changes: Sequence[Change] = (),
    notes: dict[int, str] | None = None,
    header: str = HEAD_LEFT,
) -> None:
    """A Word file written with zipfile: tracked changes, footnotes, a header."""
    notes = notes or {}
    body = []
    note_xml = []
    for i, b in enumerate(blocks):
        runs = []
        for n, ch in enumerate(c for c in changes if c.para == i and c.kind == "ins"):
            runs.append(
                f'<w:ins w:id="{100 + 10 * i + n}" w:author="{html.escape(ch.author)}" w:date="{ch.date}">'
                f"{_run(ch.text)}</w:ins>"
            )
        runs.append(_run(b.text))
        if i in notes:
            nid = len(note_xml) + 1
            runs.append(
                f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{nid}"/></w:r>'
            )
            note_xml.append(
                f'<w:footnote w:id="{nid}"><w:p><w:r><w:footnoteRef/></w:r>'
                f"{_run(' ' + notes[i])}</w:p></w:footnote>"
            )
        for n, ch in enumerate(c for c in changes if c.para == i and c.kind == "del"):
            runs.append(
                f'<w:del w:id="{500 + 10 * i + n}" w:author="{html.escape(ch.author)}" w:date="{ch.date}">'
                f"{_run(ch.text, deleted=True)}</w:del>"
            )
        style = '<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>' if b.kind != "p" else ""
        body.append(f"<w:p>{style}{''.join(runs)}</w:p>")
    doc = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body>{"".join(body)}'
        f'<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:cols w:num="2"/>'
        f"</w:sectPr></w:body></w:document>"
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{_W_NS}">'
        f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        f"</w:r></w:p></w:footnote>{''.join(note_xml)}</w:footnotes>"
    )
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{_W_NS}">'
        f"<w:p>{_run(header)}</w:p></w:hdr>"
    )
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.header+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/>'
        '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/header" Target="header1.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", doc)
        zf.writestr("word/_rels/document.xml.rels", doc_rels)
        zf.writestr("word/footnotes.xml", footnotes)
        zf.writestr("word/header1.xml", head)
