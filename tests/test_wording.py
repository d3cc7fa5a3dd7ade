"""Counts read as English everywhere: one plural rule and thousands separators
(``display.plural``/``display.number``) in the reasons, the report and collate too."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import textdiff
from textdiff.cli import cli

ONE_A = "The committee met today.\n"
ONE_B = "The commission met today.\n"


def _many(n: int, word: str) -> str:
    return "".join(f"Paragraph {k} says {word} here.\n\n" for k in range(n))


def test_reasons_write_counts_with_separators() -> None:
    c = textdiff.compare_texts(_many(1101, "one"), _many(1101, "two"))
    why = " ".join(r.message for r in c.summary.reasons)
    assert "1,101 substantive" in why and "1101" not in why


def test_collate_says_one_row_one_site_and_groups_thousands(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ONE_A, encoding="utf-8")
    b.write_text(ONE_B, encoding="utf-8")
    out = CliRunner().invoke(cli, ["collate", str(a), str(b)]).output
    assert "2 witnesses, 1 row, 1 site:" in out
    assert "1 group, 1 site:" in out or "2 groups, 1 site:" in out
    html = tmp_path / "c.html"
    CliRunner().invoke(cli, ["collate", str(a), str(b), "--format", "html", "-o", str(html)])
    page = html.read_text(encoding="utf-8")
    assert "1 sites" not in page and "1 site." in page
    a.write_text(_many(1101, "one"), encoding="utf-8")
    b.write_text(_many(1101, "two"), encoding="utf-8")
    out = CliRunner().invoke(cli, ["collate", str(a), str(b)]).output
    assert "1,101 rows, 1,101 sites" in out


def test_report_counter_without_javascript_reads_as_english(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ONE_A, encoding="utf-8")
    b.write_text(ONE_B, encoding="utf-8")
    out = tmp_path / "r.html"
    CliRunner().invoke(cli, ["report", str(a), str(b), "-o", str(out)])
    assert '<output id="counter" aria-live="polite">1 change</output>' in out.read_text(
        encoding="utf-8"
    )
