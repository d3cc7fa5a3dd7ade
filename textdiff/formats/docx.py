"""docx: a Word file -> canonical text of one view, with tracked changes kept as regions.

Our own reader over the ZIP's XML parts (``zipfile`` and ``xml.etree``; no
extra needed), because python-docx drops inserted text and so matches no view
Word shows (``../shared/research/ingestion.md`` §4):

    _parts(zip)          the parts read: headers, document, footnotes, endnotes, footers
    _parse(part)         XML refused with a DTD (no entity expansion, ever); a size guard
    _Reader              paragraphs of a part, runs walked in order:
                         w:t (text), w:delText (deleted), w:tab, w:br, w:cr,
                         w:noBreakHyphen, w:softHyphen, note references, fields'
                         results (never their codes), hyperlinks, content controls;
                         mc:AlternateContent read once (its Choice)
    read(data, path, view)  -> Document of the ``accepted`` view (changes made) or the
                         ``original`` view (as before them)

In the chosen view, tracked text of the other view is not in the text, but it
is not lost: a zero-width ``inserted``/``deleted`` region stands where it was,
with its text, author and date. The text the view shows of a change is
covered by a region of its own kind with the author and date. Headers and
footers are ``running-head`` regions; footnotes and endnotes come after the
body as ``note`` regions, numbered as Word numbers them, and their marks in
the body are ``note-mark`` regions.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import NamedTuple
from xml.etree import ElementTree as ET

from ..errors import FormatError, OptionsError
from ..model import Document, DocxLoc, Origin, Region, RegionKind, SourceInfo

READER = "textdiff.formats.docx/1"
VIEWS = ("accepted", "original")

# Zip-bomb guards: what one part, and all parts read, may expand to; and the
# largest compression ratio believed (XML compresses well, not a thousandfold).
MAX_PART_BYTES = 64 << 20
MAX_TOTAL_BYTES = 256 << 20
MAX_RATIO = 200

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CHANGES = {f"{W}ins": "inserted", f"{W}moveTo": "inserted",
            f"{W}del": "deleted", f"{W}moveFrom": "deleted"}  # fmt: skip
# Containers whose children are read as if they stood in their place.
_TRANSPARENT = frozenset(
    f"{W}{t}"
    for t in ("hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "bdo", "dir")
)
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class _Piece(NamedTuple):
    text: str
    change: str  # "", "inserted", "deleted"
    author: str
    date: str
    run: int
    note: str = ""  # a note reference: the note's number


class _Para(NamedTuple):
    part: str
    para: int  # 0-based, in its part
    pieces: list[_Piece]


def _name_order(name: str) -> tuple[int, str]:
    digits = re.findall(r"\d+", name)
    return (int(digits[-1]) if digits else 0, name)


def _open(data: bytes, path: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FormatError(f"{path}: broken ZIP, not a readable Word file ({exc})") from None
    total = 0
    for info in zf.infolist():
        if not info.filename.startswith("word/") or not info.filename.endswith(".xml"):
            continue
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES or ratio > MAX_RATIO:
            raise FormatError(f"{path}: {info.filename} expands too far; not read (a ZIP bomb?)")
    return zf


def _parse(zf: zipfile.ZipFile, name: str, path: str) -> ET.Element:
    try:
        raw = zf.read(name)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise FormatError(f"{path}: broken ZIP member {name} ({exc})") from None
    if _DTD.search(raw[:4096]) or _DTD.search(raw):
        # OOXML never has a DTD: one here is hostile (entity expansion, external entities).
        raise FormatError(f"{path}: {name} declares a DTD; refused (untrusted XML)")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        raise FormatError(f"{path}: {name} is not well-formed XML ({exc})") from None


class _Reader:
    """Paragraphs of one part as pieces of text, tracked changes attributed."""

    def __init__(self, part: str, notes: dict[str, str]) -> None:
        self.part = part
        self.notes = notes  # note id -> its number, assigned in order of reference

    def paragraphs(self, root: ET.Element) -> Iterator[_Para]:
        for k, p in enumerate(self._paras(root)):
            pieces: list[_Piece] = []
            self._walk(p, ("", "", ""), pieces, [0])
            yield _Para(self.part, k, pieces)

    def _paras(self, el: ET.Element) -> Iterator[ET.Element]:
        for child in el:
            if child.tag == f"{W}p":
                yield child
            elif child.tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    yield from self._paras(choice)
            else:
                yield from self._paras(child)

    def _walk(
        self, el: ET.Element, change: tuple[str, str, str], out: list[_Piece], run: list[int]
    ) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, change, out, run[0])
                run[0] += 1
            elif tag in _CHANGES:
                kind = _CHANGES[tag]
                author = child.get(f"{W}author", "")
                date = child.get(f"{W}date", "")
                if change[0] == "inserted" and kind == "deleted":
                    kind = "both"  # inserted, then deleted again: in neither view
                self._walk(child, (kind, author, date), out, run)
            elif tag in _TRANSPARENT:
                self._walk(child, change, out, run)
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    self._walk(choice, change, out, run)

    def _run(self, r: ET.Element, change: tuple[str, str, str], out: list[_Piece], n: int) -> None:
        kind, author, date = change
        for child in r:
            tag = child.tag
            text = ""
            note = ""
            if tag in (f"{W}t", f"{W}delText"):
                text = child.text or ""
            elif tag == f"{W}tab":
                text = "\t"
            elif tag in (f"{W}br", f"{W}cr"):
                text = "\n"
            elif tag == f"{W}noBreakHyphen":
                text = "\u2011"
            elif tag == f"{W}softHyphen":
                text = "\u00ad"
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                key = ("f" if "foot" in tag else "e") + (child.get(f"{W}id") or "")
                note = self.notes.setdefault(key, str(len(self.notes) + 1))
                text = note
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    self._run(choice, change, out, n)
                continue
            if text:
                out.append(_Piece(text, kind, author, date, n, note))


def _view_of(view: str, path: str) -> str:
    if view not in VIEWS:
        raise OptionsError(f"unknown DOCX view {view!r} (choose from {', '.join(VIEWS)})")
    return view


def read(data: bytes, path: str, view: str = "accepted") -> Document:
    """The Word file's canonical text in ``view`` (see the module docstring)."""
    from ..load import sha256_hex

    view = _view_of(view, path)
    shown, hidden = ("inserted", "deleted") if view == "accepted" else ("deleted", "inserted")
    with _open(data, path) as zf:
        names = set(zf.namelist())
        if "word/document.xml" not in names:
            raise FormatError(f"{path}: a ZIP without word/document.xml, not a Word file")
        notes: dict[str, str] = {}
        body = list(
            _Reader("word/document.xml", notes).paragraphs(_parse(zf, "word/document.xml", path))
        )
        heads = [n for n in names if re.fullmatch(r"word/header\d*\.xml", n)]
        feet = [n for n in names if re.fullmatch(r"word/footer\d*\.xml", n)]
        sections: list[tuple[list[_Para], RegionKind | None]] = []
        for name in sorted(heads, key=_name_order):
            sections.append(
                (
                    list(_Reader(name, {}).paragraphs(_parse(zf, name, path))),
                    RegionKind.RUNNING_HEAD,
                )
            )
        sections.append((body, None))
        for name, prefix in (("word/footnotes.xml", "f"), ("word/endnotes.xml", "e")):
            if name in names:
                sections.append((_notes(zf, name, path, prefix, notes), RegionKind.NOTE))
        for name in sorted(feet, key=_name_order):
            sections.append(
                (
                    list(_Reader(name, {}).paragraphs(_parse(zf, name, path))),
                    RegionKind.RUNNING_HEAD,
                )
            )
    text, origins, regions = _emit(sections, shown, hidden)
    if not text.strip():
        raise FormatError(f"{path}: Word file with no text")
    return Document(
        path=path,
        text=text,
        encoding="utf-8",
        confidence=1.0,
        method="docx",
        sha256=sha256_hex(data),
        size=len(data),
        format="docx",
        origins=tuple(origins),
        regions=tuple(regions),
        source=SourceInfo("docx", READER, "", view=view),
    )


def _notes(
    zf: zipfile.ZipFile, name: str, path: str, prefix: str, numbers: dict[str, str]
) -> list[_Para]:
    """Footnotes (or endnotes) that the body refers to, in the order of their numbers."""
    root = _parse(zf, name, path)
    found: list[tuple[int, _Para]] = []
    reader = _Reader(name, {})
    for k, note in enumerate(root):
        number = numbers.get(prefix + (note.get(f"{W}id") or ""))
        if number is None or note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        pieces: list[_Piece] = [_Piece(number, "", "", "", 0, number)]
        for p in reader._paras(note):
            if len(pieces) > 1:
                pieces.append(_Piece(" ", "", "", "", 0))
            reader._walk(p, ("", "", ""), pieces, [0])
        # The note's own reference mark inside it repeats the number: drop that one.
        pieces = [pieces[0]] + [pc for pc in pieces[1:] if not pc.note]
        found.append((int(number), _Para(name, k, pieces)))
    return [p for _, p in sorted(found, key=lambda t: t[0])]


def _emit(
    sections: list[tuple[list[_Para], RegionKind | None]], shown: str, hidden: str
) -> tuple[str, list[Origin], list[Region]]:
    parts: list[str] = []
    origins: list[Origin] = []
    regions: list[Region] = []
    pos = 0
    for paras, kind in sections:
        for para in paras:
            visible = [pc for pc in para.pieces if pc.change in ("", shown)]
            if not "".join(pc.text for pc in visible).strip() and not any(
                pc.change == hidden for pc in para.pieces
            ):
                continue
            if parts:
                parts.append("\n\n")
                pos += 2
            start = pos
            for pc in para.pieces:
                attrs = (("author", pc.author), ("date", pc.date))
                if pc.change == hidden:
                    regions.append(
                        Region(pos, pos, RegionKind(hidden), (*attrs, ("text", pc.text)))
                    )
                    continue
                if pc.change not in ("", shown):
                    continue  # inserted and deleted again: in neither view
                s = pos
                if para.pieces and pc is para.pieces[0] and kind is RegionKind.NOTE:
                    text = pc.text + " "
                else:
                    text = pc.text
                parts.append(text)
                pos += len(text)
                origins.append(Origin(s, pos, DocxLoc(para.part, para.para, pc.run)))
                if pc.change == shown:
                    regions.append(Region(s, pos, RegionKind(shown), attrs))
                if pc.note and kind is None:
                    regions.append(Region(s, pos, RegionKind.NOTE_MARK))
            if kind is not None and pos > start:
                regions.append(Region(start, pos, kind))
    if parts:
        parts.append("\n")
    regions.sort(key=lambda r: (r.start, r.end))
    return "".join(parts), _merged(origins), regions


def _merged(origins: list[Origin]) -> list[Origin]:
    """Adjacent origins of the same run as one."""
    out: list[Origin] = []
    for o in origins:
        if out and out[-1].loc == o.loc and out[-1].end == o.start:
            out[-1] = out[-1]._replace(end=o.end)
        elif o.end > o.start:
            out.append(o)
    return out
