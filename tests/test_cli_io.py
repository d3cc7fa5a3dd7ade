"""What the commands read and write, as a user runs them: odd stream encodings (F15), file names
that are not UTF-8 (F5) or hold line breaks (F21), and outputs that must never replace an input
(F12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CLOSING, ROOT, SAMPLES, assert_contract
from .test_check_runner import copy_fixture

BAD = os.fsdecode(b"bad\xff.txt")  # a name that is not UTF-8: "bad\udcff.txt" in Python


def textdiff(
    cwd: Path, *args: str, encoding: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PYTHONIOENC"))}
    env["PYTHONPATH"] = str(ROOT)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run(
        [sys.executable, "-m", "textdiff", *args],
        cwd=cwd,
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )


def assert_clean(res: subprocess.CompletedProcess[bytes], status: int) -> None:
    assert b"Traceback" not in res.stderr, res.stderr.decode("utf-8", "replace")
    assert res.returncode == status, res.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8:strict"])
def test_check_scan_and_inspect_under_any_stdout_encoding(tmp_path: Path, encoding: str) -> None:
    """F15: no traceback whatever the stream can encode; what it cannot is escaped."""
    repo = copy_fixture(tmp_path / "repo")
    res = textdiff(repo, "check", "--no-cache", encoding=encoding)
    assert_clean(res, 1)
    out = res.stdout.decode("latin-1")
    assert "2 failed, 2 passed (4 pairs)" in out
    if encoding == "ascii":
        assert "\\u2717 1 substantive edit" in out and "\\xb7 coverage" in out
    res = textdiff(repo, "check", "--format", "github", "--no-cache", encoding=encoding)
    assert_clean(res, 1)
    rodong = str(SAMPLES / "rodong-short-course-2021.txt")
    res = textdiff(ROOT, "inspect", rodong, encoding=encoding)
    assert_clean(res, 0)
    res = textdiff(ROOT, "scan", *map(str, sorted(SAMPLES.glob("*.txt"))), encoding=encoding)
    assert_clean(res, 0)
    assert b"textdiff scan: 5 documents" in res.stdout


@pytest.fixture
def bad_name(tmp_path: Path) -> Path:
    """A folder with a copy whose name is not UTF-8, and its reference."""
    speech = CLOSING.read_text(encoding="utf-8")
    (tmp_path / "ok.txt").write_text(speech, encoding="utf-8")
    copy = speech.replace("unyielding fortitude", "unbending fortitude")
    (tmp_path / BAD).write_text(copy, encoding="utf-8")
    (tmp_path / "copies").mkdir()
    (tmp_path / "copies" / BAD).write_text(copy, encoding="utf-8")
    (tmp_path / "textdiff.toml").write_text(
        '[[check]]\nname = "x"\nreference = "ok.txt"\ncopies = "copies/*"\n', encoding="utf-8"
    )
    return tmp_path


def test_file_names_that_are_not_utf8(bad_name: Path) -> None:
    """F5: report, compare --format html, check --junit-xml -o show the name escaped."""
    res = textdiff(bad_name, "report", BAD, "ok.txt", "-o", "r.html")
    assert_clean(res, 1)
    page = (bad_name / "r.html").read_text(encoding="utf-8")
    assert "bad[U+DCFF].txt" in page
    res = textdiff(bad_name, "compare", "--format", "html", BAD, "ok.txt")
    assert_clean(res, 1)
    assert "bad[U+DCFF].txt" in res.stdout.decode("utf-8")
    for encoding in (None, "utf-8:strict"):
        res = textdiff(bad_name, "compare", BAD, "ok.txt", encoding=encoding)
        assert_clean(res, 1)
        assert res.stdout.startswith(b"A: bad\\udcff.txt (utf-8, ")
    res = textdiff(bad_name, "check", "--junit-xml", "j.xml", "-o", "out.txt", "--no-cache")
    assert_clean(res, 1)
    assert "copies/bad\\udcff.txt" in (bad_name / "out.txt").read_text(encoding="utf-8")
    assert 'name="copies/bad\\udcff.txt"' in (bad_name / "j.xml").read_text(encoding="utf-8")
    res = textdiff(bad_name, "check", "--format", "github", "--no-cache", encoding="utf-8:strict")
    assert_clean(res, 1)
    res = textdiff(bad_name, "inspect", BAD, encoding="utf-8:strict")
    assert_clean(res, 0)
    assert res.stdout.startswith(b"bad\\udcff.txt: utf-8")
    res = textdiff(bad_name, "inspect", BAD, "--format", "json")
    assert json.loads(res.stdout)["path"] == BAD


def test_line_breaks_in_file_names_stay_on_their_line(tmp_path: Path) -> None:
    """F21: a name with a newline or tab never splits an output line."""
    name = "new\nline\tA.txt"
    (tmp_path / name).write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    res = textdiff(tmp_path, "compare", name, "b.txt")
    assert_clean(res, 0)
    assert res.stdout.decode().splitlines()[0].startswith("A: new\\nline\\tA.txt (utf-8")
    res = textdiff(tmp_path, "inspect", name)
    assert res.stdout.decode().splitlines()[0].startswith("new\\nline\\tA.txt: utf-8")
    res = textdiff(tmp_path, "report", name, "b.txt", "-o", "out\nx.html")
    assert_clean(res, 0)
    assert res.stdout.decode() == "out\\nx.html: identical\n"
    res = textdiff(tmp_path, "compare", name, "missing\n.txt")
    assert_clean(res, 2)
    assert res.stderr.decode().count("\n") == 1 and "missing\\n.txt" in res.stderr.decode()


@pytest.mark.parametrize(
    "where", ["reference/closing-address.txt", "transcripts/clean.txt", "textdiff.toml"]
)
def test_update_baseline_never_writes_over_an_input(tmp_path: Path, where: str) -> None:
    """F12: a baseline pointed at a reference, a copy or the configuration is refused."""
    repo = copy_fixture(tmp_path / "repo")
    config = repo / "textdiff.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('"textdiff-baseline.json"', f'"{where}"'), encoding="utf-8")
    before = (repo / where).read_bytes()
    res = textdiff(repo, "check", "--update-baseline", "--no-cache")
    assert_clean(res, 2)
    assert res.stderr.decode().strip() == (
        f"textdiff: error: {repo / where}: refusing to overwrite an input file"
    )
    assert res.stdout == b""
    assert (repo / where).read_bytes() == before


# ------------------------------------------------------------------ inputs bounded (F8)


def _peak_rss_mb(
    args: list[str], cwd: Path, stdin: int | None = None
) -> tuple[int, bytes, float]:
    """Run textdiff; its exit status, standard error and peak resident memory (MB)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-m", "textdiff", *args],
        cwd=cwd,
        stdin=stdin,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err, usage.ru_maxrss / 1024


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom", "stdin"])
def test_endless_inputs_are_one_line_and_exit_2_in_bounded_memory(
    tmp_path: Path, source: str
) -> None:
    """F8: compare /dev/zero B, /dev/urandom, '- < /dev/zero' read at most the limit."""
    if source == "stdin":
        with open("/dev/zero", "rb") as zero:
            status, err, peak = _peak_rss_mb(
                ["compare", "-", str(CLOSING), "--max-size", "16M"], tmp_path, zero.fileno()
            )
        what = "standard input"
    else:
        status, err, peak = _peak_rss_mb(
            ["compare", source, str(CLOSING), "--max-size", "16M"], tmp_path
        )
        what = source
    assert status == 2 and err.count(b"\n") == 1, err
    assert err.decode() == (
        f"textdiff: error: {what}: larger than 16M, the input size limit "
        "(--max-size raises it; 0: no limit)\n"
    )
    assert peak < 200  # the interpreter and its imports, 16 MB of input and one chunk


def test_a_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: 300 MB that cost nothing to make, or to measure
        fh.truncate(300 << 20)
    status, err, peak = _peak_rss_mb(["compare", str(big), str(CLOSING)], tmp_path)
    assert status == 2 and b"big.txt: larger than 256M, the input size limit" in err
    # Measured, never read: no more memory than comparing two small files (whatever the
    # interpreter and its imports cost on this machine), far below the file's 300 MB.
    _, _, small = _peak_rss_mb(["compare", str(CLOSING), str(CLOSING)], tmp_path)
    assert peak < small + 64
    res = textdiff(tmp_path, "inspect", str(big), "--max-size", "1G")
    assert_clean(res, 2)
    assert b"binary file (contains NUL bytes)" in res.stderr  # read, since the limit allowed it


def test_a_fifo_that_never_ends_is_capped(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)
    # A writer that never stops; it blocks in open() until textdiff opens the other end.
    endless = "import sys\nwhile True: sys.stdout.write('w ' * 999)"
    writer = subprocess.Popen(
        ["sh", "-c", 'exec "$0" -c "$1" > "$2"', sys.executable, endless, str(fifo)],
        stderr=subprocess.DEVNULL,
    )
    try:
        res = textdiff(tmp_path, "compare", str(fifo), str(CLOSING), "--max-size", "2M")
    finally:
        writer.kill()
        writer.wait()
    assert_clean(res, 2)
    assert b"endless.txt: larger than 2M, the input size limit" in res.stderr


def test_check_reports_a_file_past_the_limit_as_bad_input_and_goes_on(tmp_path: Path) -> None:
    repo = copy_fixture(tmp_path / "repo")
    config = repo / "textdiff.toml"
    config.write_text('max-size = "20K"\n' + config.read_text(encoding="utf-8"))
    res = textdiff(repo, "check", "--no-cache")
    assert_clean(res, 2)
    out, err = res.stdout.decode(), res.stderr.decode()
    assert err == (
        "textdiff: bad input: bulletins/embassy-bulletin.txt: larger than 20K, the input size "
        "limit (max-size in the configuration or --max-size raises it; 0: no limit)\n"
    )
    assert out.startswith("ERROR  bulletin  bulletins/embassy-bulletin.txt  bad input: ")
    assert "2 failed, 1 passed, 1 not checked (bad input) (4 pairs)" in out
    res = textdiff(repo, "check", "--no-cache", "--max-size", "0", "--format", "json")
    assert_clean(res, 1)  # the option overrides the configuration
    res = textdiff(repo, "check", "--no-cache", "--format", "json", "--junit-xml", "j.xml")
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert records[0]["type"] == "error" and records[0]["copy"] == "bulletins/embassy-bulletin.txt"
    assert 'errors="1"' in (repo / "j.xml").read_text(encoding="utf-8")
    res = textdiff(repo, "check", "--no-cache", "--update-baseline")
    assert_clean(res, 2)
    assert b"not updating the baseline: bulletins/embassy-bulletin.txt: larger than" in res.stderr


# ------------------------------------------------------------------ UTF-8 with stray bytes


def test_every_output_says_which_bytes_were_not_utf8(tmp_path: Path) -> None:
    data = CLOSING.read_bytes()
    first = data.index("’".encode())
    (tmp_path / "stray.txt").write_bytes(data[:first] + b"\x92" + data[first + 3 :])
    note = "1 invalid UTF-8 byte, read as Windows-1252: 0x92 as ’ at byte "
    res = textdiff(tmp_path, "inspect", "stray.txt")
    assert_clean(res, 0)
    lines = res.stdout.decode().splitlines()
    assert lines[0].startswith("stray.txt: utf-8 (utf-8-lenient, confidence ")
    assert lines[1].startswith(note + f"{first:,} (line ")
    res = textdiff(tmp_path, "inspect", "stray.txt", "--format", "json")
    offset = len(data[:first].decode())
    assert json.loads(res.stdout)["invalid_bytes"] == [
        {"offset": offset, "byte_offset": first, "byte": 0x92, "read_as": "’"}
    ]
    res = textdiff(tmp_path, "compare", "stray.txt", str(CLOSING))
    assert_clean(res, 0)
    assert res.stdout.decode().splitlines()[2].startswith("A: " + note)
    res = textdiff(tmp_path, "compare", "stray.txt", str(CLOSING), "--format", "json")
    # The shared contract checker decodes the raw file strictly with `encoding`, which a stray
    # byte cannot pass; every offset is checked against the text as read (the repair) instead.
    (tmp_path / "as-read.txt").write_text(CLOSING.read_text(encoding="utf-8"), encoding="utf-8")
    doc = assert_contract(res.stdout, tmp_path / "as-read.txt", CLOSING, tmp_path)["documents"][0]
    assert doc["encoding_method"] == "utf-8-lenient"
    [bad] = doc["invalid_bytes"]
    assert bad["byte_offset"] == first and bad["byte"] == 0x92 and bad["read_as"] == "’"
    res = textdiff(tmp_path, "report", "stray.txt", str(CLOSING), "-o", "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "UTF-8 but for a few invalid bytes" in page and note in page


# ------------------------------------------------------------------ wording


def test_counts_read_as_english(tmp_path: Path) -> None:
    """'1 paragraphs' and '1101 paragraphs' no more: one plural rule, thousands separators."""
    (tmp_path / "one.txt").write_text("A single paragraph of text.\n", encoding="utf-8")
    res = textdiff(tmp_path, "compare", "one.txt", "one.txt")
    head = res.stdout.decode().splitlines()
    assert head[0] == "A: one.txt (utf-8, 28 bytes, 1 paragraph)"
    assert "1 equal block not shown" in head[2]
    res = textdiff(tmp_path, "inspect", "one.txt")
    assert res.stdout.decode().splitlines()[1:3] == [
        "1 paragraph: 1 text",
        " para   line  role        text",
    ]
    big = "\n\n".join(f"Paragraph number {n} of the long text." for n in range(1101)) + "\n"
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    res = textdiff(tmp_path, "inspect", "big.txt")
    assert res.stdout.decode().splitlines()[1] == "1,101 paragraphs: 1,101 text"


def test_a_directory_is_named_once(tmp_path: Path) -> None:
    res = textdiff(ROOT, "compare", "samples", str(CLOSING))
    assert res.stderr == b"textdiff: error: samples: is a directory, not a file\n"
    res = textdiff(ROOT, "inspect", "samples")
    assert res.stderr == b"textdiff: error: samples: is a directory, not a file\n"


def test_jobs_zero_means_one_per_core(tmp_path: Path) -> None:
    repo = copy_fixture(tmp_path / "repo")
    res = textdiff(repo, "check", "--no-cache", "-j", "0")
    assert_clean(res, 1)
    res = textdiff(repo, "check", "--help")
    assert b"Parallel workers (0: one per core)." in res.stdout


def test_scan_takes_the_same_size_limit_and_goes_on(tmp_path: Path) -> None:
    """scan --max-size: a text file past it is bad input, the others are scanned; raised on
    a later run, the file is read then (a bad file is not marked done in the index)."""
    for sample in sorted(SAMPLES.glob("*.txt")):
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    index = str(tmp_path / "i.sqlite")
    res = textdiff(tmp_path, "scan", ".", "--max-size", "20K", "--index", index)
    assert_clean(res, 0)
    err = res.stderr.decode()
    assert err.count("larger than 20K, the input size limit (--max-size raises it") == 2
    assert b"3 documents in the index" in res.stdout and b"; 2 bad input" in res.stdout
    res = textdiff(tmp_path, "scan", ".", "--index", index)
    assert_clean(res, 0)
    assert b"5 documents in the index; this run read 2" in res.stdout
