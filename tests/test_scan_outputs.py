"""What ``scan`` writes: never over an input, whole on any terminal, one run's folder at a time.

F11 (``-o`` over an input found in a scanned folder), F5 (file names that are
not UTF-8), F15 (a standard output that cannot encode the summary), F22 (the
HTML folder: CSP, concurrent runs, stale reports), issue 14 (what the summary
says of the families it does not show; ``--jobs 0``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from textdiff.commands import scan as command
from textdiff.errors import InputError
from textdiff.scan import ScanConfig, scan
from textdiff.scan.report import html_pages, pair_page

from . import stopper
from .conftest import BULLETIN, CLOSING, ROOT, SAMPLES, run_cli
from .test_workers import make_collection


def _corpus(folder: Path) -> Path:
    """The R08 reproducer's corpus: one JSON Lines file of two versions of a speech."""
    folder.mkdir()
    text = CLOSING.read_text(encoding="utf-8")
    rows = [{"id": "a", "text": text}, {"id": "b", "text": text.replace("Party", "party")}]
    (folder / "data.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    shutil.copy(CLOSING, folder / "speech.txt")
    return folder


@pytest.mark.parametrize(
    ("target", "fmt", "what"),
    [
        ("data.jsonl", "jsonl", "an input file"),
        ("speech.txt", "jsonl", "an input file"),
        ("i.sqlite", "jsonl", "the index"),
    ],
)
def test_output_never_replaces_an_input_found_in_a_folder(
    tmp_path: Path, target: str, fmt: str, what: str
) -> None:
    """F11: ``scan corpus -o corpus/data.jsonl`` replaced the corpus with the scan's output."""
    corpus = _corpus(tmp_path / "corpus")
    index = corpus / "i.sqlite"
    run_cli("scan", str(corpus / "speech.txt"), "--index", str(index))
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    out = corpus / target
    res = run_cli("scan", str(corpus), "--index", str(index), "--format", fmt, "-o", str(out))
    assert res.returncode == 2
    assert res.stderr.decode() == f"textdiff: error: {out}: refusing to overwrite {what}\n"
    assert res.stdout == b""
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


def test_html_output_never_replaces_an_input(tmp_path: Path) -> None:
    """An HTML page the scan reads (``--include '*.html'``) is not overwritten either."""
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    page.write_text("<p>" + CLOSING.read_text(encoding="utf-8") + "</p>", encoding="utf-8")
    shutil.copy(CLOSING, site / "speech.txt")
    res = run_cli("scan", str(site), "--include", "*.html", "--include", "*.txt",
                  "--format", "html", "-o", str(site))  # fmt: skip
    assert res.returncode == 2, res.stderr
    assert b"refusing to overwrite an input file" in res.stderr
    assert page.read_text(encoding="utf-8").startswith("<p>")


def test_an_earlier_output_in_the_folder_is_replaced(tmp_path: Path) -> None:
    """Its own earlier output is not an input (discovery skips it): -o may replace it."""
    corpus = _corpus(tmp_path / "corpus")
    out = corpus / "scan.jsonl"
    for _ in range(2):
        res = run_cli("scan", str(corpus), "--format", "jsonl", "-o", str(out))
        assert res.returncode == 0, res.stderr
    summary = json.loads(out.read_text().splitlines()[-1])
    assert summary["pairs"] == 3 and summary["run"]["outputs_skipped"] == 1


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8:strict"])
def test_summary_survives_any_stdout_encoding(tmp_path: Path, encoding: str) -> None:
    """F15: ``PYTHONIOENCODING=ascii textdiff scan samples`` ended in a UnicodeEncodeError."""
    (tmp_path / "a.txt").write_text("Пхеньян, 평양 · " + CLOSING.read_text(encoding="utf-8"))
    shutil.copy(BULLETIN, tmp_path / "b.txt")
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    args = ["scan", str(tmp_path), str(SAMPLES / "closing-address.txt")]
    res = subprocess.run(
        [sys.executable, "-m", "textdiff", *args],
        capture_output=True, cwd=ROOT, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert b"Traceback" not in res.stderr
    assert b"pairs by relation:" in res.stdout


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names are bytes on Linux")
def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    """F5: a folder holding ``bad\\xff.txt`` crashed the scan (SQLite refuses surrogates)."""
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(CLOSING, os.path.join(os.fsencode(folder), b"bad\xff.txt"))
    shutil.copy(CLOSING, folder / "ok.txt")
    res = run_cli("scan", str(folder), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    pair = json.loads(res.stdout.decode().splitlines()[0])
    assert pair["a"]["id"] == f"{folder}/bad\\xff.txt" and pair["relation"] == "duplicate"
    html = tmp_path / "html"
    res = run_cli("scan", str(folder), "--format", "html", "-o", str(html))
    assert res.returncode == 0, res.stderr
    assert "bad\\xff.txt" in (html / "index.html").read_text(encoding="utf-8")


def test_summary_says_how_many_families_it_does_not_show(tmp_path: Path) -> None:
    """Issue 14: five families shown, and nothing said of the other 27."""
    gen = make_collection(tmp_path / "gen")
    res = run_cli("scan", str(gen), "--jobs", "0")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.decode().splitlines()
    assert sum(line.startswith("family ") for line in lines) == 5
    assert lines[-2] == (
        "… and 27 more families; to see them all: run again with --format html -o FOLDER"
        " (a browsable index) or --format jsonl"
    )
    assert "144 pairs in 32 families" in lines[1]
    index = tmp_path / "i.sqlite"
    run_cli("scan", str(gen), "--index", str(index))
    res = run_cli("scan", "--index", str(index))
    more = res.stdout.decode().splitlines()[-2]
    assert more.endswith(f"all: textdiff scan --index {index} --format html -o FOLDER")
    res = run_cli("scan", "--index", str(index), "--format", "html", "-o", str(tmp_path / "h"))
    more = res.stdout.decode().splitlines()[-3]
    assert more.endswith(f"; to see them all: {tmp_path}/h/index.html")


def _inline_hash(html: str, tag: str) -> str:
    code = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S)
    assert code is not None
    digest = hashlib.sha256(code.group(1).encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def test_html_index_has_a_strict_csp_for_its_own_code_only(tmp_path: Path) -> None:
    """F22: the reports had a CSP, the scan's index had none."""
    out = tmp_path / "html"
    res = run_cli("scan", str(CLOSING), str(BULLETIN), "--format", "html", "-o", str(out))
    assert res.returncode == 0, res.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp is not None
    assert unescape(csp.group(1)) == (
        f"default-src 'none'; script-src {_inline_hash(html, 'script')}; "
        f"style-src {_inline_hash(html, 'style')}; img-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )
    markup = re.sub(r"<(script|style)>.*?</\1>", "", html, flags=re.S)
    assert html.count("<script") == 1 and not re.search(r"<[^>]*\son[a-z]+=", markup)


def _links(folder: Path) -> list[str]:
    html = (folder / "index.html").read_text(encoding="utf-8")
    return sorted(re.findall(r'href="(pairs/[0-9a-f]+\.html)"', html))


def test_a_rerun_into_the_same_folder_removes_what_it_no_longer_links(tmp_path: Path) -> None:
    """F22: pairs/*.html of earlier runs were never removed."""
    out = tmp_path / "html"
    gen = make_collection(tmp_path / "gen")
    first = run_cli("scan", str(gen), "--format", "html", "-o", str(out), "--reports", "20")
    assert first.returncode == 0, first.stderr
    assert len(_links(out)) == 20
    second = run_cli("scan", str(CLOSING), str(BULLETIN), "--format", "html", "-o", str(out))
    assert second.returncode == 0, second.stderr
    links = _links(out)
    assert len(links) == 1
    assert sorted(f"pairs/{p.name}" for p in (out / "pairs").iterdir()) == links
    assert sorted(os.listdir(out)) == ["index.html", "pairs"]


def test_report_names_follow_the_pair_not_its_rank(tmp_path: Path) -> None:
    """A link keeps naming the same pair when a rerun adds documents that sort before it."""
    # All three in one folder, so "sorts before" does not depend on where the checkout lives.
    closing, bulletin, early = (
        tmp_path / n for n in ("b-closing.txt", "c-bulletin.txt", "a-early.txt")
    )
    closing.write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    bulletin.write_text(BULLETIN.read_text(encoding="utf-8"), encoding="utf-8")
    early.write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    r1 = scan(ScanConfig(inputs=(str(closing), str(bulletin))))
    r2 = scan(ScanConfig(inputs=(str(early), str(closing), str(bulletin))))
    (p1,) = r1.collection.pairs
    same = next(p for p in r2.collection.pairs
                if {r2.collection.documents[p.a].name, r2.collection.documents[p.b].name}
                == {str(closing), str(bulletin)})  # fmt: skip
    assert r1.collection.order[p1.a] != r2.collection.order[same.a]  # its rank moved
    assert pair_page(r1.collection, p1) == pair_page(r2.collection, same)


def test_a_folder_another_run_is_writing_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F22: two runs into one folder mixed their files; now one writes at a time."""
    out = tmp_path / "html"
    out.mkdir()
    index = str(tmp_path / "i.sqlite")
    r = scan(ScanConfig(inputs=(str(CLOSING), str(BULLETIN))), index)
    monkeypatch.setattr(command, "LOCK_SECONDS", 0.2)
    with command._locked(str(out)):  # another run holds the folder
        pages = html_pages(r.collection, r.stats, r.documents, index, 5)
        with pytest.raises(InputError, match="another textdiff scan has been writing this"):
            command.write_folder(str(out), pages, {})
    assert not (out / "index.html").exists()
    pages = html_pages(r.collection, r.stats, r.documents, index, 5)
    assert command.write_folder(str(out), pages, {}) == str(out / "index.html")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGSTOP, /proc")
def test_two_runs_into_one_folder_leave_one_runs_consistent_pages(tmp_path: Path) -> None:
    """The first run is stopped between its reports and its index, the second starts,
    then the first goes on: whatever the order, the folder ends as one run's whole output."""
    out = tmp_path / "html"
    gen = make_collection(tmp_path / "gen")
    args = ["scan", str(gen), "--format", "html", "-o", str(out)]
    first = stopper.start("textdiff.commands.scan:write_atomic:3:after", *args, cwd=str(ROOT))
    stopper.wait_stopped(first)
    second = subprocess.Popen(
        [sys.executable, "-m", "textdiff", "scan", str(CLOSING), str(BULLETIN),
         "--format", "html", "-o", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    os.kill(first.pid, signal.SIGCONT)
    for proc in (first, second):
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    assert_consistent(out)


def assert_consistent(out: Path) -> None:
    """Every report the index links is there and is of the pair its row names; no other is."""
    links = _links(out)
    assert sorted(f"pairs/{p.name}" for p in (out / "pairs").iterdir()) == links
    html = (out / "index.html").read_text(encoding="utf-8")
    rows = re.findall(
        r'<tr data-relation="[^"]*"><td>([^<]*)</td><td[^>]*>[^<]*</td><td>([^<]*)</td>'
        r'(?:(?!</tr>).)*?href="(pairs/[^"]+)"',
        html,
        re.S,
    )
    assert sorted(link for _, _, link in rows) == links
    for a, b, link in rows:
        page = (out / link).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?) ↔ (.*?) · ", page)
        assert title is not None
        assert title.groups() == (os.path.basename(a), os.path.basename(b)), link


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGSTOP, /proc")
def test_a_run_killed_while_writing_the_folder_leaves_nothing_behind_after_the_next(
    tmp_path: Path,
) -> None:
    """F20 for the HTML folder: a killed run's temporary file is gone after the next run."""
    out = tmp_path / "html"
    gen = make_collection(tmp_path / "gen")
    args = ["scan", str(gen), "--format", "html", "-o", str(out), "--reports", "5"]
    # Stopped before the 3rd rename: the 3rd report is written to its temporary name.
    proc = stopper.start("os:replace:3:before", *args, cwd=str(ROOT))
    try:
        stopper.wait_stopped(proc)
    finally:
        proc.kill()
        proc.wait()
    left = [name for name in os.listdir(out / "pairs") if name.endswith(".tmp")]
    assert len(left) == 1 and not (out / "index.html").exists()
    again = run_cli(*args)
    assert again.returncode == 0, again.stderr
    assert_consistent(out)
    assert sorted(os.listdir(out)) == ["index.html", "pairs"]
