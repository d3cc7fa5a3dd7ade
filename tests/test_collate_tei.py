"""collate --format tei: well-formed, valid against the TEI subset it claims, and lossless:
every witness's text comes back out of the parallel segmentation byte for byte."""

from __future__ import annotations

import pytest

from textdiff.collate import collate, collate_documents
from textdiff.collate.tei import render
from textdiff.load import load_bytes

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, CORPORA, OPENING_2021, RODONG

etree = pytest.importorskip("lxml.etree")

RNG = "textdiff/collate/schema/tei-collation.rng"
TEI = "{http://www.tei-c.org/ns/1.0}"


def _validator():  # type: ignore[no-untyped-def]
    from pathlib import Path

    from textdiff.collate import tei

    path = Path(tei.__file__).resolve().parent / "schema" / "tei-collation.rng"
    return etree.RelaxNG(etree.parse(str(path)))


def _extract(el, wid: str) -> str:  # type: ignore[no-untyped-def]
    """The text a witness reads in ``el``: at each app, the rdg that names it."""
    out = [el.text or ""]
    for child in el:
        if child.tag == TEI + "app":
            rdgs = [r for r in child.iter(TEI + "rdg") if r.getparent() in (child, *child)]
            for r in rdgs:
                if f"#{wid}" in r.get("wit", "").split():
                    out.append(_extract(r, wid))
                    break
        elif child.tag == TEI + "rdgGrp":  # pragma: no cover - only inside app
            raise AssertionError("rdgGrp outside app")
        out.append(child.tail or "")
    return "".join(out)


def _check(coll) -> etree._Element:  # type: ignore[no-untyped-def]
    xml = render(coll, "0.1.0")
    assert render(coll, "0.1.0") == xml
    root = etree.fromstring(xml.encode("utf-8"))
    rng = _validator()
    assert rng.validate(root), rng.error_log.last_error
    abs_ = {ab.get("{http://www.w3.org/XML/1998/namespace}id"): ab for ab in root.iter(TEI + "ab")}
    ids = {s.id for s in coll.sites}
    assert {a.get("{http://www.w3.org/XML/1998/namespace}id") for a in root.iter(TEI + "app")} - {
        None
    } == ids
    for row in coll.rows:
        ab = abs_[row.id]
        for w, cell in zip(coll.witnesses, row.cells, strict=True):
            got = _extract(ab, w.id)
            want = "" if cell is None else w.document.text[cell.span.start : cell.span.end]
            assert got == want, (row.id, w.id)
    return root


def test_samples_round_trip_and_validate() -> None:
    _check(collate([str(ADDRESS_2013), str(OPENING_2021), str(RODONG)]))
    _check(collate([str(CLOSING), str(BULLETIN)]))


def test_structure_of_sites_and_groups() -> None:
    texts = [
        "The colour of the flag was red,\r\nsaid the report.\n\nA second paragraph here.\n",
        "The color of the flag was red, said the report.\n\nA second paragraph here.\n",
        "The shape of the flag was red, said the report. A second paragraph here.\n",
        "The Shape & <form> of the flag was red, said the report.\n\nA second paragraph here.\n",
    ]
    coll = collate_documents([load_bytes(t.encode(), f"{k}.txt") for k, t in enumerate(texts)])
    root = _check(coll)
    apps = list(root.iter(TEI + "app"))
    subst = [a for a in apps if a.get("type") == "substantive"]
    assert subst and all(a.get("ana") == "#td-substantive" for a in subst)
    grp = [g for g in root.iter(TEI + "rdgGrp")]
    assert any(g.get("type") == "subvariants" for g in grp)
    assert list(root.iter(TEI + "milestone"))
    xml = render(coll, "0.1.0")
    assert "&lt;form&gt;" in xml and "&amp;" in xml and "&#13;" in xml


def test_control_characters_cannot_break_the_xml() -> None:
    a = "Plain text with a bell \x07 and more words here.\n"
    b = "Plain text with a bell \x07 and other words here.\n"
    coll = collate_documents([load_bytes(a.encode(), "a.txt"), load_bytes(b.encode(), "b.txt")])
    root = etree.fromstring(render(coll, "0.1.0").encode("utf-8"))
    assert "\ufffd" in "".join(root.itertext())


@pytest.mark.corpus
def test_darwin_round_trips() -> None:
    editions = sorted((CORPORA / "darwin-origin-collatex" / "editions").glob("*.txt"))
    if len(editions) < 6:
        pytest.skip("darwin corpus not present")
    _check(collate([str(p) for p in editions]))
