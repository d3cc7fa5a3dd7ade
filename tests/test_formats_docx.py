"""formats.docx: a Word file with tracked changes, footnotes and a header.

Built here with zipfile (tests/formats_build.py) from the seed address: 7
insertions and 7 deletions by two authors. Each view must show exactly its
changes, and record the other view's with author and date.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from textdiff import load, load_bytes
from textdiff.errors import FormatError, OptionsError
from textdiff.formats import locate
from textdiff.model import Document, RegionKind

from .conftest import CLOSING, run_cli
from .formats_build import HEAD_LEFT, Block, Change, blocks_from_markdown, docx

INS = "Indeed, "
DEL = " (deleted sentence of the earlier draft.)"
CHANGES = [Change(i, "ins", INS, "Editor A", "2022-03-01T10:00:00Z") for i in range(2, 30, 4)] + [
    Change(i, "del", DEL, "Editor B", "2022-03-02T11:00:00Z") for i in range(3, 30, 4)
]
NOTES = {5: "First footnote.", 9: "Second footnote."}


@pytest.fixture(scope="module")
def tracked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Block]]:
    blocks = blocks_from_markdown(CLOSING.read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("docx") / "draft.docx"
    docx(path, blocks, CHANGES, NOTES)
    return path, blocks


def _changes(doc: Document, kind: RegionKind) -> list[tuple[str, str, str, str]]:
    """(shown text, hidden text, author, date) of each change region of a kind."""
    return [
        (
            doc.text[r.start : r.end],
            r.attr("text") or "",
            r.attr("author") or "",
            r.attr("date") or "",
        )
        for r in doc.regions
        if r.kind is kind
    ]


def test_accepted_view(tracked: tuple[Path, list[Block]]) -> None:
    path, blocks = tracked
    doc = load(str(path))
    assert doc.format == "docx" and doc.source is not None and doc.source.view == "accepted"
    assert doc.text.count(INS) == 7 and DEL not in doc.text
    assert _changes(doc, RegionKind.INSERTED) == [(INS, "", "Editor A", "2022-03-01T10:00:00Z")] * 7
    assert _changes(doc, RegionKind.DELETED) == [("", DEL, "Editor B", "2022-03-02T11:00:00Z")] * 7
    # Each insertion stands where it was made: at the start of its paragraph.
    for r in doc.regions:
        if r.kind is RegionKind.INSERTED:
            para = next(b for b in blocks if doc.text.startswith(b.text, r.end))
            assert blocks.index(para) in {c.para for c in CHANGES if c.kind == "ins"}


def test_original_view(tracked: tuple[Path, list[Block]]) -> None:
    path, _ = tracked
    doc = load(str(path), docx_view="original")
    assert doc.source is not None and doc.source.view == "original"
    assert INS not in doc.text and doc.text.count(DEL) == 7
    assert _changes(doc, RegionKind.DELETED) == [(DEL, "", "Editor B", "2022-03-02T11:00:00Z")] * 7
    assert _changes(doc, RegionKind.INSERTED) == [("", INS, "Editor A", "2022-03-01T10:00:00Z")] * 7


def test_body_notes_and_header(tracked: tuple[Path, list[Block]]) -> None:
    path, blocks = tracked
    doc = load(str(path))
    for b in blocks:
        assert b.text in doc.text
    heads = [doc.text[r.start : r.end] for r in doc.regions if r.kind is RegionKind.RUNNING_HEAD]
    notes = [doc.text[r.start : r.end] for r in doc.regions if r.kind is RegionKind.NOTE]
    marks = [doc.text[r.start : r.end] for r in doc.regions if r.kind is RegionKind.NOTE_MARK]
    assert heads == [HEAD_LEFT]
    assert [n.split()[0] for n in notes] == ["1", "2"] and "First footnote." in notes[0]
    assert marks == ["1", "2"]
    k = doc.text.index(blocks[5].text)
    assert locate(doc, k, k + 5).parts == (("word/document.xml", 5),)


def test_the_views_compare_as_the_changes(
    tracked: tuple[Path, list[Block]], tmp_path: Path
) -> None:
    """The accepted view against the plain text: only the 7 insertions differ in words."""
    path, _ = tracked
    res = run_cli("compare", str(path), str(CLOSING), "--format", "json")
    assert res.returncode == 1, res.stderr
    import json

    out = json.loads(res.stdout)
    assert out["summary"]["verdict"] == "variant"
    text = load(str(path)).text
    subst = [
        text[s["a"][0] : s["a"][1]]
        for blk in out["blocks"]
        for s in blk["segments"]
        if s.get("category") == "substantive"
    ]
    # (A note mark next to an insertion may share its segment: "1⏎⏎Indeed,".)
    found = [w for t in subst for w in t.split() if not w.isdigit()]
    assert found == ["Indeed,"] * 7
    res = run_cli("compare", str(path), str(CLOSING), "--docx-view", "original")
    assert res.returncode == 1 and b"deleted sentence" in res.stdout


def test_bad_view() -> None:
    with pytest.raises(OptionsError):
        load_bytes(_minimal(), "x.docx", docx_view="final")


def _minimal(document: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = (
        document
        or b"<w:document "
        + w
        + b"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", body)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_hostile_xml_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(FormatError, match="DTD"):
        load_bytes(_minimal(bomb), "x.docx")


def test_zip_bomb_is_refused() -> None:
    big = b"<w:p/>" * ((50 << 20) // 6)
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = b"<w:document " + w + b"><w:body>" + big + b"</w:body></w:document>"
    with pytest.raises(FormatError, match="ZIP bomb"):
        load_bytes(_minimal(doc), "x.docx")


def test_broken_zip_is_one_line(tmp_path: Path) -> None:
    data = _minimal()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    res = run_cli("compare", str(path), str(CLOSING))
    assert res.returncode == 2
    assert res.stderr.count(b"\n") == 1 and b"Traceback" not in res.stderr
    assert load_bytes(data, "ok.docx").text == "Hello\n"
