"""The shipped spelling tables: size, sources, and the families the issue names."""

from __future__ import annotations

from pathlib import Path

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
