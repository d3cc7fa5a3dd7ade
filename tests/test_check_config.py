"""check.config: discovery (closest wins), every key, and errors that name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from textdiff.check.config import (
    CHECK_KEYS,
    SETTING_KEYS,
    TOP_KEYS,
    Settings,
    discover,
    load_config,
)
from textdiff.check.errors import ConfigError
from textdiff.userrules import RuleSet

MINIMAL = '[[check]]\nreference = "ref.txt"\ncopies = "copy.txt"\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_config_has_documented_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "textdiff.toml", MINIMAL))
    assert config.root == tmp_path.resolve()
    assert config.baseline == tmp_path.resolve() / "textdiff-baseline.json"
    assert config.cache_dir == tmp_path.resolve() / ".textdiff_cache"
    assert config.cache is True and config.jobs == 0
    (spec,) = config.checks
    assert spec.name == "ref.txt"
    assert spec.reference == "ref.txt" and spec.copies == ("copy.txt",)
    assert spec.settings == Settings()
    assert spec.settings.max_substantive == 0 and spec.settings.min_coverage == 1.0


def test_every_key(tmp_path: Path) -> None:
    text = """
baseline = "ci/baseline.json"
cache = false
cache-dir = "build/cache"
jobs = 3
max-size = "64M"
profile = "strict"
allow = ["typography", "whitespace"]
max-substantive = 2
min-coverage = 0.9
embedded = false
moves = false
rules = { spelling = ["Peking = Beijing"] }

[[check]]
name = "speech"
reference = "reference/speech.txt"
copies = ["transcripts/*.txt", "other.txt"]
max-substantive = 0

[[check]]
name = "by name"
reference-dir = "reference"
copy-dir = "transcripts"
match = "**/*.md"
profile = "default"
allow = []
min-coverage = 1
embedded = true
moves = true
"""
    config = load_config(write(tmp_path / "textdiff.toml", text))
    assert config.baseline == tmp_path.resolve() / "ci" / "baseline.json"
    assert config.cache_dir == tmp_path.resolve() / "build" / "cache"
    assert config.cache is False and config.jobs == 3 and config.max_size == 64 << 20
    speech, rule = config.checks
    # Top-level settings are defaults; a check overrides only what it names.
    rules = RuleSet.from_table({"spelling": ["Peking = Beijing"]})
    assert speech.settings == Settings(
        "strict", ("typography", "whitespace"), 0, 0.9, False, False, rules
    )
    assert rule.settings == Settings("default", (), 2, 1.0, True, True, rules)
    assert not speech.settings.options.moves_count and rule.settings.options.moves_count
    assert rule.reference_dir == "reference" and rule.copy_dir == "transcripts"
    assert rule.match == "**/*.md"
    used = {line.split("=")[0].strip() for line in text.splitlines() if "=" in line}
    assert used | {"check"} == set(TOP_KEYS + SETTING_KEYS + CHECK_KEYS)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("max-substantiv = 1\n" + MINIMAL, "'max-substantiv'"),
        (MINIMAL + "copy = 'x'\n", "'check[1].copy'"),
    ],
)
def test_unknown_key_names_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path / "textdiff.toml", text)
    with pytest.raises(ConfigError, match=r"textdiff\.toml") as exc:
        load_config(path)
    assert f"unknown key {key}" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_pyproject_tool_table_and_its_key_names(tmp_path: Path) -> None:
    text = (
        '[project]\nname = "x"\n\n[tool.textdiff]\nmin-coverage = 0.5\n\n'
        '[[tool.textdiff.check]]\nreference = "a.txt"\ncopies = ["b.txt"]\n'
    )
    config = load_config(write(tmp_path / "pyproject.toml", text))
    assert config.checks[0].settings.min_coverage == 0.5
    assert config.label.endswith("pyproject.toml [tool.textdiff]")
    write(tmp_path / "pyproject.toml", text + "colour = 1\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.textdiff\.check\[1\]\.colour'"):
        load_config(tmp_path / "pyproject.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max-substantive = -1\n" + MINIMAL, "max-substantive must be a whole number"),
        ("max-substantive = true\n" + MINIMAL, "max-substantive must be a whole number"),
        ("min-coverage = 95\n" + MINIMAL, "min-coverage must be a fraction"),
        ("embedded = 'yes'\n" + MINIMAL, "embedded must be true or false"),
        ("profile = 'lenient'\n" + MINIMAL, "profile is invalid: unknown profile"),
        ("allow = ['substantive']\n" + MINIMAL, "allow is invalid"),
        ("allow = ['colour']\n" + MINIMAL, "allow is invalid: unknown category"),
        ("allow = 3\n" + MINIMAL, "allow must be a string or a list"),
        ("baseline = ''\n" + MINIMAL, "baseline must be a non-empty string"),
        ("", "no checks configured"),
        ("check = 1\n", "check must be an array of tables"),
        ("[[check]]\nname = 'x'\n", r"check\[1\] needs reference and copies"),
        (
            "[[check]]\nreference = 'a'\ncopies = 'b'\ncopy-dir = 'c'\n",
            r"check\[1\] mixes reference/copies with reference-dir/copy-dir",
        ),
        ("[[check]]\nreference-dir = 'a'\n", "needs both reference-dir and copy-dir"),
        (MINIMAL + MINIMAL, "two checks are named 'ref.txt'"),
        ("[[check]\n", "invalid TOML"),
    ],
)
def test_bad_values_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "textdiff.toml", text)
    with pytest.raises(ConfigError, match=message) as exc:
        load_config(path)
    assert "textdiff.toml" in str(exc.value) and "\n" not in str(exc.value)


def test_pyproject_without_table_is_an_error_when_named(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool\.textdiff\] table"):
        load_config(path)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "nope.toml")


def test_discover_closest_wins(tmp_path: Path) -> None:
    outer = write(tmp_path / "textdiff.toml", MINIMAL)
    inner_dir = tmp_path / "a" / "b"
    inner_dir.mkdir(parents=True)
    assert discover(inner_dir) == outer.resolve()
    # A pyproject.toml without [tool.textdiff] is passed over...
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")
    assert discover(inner_dir) == outer.resolve()
    # ...one with it is closer, so it wins.
    closer = write(tmp_path / "a" / "pyproject.toml", "[tool.textdiff]\n" + MINIMAL)
    assert discover(inner_dir) == closer.resolve()
    # In one directory: textdiff.toml, then .textdiff.toml, then pyproject.toml.
    hidden = write(tmp_path / "a" / ".textdiff.toml", MINIMAL)
    assert discover(inner_dir) == hidden.resolve()
    plain = write(tmp_path / "a" / "textdiff.toml", MINIMAL)
    assert discover(inner_dir) == plain.resolve()


def test_discover_nothing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="pass --config PATH"):
        discover(tmp_path)


def test_settings_build_options() -> None:
    options = Settings(profile="strict", allow=("case",)).options
    assert options.profile == "strict"
    assert {c.value for c in options.ignored} == {"case"}
