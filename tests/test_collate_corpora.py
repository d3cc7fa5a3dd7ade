"""collate over the real corpora: whole Frankenstein editions against the Variorum's own
apparatus, Darwin's six editions against their paragraph gold, and every pair of both
projected back to exactly what ``compare`` says of it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from textdiff.collate import Collation, collate
from textdiff.collate.jsonout import dumps

from .conftest import CORPORA
from .fv_gold import EDITIONS, accidental, fv_form, gold_apps, our_groups
from .test_collate_build import assert_nested, assert_projects, checked

pytestmark = pytest.mark.corpus

FV = CORPORA / "frankenstein-variorum"
DARWIN = CORPORA / "darwin-origin-collatex"


def _paths(folder: Path, names: list[str]) -> list[str]:
    paths = [folder / f"{n}.txt" for n in names]
    if not all(p.exists() for p in paths):
        pytest.skip(f"{folder} not present")
    return [str(p) for p in paths]


@cache
def frankenstein() -> Collation:
    return collate(_paths(FV / "full", list(EDITIONS.values())))


@cache
def darwin() -> Collation:
    return collate(_paths(DARWIN / "editions", ["1859", "1860", "1861", "1866", "1869", "1872"]))


def test_frankenstein_keeps_every_invariant() -> None:
    c = frankenstein()
    checked(c)
    assert_nested(c)
    assert c.witnesses[0].siglum == "1818"  # the center of the four


def test_frankenstein_pairs_project_to_compare() -> None:
    assert_projects(frankenstein())


def test_frankenstein_does_not_depend_on_input_order() -> None:
    names = list(EDITIONS.values())
    shuffled = collate(_paths(FV / "full", [names[2], names[0], names[3], names[1]]))
    assert dumps(shuffled, "test") == dumps(frankenstein(), "test")


def test_every_variorum_location_is_grouped_as_the_variorum_groups_it() -> None:
    """Each <app> of the Variorum's C07 apparatus (among the four printed editions) is found
    with the same witnesses grouped (the Variorum writes quotation marks as %q% before it
    groups, so readings are compared in that form)."""
    if not (FV / "spine-sample-C07" / "spine_C07.xml").exists():
        pytest.skip("spine sample not present")
    apps = [a for a in gold_apps(FV) if a.spans]
    assert len(apps) >= 20
    c = frankenstein()
    wrong = [
        (a.id, sorted(map(sorted, a.groups)), sorted(map(sorted, our_groups(c, a))))
        for a in apps
        if set(our_groups(c, a)) != set(a.groups)
    ]
    assert wrong == []


def test_variorum_accidentals_are_never_called_substantive() -> None:
    """Where the Variorum's readings differ only in accidentals (an oracle of our own, not
    textdiff's classifier: case, punctuation, apostrophes, shew/show), every site there
    puts those witnesses' readings in one group, and no such site is substantive among them."""
    if not (FV / "spine-sample-C07" / "spine_C07.xml").exists():
        pytest.skip("spine sample not present")
    c = frankenstein()
    col = {Path(w.document.path).stem: k for k, w in enumerate(c.witnesses)}
    checked_sites = 0
    for a in gold_apps(FV):
        if not a.spans or not accidental(a):
            continue
        wits = {col[ed] for ed, t in a.texts.items() if t}
        for site in c.sites:
            where = {
                Path(c.witnesses[w].document.path).stem: sp
                for rd in site.readings
                for w, sp in zip(rd.witnesses, rd.spans, strict=True)
            }
            if not any(
                ed in a.spans and sp.start < a.spans[ed][1] and a.spans[ed][0] < sp.end
                for ed, sp in where.items()
            ):
                continue
            groups = {rd.group for rd in site.readings if set(rd.witnesses) & wits}
            assert len(groups) == 1, (a.id, site.id)
            texts = {fv_form(rd.text) for rd in site.readings if set(rd.witnesses) & wits}
            if len(texts) > 1:
                assert site.type.value == "accidental", (a.id, site.id)
            checked_sites += 1
    assert checked_sites >= 8


def test_darwin_rows_are_the_paragraph_gold() -> None:
    gold = json.loads((DARWIN / "alignment_gold.json").read_text(encoding="utf-8"))["units"]
    c = darwin()
    checked(c)
    col = {Path(w.document.path).stem: k for k, w in enumerate(c.witnesses)}
    rows = {
        frozenset(
            (Path(c.witnesses[w].document.path).stem, p)
            for w, cell in enumerate(r.cells)
            if cell is not None
            for p in cell.paragraphs
        )
        for r in c.rows
    }
    units = {frozenset((ed, p) for ed, p in u.items() if ed != "unit" and ed in col) for u in gold}
    assert rows == units


def test_darwin_pairs_project_to_compare() -> None:
    c = darwin()
    assert_nested(c)
    assert_projects(c)
