"""The shipped spelling tables: size, sources, and the families the issue names."""

from __future__ import annotations

from pathlib import Path

import pytest

import textdiff.normalize.spelling as spelling

DATA = Path(spelling.__file__).parent / "data"


def _pairs(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")
            rows.append((a, b))
    return rows


def test_british_american_table_is_large_and_sourced() -> None:
    rows = _pairs("spelling_en.tsv")
    assert len(rows) >= 1500
    assert all(a != b for a, b in rows)
    head = (DATA / "spelling_en.tsv").read_text(encoding="utf-8")[:3000]
    assert "Source:" in head and "SCOWL" in head


def test_every_table_has_a_documented_header() -> None:
    for name in spelling.TABLES:
        assert (DATA / name).read_text(encoding="utf-8").startswith("#"), name


def test_families() -> None:
    same = [
        ("organise", "organize"),
        ("organisation", "organization"),
        ("realised", "realized"),
        ("analyse", "analyze"),
        ("paralysed", "paralyzed"),
        ("honour", "honor"),
        ("honoured", "honored"),
        ("centre", "center"),
        ("defence", "defense"),
        ("programme", "program"),
        ("travelled", "traveled"),
        ("fulfilment", "fulfillment"),
        ("grass-roots", "grassroots"),
        ("Kim Il Sung", "Kim Il-sung"),
        ("chosun", "joson"),
    ]
    for a, b in same:
        assert "".join(map(spelling.canonical, a.split())) == "".join(
            map(spelling.canonical, b.split())
        ), (a, b)


def test_different_words_stay_different() -> None:
    for a, b in [("party", "part"), ("tire", "tyre"), ("its", "it"), ("form", "from")]:
        assert spelling.canonical(a) != spelling.canonical(b), (a, b)


def test_squash() -> None:
    assert spelling.squash("Workers’") == "workers'"
    assert spelling.squash("we’re") == "we're" and spelling.squash("Ch'ŏllima") == "chollima"
    assert spelling.squash("Nyŏngbyŏn") == "nyongbyon"


def test_shipped_tables_are_read_the_fast_way() -> None:
    # table() tests a whole column at once and skips squash when every cell is
    # already squashed; the shipped tables should stay that way (the one
    # exception, spelling_old.tsv's æ and œ, is small enough not to matter).
    for name in ("spelling_en.tsv", "romanization_ko.tsv"):
        left, right = spelling._columns(name)
        assert left and spelling._squashed(left) and spelling._squashed(right), name
    assert spelling._columns("spelling_en.tsv") == tuple(
        map(list, zip(*_pairs("spelling_en.tsv"), strict=True))
    )


def test_table_is_the_same_whichever_way_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    columns = {
        "spelling_en.tsv": (
            ["colour", "aa", "bb", "same", "dup", "dup"],
            ["color", "bb", "cc", "same", "x", "y"],
        ),
        "spelling_old.tsv": (["Shew ", "colour", "cc", "cycle"], ["show", "other", "aa", "cycle"]),
        "romanization_ko.tsv": (["P'yŏngyang", ""], ["pyongyang", "empty"]),
    }
    monkeypatch.setattr(spelling, "_columns", columns.__getitem__)
    tables = []
    for test in (spelling._squashed, lambda cells: False):  # column test, or squash every cell
        monkeypatch.setattr(spelling, "_squashed", test)
        spelling.table.cache_clear()
        tables.append(list(spelling.table().items()))
    spelling.table.cache_clear()
    assert tables[0] == tables[1]
    # First row wins; chains resolve (a cycle to where it closes); no-op rows drop out.
    assert tables[0] == [
        ("colour", "color"),
        ("aa", "aa"),
        ("bb", "aa"),
        ("dup", "x"),
        ("shew", "show"),
        ("cc", "aa"),
    ]
