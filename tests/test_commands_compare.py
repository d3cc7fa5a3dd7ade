"""commands.compare: the compare command's body, called in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from textdiff.commands.compare import color_wanted, run
from textdiff.errors import InputError

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, OPENING_2021


def test_status_follows_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(str(CLOSING), str(BULLETIN), quiet=True) == 0
    assert run(str(ADDRESS_2013), str(OPENING_2021), quiet=True) == 1
    assert capsys.readouterr().out == ""


def test_json_to_a_file_and_never_over_an_input(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    assert run(str(CLOSING), str(BULLETIN), fmt="json", output=str(out), indent=1) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["verdict"] == "equivalent"
    victim = tmp_path / "a.txt"
    victim.write_bytes(CLOSING.read_bytes())
    with pytest.raises(InputError, match="overwrite an input"):
        run(str(victim), str(BULLETIN), output=str(victim))
    assert victim.read_bytes() == CLOSING.read_bytes()


def test_strict_profile_counts_spelling(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(str(CLOSING), str(BULLETIN), profile="strict", color="never") == 1
    assert "variant" in capsys.readouterr().out.splitlines()[-1]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_color_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert color_wanted("auto", _Tty()) and not color_wanted("auto", io.StringIO())
    assert not color_wanted("never", _Tty()) and color_wanted("always", io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not color_wanted("auto", _Tty()) and color_wanted("always", _Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not color_wanted("auto", _Tty())
