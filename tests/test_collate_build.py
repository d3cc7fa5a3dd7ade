"""collate: rows, sites and readings keep their invariants; input order changes nothing;
every pair projects to exactly what ``compare`` says of it."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textdiff.collate import Collation, collate, collate_documents
from textdiff.collate.jsonout import dumps, to_dict
from textdiff.collate.model import CellStatus, RowKind, SiteKind, SiteType
from textdiff.errors import OptionsError
from textdiff.load import load_bytes
from textdiff.model import BlockKind, Category, Document, Op, Verdict
from textdiff.options import Options
from textdiff.pipeline import compare_documents
from textdiff.render.json import dumps as pair_dumps

from .collate_invariants import check
from .conftest import ADDRESS_2013, BULLETIN, CLOSING, OPENING_2021, RODONG


def doc(text: str, name: str) -> Document:
    return load_bytes(text.encode("utf-8"), name)


def checked(c: Collation) -> dict:
    d = to_dict(c, "test")
    check(d, {w.id: w.document.text for w in c.witnesses})
    return d


def assert_nested(c: Collation) -> None:
    """Each witness's alignment with the reference (compare's own) nests in the rows: the
    paragraphs of a block (inside the regions) share one row."""
    where: list[dict[int, int]] = [{} for _ in c.witnesses]
    for r, row in enumerate(c.rows):
        for w, cell in enumerate(row.cells):
            if cell is not None:
                for p in cell.paragraphs:
                    where[w][p] = r
    for a, b in ((0, w) for w in range(1, len(c.witnesses))):
        out_a, out_b = set(c.witnesses[a].outside), set(c.witnesses[b].outside)
        for blk in c.project(a, b).blocks:
            # A host's paragraphs outside its region are reported, in no row.
            rows = {where[a].get(p) for p in blk.a if p not in out_a} | {
                where[b].get(q) for q in blk.b if q not in out_b
            }
            if blk.kind.aligned and blk.kind is not BlockKind.MOVED:
                assert len(rows) == 1 and None not in rows, (a, b, blk)


def assert_projects(c: Collation) -> None:
    """Each ordered pair projects to the very bytes compare gives for it."""
    opts = Options.make(str(c.options["profile"]), [str(x) for x in c.options["ignored"]])
    for a, b in itertools.permutations(range(len(c.witnesses)), 2):
        da, db = c.witnesses[a].document, c.witnesses[b].document
        got = pair_dumps(c.project(a, b), "test")
        want = pair_dumps(compare_documents(da, db, opts), "test")
        assert got == want, (da.path, db.path)


BASE = [
    "The Behaviour of the Party in 1818 was praised by all who knew it well and long.",
    "He said: \u201cWe shall honour the promise of the programme, whatever it costs.\u201d",
    "A short third paragraph follows here with several plain words in it.",
    "Then the fourth paragraph closes the text with a sentence of its own.",
]


def test_three_witnesses_by_hand() -> None:
    a = "\n\n".join(BASE) + "\n"
    b = a.replace("Behaviour", "Behavior").replace("\u201c", '"').replace("\u201d", '"')
    c_ = a.replace("praised", "blamed").replace("whatever it costs", "whatever it cost")
    coll = collate_documents([doc(a, "a.txt"), doc(b, "b.txt"), doc(c_, "c.txt")])
    checked(coll)
    assert len(coll.rows) == 4
    assert coll.summary.rows == {RowKind.INVARIANT: 2, RowKind.VARIANT: 2}
    by_text = {tuple(r.text for r in s.readings): s for s in coll.sites}
    spell = by_text.get(("Behaviour", "Behavior")) or by_text.get(("Behavior", "Behaviour"))
    assert spell is not None and spell.category is Category.SPELLING
    assert spell.type is SiteType.ACCIDENTAL and len(spell.groups) == 1
    subst = [s for s in coll.sites if s.category is Category.SUBSTANTIVE]
    assert {tuple(sorted(r.text for r in s.readings)) for s in subst} == {
        ("blamed", "praised"),
        ("cost", "costs"),
    }
    for s in subst:
        assert len(s.groups) == 2 and s.type is SiteType.SUBSTANTIVE
    assert_projects(coll)
    verdicts = {w.siglum: ws.verdict for w, ws in zip(coll.witnesses, coll.summary.witnesses,
                                                      strict=True)}  # fmt: skip
    assert coll.summary.verdict is Verdict.VARIANT
    assert verdicts[coll.witnesses[0].siglum] is Verdict.IDENTICAL


def test_readings_group_by_what_the_profile_ignores() -> None:
    a = "The colour of the flag was red and white, said the report.\n"
    b = "The color of the flag was red and white, said the report.\n"
    c_ = "The Colour of the flag was red and white, said the report.\n"
    d_ = "The shape of the flag was red and white, said the report.\n"
    e_ = "The Shape of the flag was red and white, said the report.\n"
    docs = [doc(t, f"{n}.txt") for n, t in zip("abcde", (a, b, c_, d_, e_), strict=True)]
    coll = collate_documents(docs)
    checked(coll)
    (site,) = coll.sites
    groups = [sorted(site.readings[k].text for k in g.readings) for g in site.groups]
    assert sorted(groups) == [["Colour", "color", "colour"], ["Shape", "shape"]]
    strict = collate_documents(docs, Options.make("strict"))
    checked(strict)
    (site,) = strict.sites
    assert len(site.groups) == 5


def test_paragraph_split_is_one_row_with_a_boundary_site() -> None:
    a = "\n\n".join(BASE) + "\n"
    split = BASE[2].replace("here with", "here.\n\nWith")
    b = "\n\n".join([*BASE[:2], split, BASE[3]]) + "\n"
    c_ = a.replace("fourth", "last")
    coll = collate_documents([doc(a, "a.txt"), doc(b, "b.txt"), doc(c_, "c.txt")])
    checked(coll)
    assert len(coll.rows) == 4
    statuses = sorted(
        cell.status.value for row in coll.rows for cell in row.cells if cell is not None
    )
    assert ("split" in statuses) != ("merged" in statuses)
    assert_nested(coll)
    assert_projects(coll)


def test_witness_specific_paragraph_break_is_a_boundary_site() -> None:
    a = "\n\n".join(BASE) + "\n"
    joined = "\n\n".join([BASE[0], BASE[1] + " " + BASE[2], BASE[3]]) + "\n"
    coll = collate_documents([doc(a, "a.txt"), doc(a.replace("plain", "simple"), "b.txt"),
                              doc(joined, "c.txt")])  # fmt: skip
    checked(coll)
    kinds = {s.kind for s in coll.sites}
    assert SiteKind.BOUNDARY in kinds
    boundary = next(s for s in coll.sites if s.kind is SiteKind.BOUNDARY)
    assert boundary.category is Category.WHITESPACE


def test_paragraph_missing_and_added() -> None:
    a = "\n\n".join(BASE) + "\n"
    b = "\n\n".join([BASE[0], BASE[1], BASE[3]]) + "\n"
    extra = "An editor's note that only this copy prints, with words of its own."
    c_ = "\n\n".join([*BASE[:2], extra, *BASE[2:]]) + "\n"
    coll = collate_documents([doc(a, "a.txt"), doc(b, "b.txt"), doc(c_, "c.txt")])
    checked(coll)
    kinds = [r.kind for r in coll.rows]
    assert kinds.count(RowKind.SINGULAR) == 1
    assert kinds.count(RowKind.PARTIAL) == 1
    singular = next(r for r in coll.rows if r.kind is RowKind.SINGULAR)
    (only,) = [c for c in singular.cells if c is not None]
    texts = [w.document.text for w in coll.witnesses]
    assert any(t[only.span.start : only.span.end] == extra for t in texts)
    assert_projects(coll)


def test_moved_paragraph_is_a_moved_cell() -> None:
    a = "\n\n".join(BASE) + "\n"
    b = "\n\n".join([BASE[1], BASE[2], BASE[3], BASE[0]]) + "\n"
    coll = collate_documents([doc(a, "a.txt"), doc(a, "a2.txt"), doc(b, "b.txt")])
    checked(coll)
    assert len(coll.rows) == 4
    moved = [
        c for r in coll.rows for c in r.cells if c is not None and c.status is CellStatus.MOVED
    ]
    assert len(moved) == 1
    assert_nested(coll)
    assert_projects(coll)


def test_host_takes_part_through_its_region() -> None:
    coll = collate([str(BULLETIN), str(CLOSING), str(RODONG)])
    checked(coll)
    assert [w.document.path for w in coll.witnesses] == [str(CLOSING), str(BULLETIN)]
    assert [e.path for e in coll.excluded] == [str(RODONG)]
    host = coll.witnesses[1]
    assert host.region is not None and host.outside
    assert coll.summary.witnesses[1].verdict is Verdict.EQUIVALENT
    assert_projects(coll)


def test_samples_collate_and_project() -> None:
    coll = collate([str(ADDRESS_2013), str(OPENING_2021), str(RODONG)])
    checked(coll)
    assert_nested(coll)
    assert_projects(coll)


def test_reference_can_be_named() -> None:
    coll = collate([str(ADDRESS_2013), str(OPENING_2021)], reference="cell-secretaries-2013")
    assert coll.witnesses[0].document.path == str(ADDRESS_2013)
    assert coll.options["reference"] == "cell-secretaries-2013"
    with pytest.raises(OptionsError):
        collate([str(ADDRESS_2013), str(OPENING_2021)], reference="nobody")
    with pytest.raises(OptionsError):
        collate([str(ADDRESS_2013)])


def test_two_witnesses_sites_are_compares_edits() -> None:
    """With two witnesses, the sites are exactly compare's edits, in place and category."""
    coll = collate([str(ADDRESS_2013), str(OPENING_2021)])
    base, other = coll.witnesses[0].document, coll.witnesses[1].document
    pair = compare_documents(base, other)
    edits = [
        (s.a0, s.a1, s.b0, s.b1, s.category)
        for blk in pair.blocks
        if blk.a and blk.b
        for s in blk.segments
        if s.op is not Op.EQUAL
    ]
    got = [
        (*site.readings[0].spans[0], *site.readings[1].spans[0], site.category)
        for site in coll.sites
    ]
    assert got == edits


# ------------------------------------------------------------------ generated witnesses

WORDS = ("the party people honour behaviour colour work plan year state army city river "
         "law day night land sea plain simple great small").split()  # fmt: skip
VARIANTS = {"honour": "honor", "behaviour": "behavior", "colour": "color", "plain": "plane"}


def _base_text(rnd: random.Random, paragraphs: int) -> list[str]:
    out = []
    for _ in range(paragraphs):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(4, 14))]
        out.append(" ".join(words).capitalize() + rnd.choice(".!?"))
    return out


def _witness(rnd: random.Random, paras: list[str]) -> str:
    paras = list(paras)
    for _ in range(rnd.randint(0, 4)):
        k = rnd.randrange(len(paras))
        op = rnd.randrange(7)
        words = paras[k].split(" ")
        i = rnd.randrange(len(words))
        if op == 0:
            words[i] = rnd.choice(WORDS)
        elif op == 1:
            words[i] = VARIANTS.get(words[i], words[i] + ",")
        elif op == 2 and len(words) > 2:
            del words[i]
        elif op == 3 and len(paras) > 2:
            del paras[k]
            continue
        elif op == 4:
            paras.insert(k, " ".join(rnd.choice(WORDS) for _ in range(6)).capitalize() + ".")
            continue
        elif op == 5 and len(words) > 4:
            paras[k : k + 1] = [" ".join(words[:i]) or "Yes.", " ".join(words[i:])]
            continue
        elif op == 6 and len(paras) > 3:
            paras.append(paras.pop(k))
            continue
        paras[k] = " ".join(words)
    return "\n\n".join(p for p in paras if p.strip()) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), n=st.integers(2, 5), paragraphs=st.integers(2, 7))
def test_generated_collations_keep_every_invariant(seed: int, n: int, paragraphs: int) -> None:
    rnd = random.Random(seed)
    base = _base_text(rnd, paragraphs)
    docs = [doc(_witness(rnd, base), f"w{k}.txt") for k in range(n)]
    coll = collate_documents(docs)
    d = checked(coll)
    assert_nested(coll)
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    assert dumps(collate_documents(shuffled), "test") == dumps(coll, "test")
    assert to_dict(collate_documents(list(reversed(docs))), "test") == d


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), n=st.integers(2, 4))
def test_generated_pairs_project_to_compare(seed: int, n: int) -> None:
    rnd = random.Random(seed)
    base = _base_text(rnd, 5)
    coll = collate_documents([doc(_witness(rnd, base), f"w{k}.txt") for k in range(n)])
    assert_projects(coll)


def test_input_order_never_changes_the_bytes() -> None:
    paths = [str(ADDRESS_2013), str(OPENING_2021), str(RODONG), str(CLOSING), str(BULLETIN)]
    first = dumps(collate(paths), "test")
    for perm in itertools.islice(itertools.permutations(paths), 1, None, 17):
        assert dumps(collate(list(perm)), "test") == first
