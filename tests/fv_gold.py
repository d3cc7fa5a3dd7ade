"""The Frankenstein Variorum's own apparatus of unit C07, located in the corpus's whole novels.

``spine_C07.xml`` lists the variant locations (``<app>``) with the witnesses
grouped by reading (``<rdgGrp>``); its pointers lead to ``<seg>`` elements of
the four chapter files, which hold each witness's reading. This module reads
both, independently of textdiff, and finds each reading in the corpus text
(``full/<edition>.txt``) by lining up the chapter file's text with the
unit's text (``units/C07/<edition>.txt``), which the corpus made from the
same source with whitespace normalized and one paragraph a line.

    GoldApp      one variant location: per witness its span in full/<edition>.txt, and
                 the groups of witnesses (the partition the Variorum gives)
    gold_apps()  every location of C07 where the four printed witnesses do not all agree
    accidental(app)  an oracle independent of textdiff: do the readings differ only in
                 case, punctuation, apostrophes or a handful of spellings?

The corpus drops the Thomas copy's deleted text (``<del>``) and keeps its
additions, so Thomas's reading is taken the same way here, and a Thomas
reading that then equals another group's joins that group (the Variorum
keeps it apart only for the markup of the deletion).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EDITIONS = {"f1818": "1818", "f1823": "1823", "fThomas": "Thomas", "f1831": "1831"}
CHAPTERS = {
    "f1818": "f1818_vol_1_chapter_i.xml",
    "f1823": "f1823_vol_1_chapter_i.xml",
    "fThomas": "fThomas_vol_1_chapter_i.xml",
    "f1831": "f1831_chapter_i.xml",
}
_SEG = re.compile(r"C07_app(\d+)-(f\w+?)(?:__[IF]?)?$")


@dataclass(frozen=True)
class GoldApp:
    id: str
    spans: dict[str, tuple[int, int]]  # edition -> span in full/<edition>.txt
    groups: tuple[frozenset[str], ...]  # editions grouped by reading
    texts: dict[str, str]  # edition -> the reading, whitespace normalized


def _stream(path: Path) -> list[tuple[str, str | None]]:
    """(character, app number or None) for the body text, <del> text left out (as the corpus)."""
    root = ET.parse(path).getroot()
    body = root.find(f"{TEI}text/{TEI}body")
    assert body is not None
    out: list[tuple[str, str | None]] = []

    def walk(el: ET.Element, app: str | None) -> None:
        tag = el.tag.replace(TEI, "")
        if tag in ("note", "comment"):
            if el.tail:
                out.extend((ch, app) for ch in el.tail)
            return
        m = _SEG.match(el.get(XML_ID, "")) if tag == "seg" else None
        mine = m.group(1) if m else app
        if tag != "del" and el.text:
            out.extend((ch, mine) for ch in el.text)
        for child in el:
            walk(child, mine)
            if child.tail and child.tag.replace(TEI, "") == "del":
                pass
        if el.tail and el is not body:
            out.extend((ch, app) for ch in el.tail)

    for child in body:
        walk(child, None)
    return out


def _readings(path: Path) -> dict[str, str]:
    """app number -> the reading's text, as the chapter file has it (with <del> dropped)."""
    got: dict[str, list[str]] = {}
    for ch, app in _stream(path):
        if app is not None:
            got.setdefault(app, []).append(ch)
    return {k: " ".join("".join(v).split()) for k, v in got.items()}


def _locate(stream: list[tuple[str, str | None]], unit: str) -> dict[str, tuple[int, int]]:
    """app number -> span in ``unit``, lining up the non-space characters of both."""
    chars = [(ch, app) for ch, app in stream if not ch.isspace()]
    ours = [k for k, ch in enumerate(unit) if not ch.isspace()]
    i = j = 0
    spans: dict[str, list[int]] = {}
    last: dict[str, int] = {}
    while i < len(chars) and j < len(ours):
        ch, app = chars[i]
        if ch == unit[ours[j]]:
            if app is not None:
                spans.setdefault(app, []).append(ours[j])
            i += 1
            j += 1
            continue
        # The chapter file holds text the unit file lacks (a heading, a note): skip it.
        i += 1
        if app is not None:
            last[app] = ours[j]
    out = {app: (min(v), max(v) + 1) for app, v in spans.items()}
    for app, at in last.items():
        out.setdefault(app, (at, at))
    return out


@cache
def gold_apps(root: Path) -> tuple[GoldApp, ...]:
    spine = ET.parse(root / "spine-sample-C07" / "spine_C07.xml").getroot()
    chapters = root / "spine-sample-C07" / "variorum-chapters"
    readings: dict[str, dict[str, str]] = {}
    spans: dict[str, dict[str, tuple[int, int]]] = {}
    for wit, name in CHAPTERS.items():
        ed = EDITIONS[wit]
        unit = (root / "units" / "C07" / f"{ed}.txt").read_text(encoding="utf-8")
        full = (root / "full" / f"{ed}.txt").read_text(encoding="utf-8")
        lines = unit.split("\n")
        start = full.find(lines[0] + "\n\n" + lines[1])
        assert start >= 0, ed
        stream = _stream(chapters / name)
        readings[ed] = _readings(chapters / name)
        located = _locate(stream, unit)
        # units/ has one paragraph a line; full/ separates them by a blank line.
        spans[ed] = {
            app: (start + s + unit.count("\n", 0, s), start + e + unit.count("\n", 0, e))
            for app, (s, e) in located.items()
        }
    out = []
    for app in spine.iter(f"{TEI}app"):
        num = app.get(XML_ID, "").rsplit("app", 1)[1]
        groups: list[set[str]] = []
        texts: dict[str, str] = {}
        for grp in app.findall(f"{TEI}rdgGrp"):
            eds = {
                EDITIONS[w.lstrip("#")]
                for rdg in grp.findall(f"{TEI}rdg")
                for w in rdg.get("wit", "").split()
                if w.lstrip("#") in EDITIONS
            }
            if eds:
                groups.append(eds)
        for ed in EDITIONS.values():
            texts[ed] = readings[ed].get(num, "")
        # Thomas: the corpus keeps the revised reading; regroup it by that reading.
        thomas = next(g for g in groups if "Thomas" in g)
        if len(thomas) == 1:
            same = [
                g for g in groups if g is not thomas and texts[next(iter(g))] == texts["Thomas"]
            ]
            if same:
                same[0].add("Thomas")
                groups.remove(thomas)
        if len(groups) < 2:
            continue
        where = {ed: spans[ed].get(num, (-1, -1)) for ed in EDITIONS.values() if texts[ed]}
        out.append(GoldApp(f"C07_app{num}", where, tuple(frozenset(g) for g in groups), texts))
    return tuple(out)


_SPELLINGS = {"shewed": "showed", "shew": "show", "shewn": "shown"}


def accidental(app: GoldApp) -> bool:
    """Independent of textdiff: the readings agree once case, punctuation and apostrophes are
    set aside and a few older spellings are modernized (among the witnesses that have it)."""

    def norm(s: str) -> str:
        words = re.sub(r"[^\w\s]", "", s.replace("’", "'").replace("'", "")).lower().split()
        return " ".join(_SPELLINGS.get(w, w) for w in words)

    texts = [app.texts[ed] for ed in EDITIONS.values() if app.texts[ed]]
    return len(texts) > 1 and len({norm(t) for t in texts}) == 1


_QUOTES = str.maketrans(dict.fromkeys('\u201c\u201d"', "%q%"))


def fv_form(text: str) -> str:
    """A reading as the Variorum groups it: every double quotation mark written %q%."""
    return text.translate(_QUOTES)


def _overlaps(sp: tuple[int, int], gold: tuple[int, int]) -> bool:
    (x0, x1), (s, e) = sp, gold
    if x0 < e and s < x1:
        return True
    return (x0 == x1 or s == e) and x0 <= e and s <= x1


def our_groups(coll: object, app: GoldApp) -> tuple[frozenset[str], ...]:
    """How a collation of the four whole novels groups the witnesses at ``app``.

    The location is every row whose cell holds some witness's reading. In each
    such row a witness reads nothing if it lacks the row, else at each site
    overlapping the location the reading it has there (as the Variorum would
    group it: see ``fv_form``). Witnesses group by what they read across the rows.
    """
    from textdiff.collate import Collation

    assert isinstance(coll, Collation)
    col = {Path(w.document.path).stem: k for k, w in enumerate(coll.witnesses)}
    located: list[int] = []
    for r, row in enumerate(coll.rows):
        for ed, span in app.spans.items():
            cell = row.cells[col[ed]]
            # A reading that is empty at the very end of a cell belongs to what follows.
            at_end = span[0] == span[1] == (cell.span.end if cell is not None else -1)
            if cell is not None and _overlaps(cell.span, span) and not at_end:
                located.append(r)
                break
    keys: dict[str, list[object]] = {ed: [] for ed in EDITIONS.values()}
    for r in located:
        row = coll.rows[r]
        overlapping = []
        for k in row.sites:
            site = coll.sites[k]
            if any(
                Path(coll.witnesses[w].document.path).stem in app.spans
                and _overlaps(sp, app.spans[Path(coll.witnesses[w].document.path).stem])
                for rd in site.readings
                for w, sp in zip(rd.witnesses, rd.spans, strict=True)
            ):
                overlapping.append(site)
        for ed in EDITIONS.values():
            w = col[ed]
            if row.cells[w] is None:
                keys[ed].append((r, "absent"))
                continue
            keys[ed].append(
                (
                    r,
                    tuple(
                        fv_form(next(rd.text for rd in site.readings if w in rd.witnesses))
                        for site in overlapping
                    ),
                )
            )
    groups: dict[tuple[object, ...], set[str]] = {}
    for ed in EDITIONS.values():
        groups.setdefault(tuple(keys[ed]), set()).add(ed)
    return tuple(frozenset(g) for g in groups.values())


def sites_at(coll: object, app: GoldApp) -> list[object]:
    """The collation's sites overlapping the location in any witness."""
    from textdiff.collate import Collation

    assert isinstance(coll, Collation)
    out = []
    for site in coll.sites:
        for rd in site.readings:
            for w, sp in zip(rd.witnesses, rd.spans, strict=True):
                ed = Path(coll.witnesses[w].document.path).stem
                if ed in app.spans:
                    s, e = app.spans[ed]
                    empty = sp.start == sp.end or s == e
                    if (sp.start < e and s < sp.end) or (empty and sp.start <= e and s <= sp.end):
                        out.append(site)
                        break
            else:
                continue
            break
    return out
