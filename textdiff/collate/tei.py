"""TEI P5 renderer: the collation as parallel segmentation (``--format tei``).

    render(c, version)   the whole document as a str; same collation, same bytes

Shape (the elements and attributes are exactly those that
``schema/tei-collation.rng`` allows, a subset of tei_all written from the
TEI Guidelines' element specifications):

* the header lists the witnesses (``listWit``, ``xml:id`` = the JSON ids),
  declares ``variantEncoding method="parallel-segmentation"``, the profile in
  ``normalization``, and a taxonomy of the categories (``td-spelling`` ...)
  with the rule that explains each;
* one ``<ab xml:id="r0001" type="text|heading|boilerplate">`` per row;
  a row that some witnesses lack holds one ``<app type="paragraph">`` whose
  ``rdg`` for the witnesses that have it holds the row, and an empty
  ``rdg`` for the others;
* a site is ``<app xml:id="s0001" type="accidental|substantive"
  ana="#td-CATEGORY">``; readings that differ only in what the profile
  ignores sit in ``<rdgGrp type="subvariants">``; every ``rdg`` holds the
  literal text (never a normalized form) and, but for the base's, its
  category in ``@type``;
* a paragraph break of a witness inside a row is ``<milestone
  unit="paragraph"/>``, placed before the whitespace that holds it.

The text of every witness is kept whole: concatenating the text of a row
with, at each ``app``, the ``rdg`` naming that witness gives its cell byte
for byte (tested), except for characters XML 1.0 cannot carry, written as
U+FFFD. Carriage returns are written as ``&#13;`` so that parsers keep them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..model import Category
from .build import Collation
from .model import Row, RowKind, Site
from .rules import RULES

NS = "http://www.tei-c.org/ns/1.0"
# Characters XML 1.0 does not allow at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(s: str) -> str:
    s = _NOT_XML.sub("\ufffd", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(s: str) -> str:
    s = _NOT_XML.sub("\ufffd", s)
    return (
        s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )


_MILESTONE = '<milestone unit="paragraph"/>'


class _Breaks:
    """Where each witness's paragraphs break, to mark them inside rows."""

    def __init__(self, c: Collation) -> None:
        self.ends: list[list[int]] = []  # per witness: paragraph ends, in order
        self.next: list[list[int]] = []  # ... and where the next paragraph starts
        for w in c.witnesses:
            paras = w.paragraphs
            self.ends.append([a.end for a in paras[:-1]])
            self.next.append([b.start for b in paras[1:]])

    def mark(self, w: int, text: str, start: int, lo: int, hi: int) -> str:
        """``text`` (witness w's text from offset ``start``) escaped, with a milestone where
        a paragraph of w ends and the next one, inside the cell [lo, hi), begins."""
        ends, nxt = self.ends[w], self.next[w]
        out: list[str] = []
        pos = 0
        k = bisect_left(ends, start)
        while k < len(ends) and ends[k] < start + len(text):
            at = ends[k] - start
            if lo <= ends[k] and nxt[k] <= hi:
                out.append(_text(text[pos:at]))
                out.append(_MILESTONE)
                pos = at
            k += 1
        out.append(_text(text[pos:]))
        return "".join(out)


def _wits(c: Collation, witnesses: Sequence[int]) -> str:
    return " ".join(f"#{c.witnesses[w].id}" for w in witnesses)


def _app(c: Collation, site: Site, breaks: _Breaks, row: Row) -> str:
    kind = "accidental" if site.type.value == "accidental" else "substantive"
    out = [f'<app xml:id="{site.id}" type="{kind}" ana="#td-{site.category.value}">']

    def rdg(k: int) -> str:
        r = site.readings[k]
        w0, span = r.witnesses[0], r.spans[0]
        cell = row.cells[w0]
        assert cell is not None
        body = breaks.mark(w0, r.text, span.start, cell.span.start, cell.span.end)
        typ = "" if r.category is None else f' type="{r.category.value}"'
        return f'<rdg wit="{_wits(c, r.witnesses)}"{typ}>{body}</rdg>'

    for g in site.groups:
        if len(g.readings) == 1:
            out.append(rdg(g.readings[0]))
        else:
            out.append(f'<rdgGrp type="subvariants" n="{_attr(g.text)}">')
            out.extend(rdg(k) for k in g.readings)
            out.append("</rdgGrp>")
    out.append("</app>")
    return "".join(out)


def _row_body(c: Collation, row: Row, breaks: _Breaks) -> str:
    base = row.base
    cell = row.cells[base]
    assert cell is not None
    text = c.witnesses[base].document.text
    out: list[str] = []
    pos = cell.span.start
    for k in row.sites:
        site = c.sites[k]
        s0, s1 = site.base
        out.append(breaks.mark(base, text[pos:s0], pos, cell.span.start, cell.span.end))
        out.append(_app(c, site, breaks, row))
        pos = s1
    out.append(breaks.mark(base, text[pos : cell.span.end], pos, cell.span.start, cell.span.end))
    return "".join(out)


def _row(c: Collation, row: Row, breaks: _Breaks) -> str:
    body = _row_body(c, row, breaks)
    head = f'<ab xml:id="{row.id}" type="{row.role.value}">'
    if row.kind in (RowKind.PARTIAL, RowKind.SINGULAR):
        have = [w for w, cell in enumerate(row.cells) if cell is not None]
        lack = [w for w, cell in enumerate(row.cells) if cell is None]
        body = (
            f'<app type="paragraph"><rdg wit="{_wits(c, have)}">{body}</rdg>'
            f'<rdg wit="{_wits(c, lack)}"/></app>'
        )
    return f"{head}{body}</ab>\n"


def _witness(c: Collation, k: int) -> str:
    w = c.witnesses[k]
    d = w.document
    where = (
        "" if w.region is None else f"; collated from character {w.region.start} to {w.region.end}"
    )
    desc = f"{d.path} ({d.size} bytes, {d.encoding}, sha256 {d.sha256}{where})"
    return f'<witness xml:id="{w.id}" n="{_attr(w.siglum)}">{_text(desc)}</witness>\n'


def render(c: Collation, version: str) -> str:
    """The TEI document for ``c``."""
    breaks = _Breaks(c)
    ignored = [cat.value for cat in Category if cat in c.ignored]
    profile = c.profile
    norm = (
        f"Profile {profile}: readings that differ only in "
        + (", ".join(ignored) if ignored else "nothing")
        + " are grouped as subvariants (rdgGrp). Readings are literal text; "
        "whitespace is kept as it is in each witness."
    )
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<TEI xmlns="{NS}">\n<teiHeader>\n<fileDesc>\n',
        f"<titleStmt><title>Collation of {len(c.witnesses)} witnesses</title></titleStmt>\n",
        "<publicationStmt><p>",
        _text(f"Generated by textdiff {version}; the same inputs and options give the same bytes."),
        "</p></publicationStmt>\n<sourceDesc>\n<listWit>\n",
        *(_witness(c, k) for k in range(len(c.witnesses))),
        "</listWit>\n</sourceDesc>\n</fileDesc>\n<encodingDesc>\n",
        f'<appInfo><application ident="textdiff" version="{_attr(version)}">'
        "<label>textdiff</label></application></appInfo>\n",
        '<variantEncoding method="parallel-segmentation" location="internal"/>\n',
        f"<editorialDecl><normalization><p>{_text(norm)}</p></normalization></editorialDecl>\n",
        '<classDecl><taxonomy xml:id="td">\n',
        *(
            f'<category xml:id="td-{cat.value}"><catDesc>{_text(cat.value)}: '
            f"{_text(RULES[cat])}</catDesc></category>\n"
            for cat in Category
        ),
        "</taxonomy></classDecl>\n</encodingDesc>\n</teiHeader>\n<text>\n<body>\n",
        *([_row(c, row, breaks) for row in c.rows] or ['<ab type="text"/>\n']),
        "</body>\n</text>\n</TEI>\n",
    ]
    return "".join(parts)
