"""``textdiff collate`` as a user runs it: formats, exit statuses, files, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .collate_invariants import check
from .conftest import ADDRESS_2013, BULLETIN, CLOSING, OPENING_2021, RODONG, run_cli

THREE = [str(ADDRESS_2013), str(OPENING_2021), str(RODONG)]


def test_summary_and_exit_status() -> None:
    res = run_cli("collate", *THREE)
    assert res.returncode == 1, res.stderr
    out = res.stdout.decode()
    assert out.startswith("textdiff collate: 3 witnesses,")
    assert "reference: w1" in out and "rows:" in out and "sites:" in out
    res = run_cli("collate", str(CLOSING), str(BULLETIN))
    assert res.returncode == 0, res.stderr  # the bulletin reprints the address: equivalent
    assert "region" in res.stdout.decode()


def test_json_is_the_contract_and_deterministic(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    res = run_cli("collate", *THREE, "--format", "json", "-o", str(out))
    assert res.returncode == 1 and res.stdout == b""
    data = json.loads(out.read_text())
    texts = {w["id"]: Path(w["path"]).read_text(encoding="utf-8") for w in data["witnesses"]}
    check(data, texts)
    again = run_cli("collate", *reversed(THREE), "--format", "json")
    assert again.stdout == out.read_bytes()


def test_pair_is_what_compare_prints() -> None:
    for fmt in ("json", "text"):
        got = run_cli("collate", *THREE, "--pair", "cell-secretaries-2013,rodong-short-course-2021",
                      "--format", fmt)  # fmt: skip
        want = run_cli("compare", str(ADDRESS_2013), str(RODONG), "--format", fmt,
                       "--color", "never")  # fmt: skip
        assert got.returncode == want.returncode
        assert got.stdout == want.stdout


def test_tei_and_html_outputs(tmp_path: Path) -> None:
    tei, page = tmp_path / "c.xml", tmp_path / "c.html"
    assert run_cli("collate", *THREE, "--format", "tei", "-o", str(tei)).returncode == 1
    assert tei.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert run_cli("collate", *THREE, "--format", "html", "-o", str(page)).returncode == 1
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html


def test_reference_is_honoured() -> None:
    res = run_cli("collate", *THREE, "--reference", "rodong-short-course-2021", "--format", "json")
    data = json.loads(res.stdout)
    assert data["witnesses"][0]["path"] == str(RODONG)
    assert data["options"]["reference"] == "rodong-short-course-2021"


def test_family_from_a_scan_index(tmp_path: Path) -> None:
    index = tmp_path / "i.sqlite"
    args = [str(p) for p in (ADDRESS_2013, OPENING_2021, RODONG, CLOSING, BULLETIN)]
    assert run_cli("scan", *args, "--index", str(index)).returncode == 0
    res = run_cli("collate", "--index", str(index), "--family", "1", "--format", "json")
    assert res.returncode in (0, 1), res.stderr
    data = json.loads(res.stdout)
    assert len(data["witnesses"]) >= 2
    res = run_cli("collate", "--index", str(index), "--family", "99")
    assert res.returncode == 2 and b"families 1 to" in res.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([str(CLOSING)], "at least two witnesses"),
        ([str(CLOSING), "nowhere.txt"], "nowhere.txt: no such file"),
        (["--index", "nowhere.sqlite", "--family", "1"], "no such scan index"),
        (["--family", "1"], "--index and --family go together"),
        ([*THREE, "--pair", "w1"], "--pair takes two witnesses"),
        ([*THREE, "--pair", "w1,nobody"], "no witness 'nobody'"),
        ([*THREE, "--pair", "w1,w2", "--format", "tei"], "a pair is no TEI"),
        ([*THREE, "--reference", "nobody"], "--reference 'nobody'"),
        ([*THREE, "--ignore", "nonsense"], "unknown category"),
        ([*THREE, "--format", "pdf"], "Invalid value"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], message: str) -> None:
    res = run_cli("collate", *args)
    assert res.returncode == 2
    err = res.stderr.decode()
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err


def test_never_overwrites_an_input(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(CLOSING.read_text())
    b.write_text(BULLETIN.read_text())
    res = run_cli("collate", str(a), str(b), "--format", "json", "-o", str(b))
    assert res.returncode == 2 and b"refusing to overwrite an input" in res.stderr
    assert b.read_text() == BULLETIN.read_text()


def test_hostile_file_names_reach_the_terminal_escaped(tmp_path: Path) -> None:
    a = tmp_path / "evil\x1b[31m.txt"
    a.write_text(CLOSING.read_text())
    res = run_cli("collate", str(a), str(CLOSING))
    assert res.returncode == 0
    assert b"\x1b" not in res.stdout and b"\\x1b" in res.stdout
