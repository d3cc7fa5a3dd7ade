"""Outputs: the JSON Lines contract, the terminal summary, the HTML index."""

from __future__ import annotations

import json
from pathlib import Path

from textdiff.commands.scan import write_folder
from textdiff.scan import ScanConfig, scan
from textdiff.scan.report import SCHEMA, html_pages, jsonl, pair_page, summary
from textdiff.scan.runner import ScanResult

from .conftest import BULLETIN, CLOSING


def _hostile(tmp_path: Path) -> Path:
    """A JSON Lines collection whose ids and titles carry markup."""
    text = CLOSING.read_text(encoding="utf-8")
    rows = [
        {"id": "<b>one</b>", "title": "<script>alert(1)</script>", "date": "2022-03-01",
         "text": text},
        {"id": "two & more", "title": "Copy", "text": text.replace("’", "'")},
    ]  # fmt: skip
    path = tmp_path / "x.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_jsonl_pairs_then_families_then_summary(tmp_path: Path) -> None:
    r = scan(ScanConfig(inputs=(str(CLOSING), str(BULLETIN), str(_hostile(tmp_path)))))
    recs = [json.loads(line) for line in jsonl(r.collection, r.stats, r.documents).splitlines()]
    assert {rec["schema"] for rec in recs} == {SCHEMA}
    assert [rec["type"] for rec in recs] == ["pair"] * 6 + ["family", "summary"]
    pair = next(p for p in recs if p["type"] == "pair" and p["a"]["id"] == str(CLOSING))
    assert pair["a"] == {"id": str(CLOSING), "source": str(CLOSING), "line": None}
    assert (pair["b"]["id"], pair["relation"]) == (str(BULLETIN), "contained-in")
    assert set(pair) >= {"coverage", "similarity", "region", "edits", "verdict", "score"}
    fam = recs[-2]
    assert fam["size"] == 4 and fam["relations"]["duplicate"] == 3
    member = next(m for m in fam["members"] if m["id"] == "<b>one</b>")
    assert member["metadata"] == {"date": "2022-03-01", "title": "<script>alert(1)</script>"}
    assert member["line"] == 1
    # Which side of a pair is "a" follows the documents' ids, which hold the
    # checkout's and the temporary directory's paths: count both directions.
    by_relation = recs[-1]["pairs_by_relation"]
    assert by_relation["duplicate"] == 3
    assert by_relation.get("contains", 0) + by_relation.get("contained-in", 0) == 3


def test_summary_names_families_and_members(tmp_path: Path) -> None:
    r = scan(ScanConfig(inputs=(str(CLOSING), str(BULLETIN))))
    text = summary(r.collection, r.stats, r.documents, "in-process")
    assert "1 pair in 1 family" in text and "contained-in 1" in text
    assert str(BULLETIN) in text and "(in-process)" in text


def _write_html(r: ScanResult, index: str, out: Path, reports: int) -> Path:
    pages = html_pages(r.collection, r.stats, r.documents, index, reports)
    return Path(write_folder(str(out), pages, {}))


def test_html_index_escapes_and_links_pair_reports(tmp_path: Path) -> None:
    index = str(tmp_path / "i.sqlite")
    r = scan(ScanConfig(inputs=(str(CLOSING), str(BULLETIN), str(_hostile(tmp_path)))), index)
    out = tmp_path / "html"
    page = _write_html(r, index, out, reports=2)
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;one&lt;/b&gt;" in html and "two &amp; more" in html
    links = sorted(p.name for p in (out / "pairs").iterdir())
    assert len(links) == 2 and all(f'href="pairs/{name}"' in html for name in links)
    assert html.count("not written: more --reports") == 4
    # Each link is the pair's own HTML report, the one ``textdiff report`` writes.
    docs = r.collection.documents
    names = sorted(pair_page(r.collection, p) for p in r.collection.pairs[:2])
    assert [f"pairs/{name}" for name in links] == names
    first = r.collection.pairs[0]
    report = (out / pair_page(r.collection, first)).read_text(encoding="utf-8")
    assert report.lstrip().lower().startswith("<!doctype html")
    assert docs[first.a].name.replace("<", "&lt;").replace(">", "&gt;") in report


def _strict(line: str) -> dict[str, object]:
    """Parse as RFC 8259 does: NaN and Infinity are not JSON."""

    def refuse(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    obj: dict[str, object] = json.loads(line, parse_constant=refuse)
    return obj


def test_jsonl_records_stay_one_strict_line_each(tmp_path: Path) -> None:
    """F18: raw U+2028, U+2029 and NEL from ids and metadata; NaN from an older index."""
    text = CLOSING.read_text(encoding="utf-8")
    rows = [
        {"id": "one\u2029two", "title": "line\u2028sep", "note": "nel\x85here", "text": text},
        {"id": "copy\x85", "title": "Копия", "text": text.replace("’", "'")},
    ]
    path = tmp_path / "seps.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    index = tmp_path / "i.sqlite"
    r = scan(ScanConfig(inputs=(str(path),)), str(index))
    out = jsonl(r.collection, r.stats, r.documents)
    lines = out.splitlines()
    assert len(lines) == out.count("\n") == 3
    recs = [_strict(line) for line in lines]
    assert recs[0]["a"] == {"id": "copy\x85", "source": str(path), "line": 2}
    assert recs[0]["b"] == {"id": "one\u2029two", "source": str(path), "line": 1}
    assert "Копия" in out  # non-ASCII text stays readable, only line separators are escaped
    # An index written before NaN was refused: the output is still strict JSON (null).
    import sqlite3

    db = sqlite3.connect(index)
    db.execute("""UPDATE documents SET meta = '{"score": NaN, "x": [Infinity]}'""")
    db.commit()
    db.close()
    again = scan(ScanConfig(inputs=(str(path),)), str(index))
    family = _strict(jsonl(again.collection, again.stats, again.documents).splitlines()[1])
    assert [m["metadata"] for m in family["members"]] == [  # type: ignore[index, union-attr]
        {"score": None, "x": [None]}
    ] * 2
