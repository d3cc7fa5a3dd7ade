"""formats.pdf: PDFs made here by two producers, read back in reading order.

Each test PDF is built from a known text (the seed bulletin, KCNA articles),
so what the reader returns is held against what went in: reading order
(longest common word subsequence >= 0.99), running heads and folios on every
page, notes and note marks, hyphenation undone by the segmentation hook.
Chromium's PDFs are skipped where Chromium is absent (CI installs it).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")
pytest.importorskip("reportlab")

from textdiff import load, load_bytes
from textdiff.errors import FormatError, InputError, MissingExtraError
from textdiff.formats import locate
from textdiff.model import Document, RegionKind
from textdiff.pipeline import segment_of

from .conftest import BULLETIN, CLOSING, CORPORA
from .formats_build import (
    Block,
    blocks_from_markdown,
    chromium_pdf,
    kcna_blocks,
    reading_order,
    reportlab_pdf,
    words,
)

NOTES = {3: "A first note about the conference held in Pyongyang.", 20: "Second note: KCNA."}
HAVE_KCNA = (CORPORA / "kcna-archive" / "2016.jsonl.gz").exists()


def _sources() -> dict[str, list[Block]]:
    out = {
        "bulletin": blocks_from_markdown(BULLETIN.read_text(encoding="utf-8")),
        "address": blocks_from_markdown(CLOSING.read_text(encoding="utf-8")),
    }
    if HAVE_KCNA:
        out["kcna"] = kcna_blocks(3)
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[Block]]]:
    """Every test PDF: (path, the blocks it was made from), by producer and text."""
    tmp = tmp_path_factory.mktemp("pdf")
    out: dict[str, tuple[Path, list[Block]]] = {}
    for name, blocks in _sources().items():
        notes = {
            i: f"Note {n}: {t}" for n, (i, t) in enumerate(NOTES.items(), 1) if i < len(blocks)
        }
        path = tmp / f"rl-{name}.pdf"
        reportlab_pdf(path, blocks, notes)
        out[f"rl-{name}"] = (path, blocks)
        path = tmp / f"cr-{name}.pdf"
        if chromium_pdf(path, blocks, notes):
            out[f"cr-{name}"] = (path, blocks)
    return out


def _body(doc: Document) -> str:
    """The text with every furniture region blanked: what the comparison reads."""
    chars = list(doc.text)
    for r in doc.regions:
        if r.kind.furniture:
            chars[r.start : r.end] = " " * (r.end - r.start)
    return "".join(chars)


def _truth(blocks: list[Block]) -> list[str]:
    return [w for b in blocks for w in words(b.text)]


def test_both_producers_are_there(pdfs: dict[str, tuple[Path, list[Block]]]) -> None:
    producers = {name.split("-")[0] for name in pdfs}
    if "cr" not in producers:
        pytest.skip("chromium not installed: only reportlab's PDFs were made")
    assert producers == {"rl", "cr"}


def test_reading_order(pdfs: dict[str, tuple[Path, list[Block]]]) -> None:
    for name, (path, blocks) in pdfs.items():
        doc = load(str(path))
        assert doc.format == "pdf" and doc.source is not None and doc.source.kind == "pdf"
        score = reading_order(_body(doc), _truth(blocks))
        assert score >= 0.99, (name, score)
        # Nothing of the body is lost either: every word is there once, no more.
        got = Counter(words(_body(doc)))
        want = Counter(_truth(blocks))
        assert sum((want - got).values()) <= 0.005 * sum(want.values()), name


def test_running_heads_and_folios_on_every_page(pdfs: dict[str, tuple[Path, list[Block]]]) -> None:
    for name, (path, _) in pdfs.items():
        doc = load(str(path))
        assert doc.source is not None
        pages = set(range(1, doc.source.pages + 1))
        heads = {int(r.attr("page") or 0) for r in doc.regions if r.kind is RegionKind.RUNNING_HEAD}
        folios = {r for r in doc.regions if r.kind is RegionKind.FOLIO}
        assert heads == pages, name
        assert {int(r.attr("page") or 0) for r in folios} == pages, name
        for r in folios:  # "– 3 –" on page 3
            assert doc.text[r.start : r.end].strip("– ") == r.attr("page"), name
        for r in doc.regions:
            if r.kind is RegionKind.RUNNING_HEAD:
                assert "BULLETIN No. 3" in doc.text[r.start : r.end], name


def test_notes_and_marks(pdfs: dict[str, tuple[Path, list[Block]]]) -> None:
    for name, (path, _) in pdfs.items():
        doc = load(str(path))
        notes = [doc.text[r.start : r.end] for r in doc.regions if r.kind is RegionKind.NOTE]
        marks = [doc.text[r.start : r.end] for r in doc.regions if r.kind is RegionKind.NOTE_MARK]
        assert [n.split(" ", 1)[0] for n in notes] == ["1", "2"], (name, notes)
        assert "A first note" in notes[0] and marks == ["1", "2"], (name, marks)


def test_hyphenation_undone(pdfs: dict[str, tuple[Path, list[Block]]]) -> None:
    from textdiff.pipeline import _join

    for name, (path, blocks) in pdfs.items():
        doc = load(str(path))
        breaks = [r for r in doc.regions if r.kind is RegionKind.HYPHEN_BREAK]
        assert len(breaks) > 20, name  # justified narrow columns: many breaks
        seg = segment_of(doc)
        joined = _join(_body(doc), 0, seg.joins)
        # Joined, the words are the source's words: no "de-" + "voted" left over.
        # A compound broken at its own hyphen that the document spells nowhere
        # else is joined ("do-or-⏎die": "do-ordie"): the research's 0.7 %, allowed;
        # the comparison reads either form as whitespace (normalize._same_ws).
        source = " ".join(b.text for b in blocks).lower()
        compounds = {c.replace("-", "") for c in re.findall(r"[a-z]+(?:-[a-z]+)+", source)}
        compounds |= {
            c.split("-", 1)[1].replace("-", "") for c in re.findall(r"[a-z]+(?:-[a-z]+)+", source)
        }
        truth = set(_truth(blocks)) | {"bulletin"}  # the masthead
        halves = [
            w
            for w in words(joined.replace("-", " ").replace("\u2010", " "))
            if w not in truth and w not in compounds
        ]
        assert len(halves) <= 0.002 * len(truth), (name, halves[:20])


def test_paragraph_cut_by_a_page_is_one_paragraph(
    pdfs: dict[str, tuple[Path, list[Block]]],
) -> None:
    path, blocks = pdfs["rl-bulletin"]
    doc = load(str(path))
    seg = segment_of(doc)
    carried = [
        r for r in doc.regions if r.kind is RegionKind.PAGE_BREAK and r.attr("continues") == "yes"
    ]
    assert carried
    for r in carried:
        inside = [p for p in seg.paragraphs if p.start < r.start and r.end < p.end]
        assert len(inside) == 1, doc.text[r.start - 40 : r.end + 40]
    # Every paragraph of the source longer than a column line is one paragraph of the PDF.
    body = _body(doc)
    texts = {" ".join(words(body[p.start : p.end])) for p in seg.paragraphs}
    long = [b for b in blocks if b.kind == "p" and len(b.text) > 400]
    found = sum(" ".join(words(b.text)) in texts for b in long)
    assert found >= 0.9 * len(long)


def test_origins_locate_pages_and_columns(pdfs: dict[str, tuple[Path, list[Block]]]) -> None:
    path, _ = pdfs["rl-bulletin"]
    doc = load(str(path))
    assert doc.origins == tuple(sorted(doc.origins))
    assert all(a.end <= b.start for a, b in zip(doc.origins, doc.origins[1:], strict=False))
    where = locate(doc, *_span(doc, "precious honour and heavy"))
    assert len(where.pages) == 1 and str(where).startswith(f"p. {where.pages[0]}, col. ")
    # A furniture line is where the page says.
    folio = next(r for r in doc.regions if r.kind is RegionKind.FOLIO and r.attr("page") == "4")
    assert locate(doc, folio.start, folio.end).pages == (4,)


def _span(doc: Document, phrase: str) -> tuple[int, int]:
    flat = " ".join(doc.text.split())
    assert phrase in flat
    # Map the flattened offset back (whitespace runs are one space in ``flat``).
    first = phrase.split()[0]
    k = doc.text.find(first)
    while k >= 0 and not " ".join(doc.text[k : k + 3 * len(phrase)].split()).startswith(phrase):
        k = doc.text.find(first, k + 1)
    return k, k + len(phrase)


# ------------------------------------------------------------------ bad input


def test_broken_pdf_is_one_line() -> None:
    with pytest.raises(FormatError) as err:
        load_bytes(b"%PDF-1.7\n1 0 obj garbage", "broken.pdf")
    assert "broken PDF" in str(err.value) and "\n" not in str(err.value)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "Nobody reads this without the password.")
    c.save()
    with pytest.raises(FormatError, match="encrypted PDF"):
        load(str(path))


def test_no_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 72, 300, 500, fill=1)  # what a scan without OCR gives: no glyphs
    c.showPage()
    c.save()
    with pytest.raises(FormatError, match="no text layer"):
        load(str(path))


def test_huge_page(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "poster.pdf"
    c = canvas.Canvas(str(path), pagesize=(20000, 20000))
    c.drawString(72, 72, "A page larger than PDF allows.")
    c.save()
    with pytest.raises(InputError, match="larger than"):
        load(str(path))


def test_pdf_by_content_not_name(pdfs: dict[str, tuple[Path, list[Block]]], tmp_path: Path) -> None:
    path, _ = pdfs["rl-bulletin"]
    renamed = tmp_path / "bulletin.txt"
    renamed.write_bytes(path.read_bytes())
    assert load(str(renamed)).format == "pdf"


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # what an absent package looks like
    with pytest.raises(MissingExtraError) as err:
        load_bytes(b"%PDF-1.7\n", "x.pdf")
    assert str(err.value) == "reading PDF needs the 'pdf' extra: pip install 'textdiff[pdf]'"
