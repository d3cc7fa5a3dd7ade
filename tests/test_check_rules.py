"""check with rules of the user's own and strict moves (issue 14): [rules] in textdiff.toml,
per-check overrides, --rules and friends on the command line, the cache key, and a moved
paragraph that fails a strict check where the default check passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textdiff import Options
from textdiff.check.cache import cache_key
from textdiff.check.config import load_config, with_rules
from textdiff.check.errors import ConfigError
from textdiff.userrules import RuleSet

from .test_check_cli import run

PARAS = [
    "The committee met on Monday to discuss the harvest and the roads of the province.",
    "Members agreed that the new bridge over the river must be finished before the winter.",
    "A report on the schools of the northern district was read and approved without change.",
    "The chairman thanked the workers of the cooperative farm for their efforts this year.",
    "The next meeting will be held in the hall of culture at the end of the month.",
]


def text(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def make_repo(tmp_path: Path, config: str) -> Path:
    (tmp_path / "ref.txt").write_text(text(PARAS), encoding="utf-8")
    # A spelling of the user's, a reference mark, a paragraph moved: three kinds of difference.
    spelled = [PARAS[0].replace("Monday", "Mon."), *PARAS[1:]]
    (tmp_path / "spelled.txt").write_text(text(spelled), encoding="utf-8")
    marked = [PARAS[0], PARAS[1][:-1] + " [7].", *PARAS[2:]]
    (tmp_path / "marked.txt").write_text(text(marked), encoding="utf-8")
    moved = [PARAS[0], PARAS[2], PARAS[3], PARAS[1], PARAS[4]]
    (tmp_path / "moved.txt").write_text(text(moved), encoding="utf-8")
    (tmp_path / "textdiff.toml").write_text(config, encoding="utf-8")
    return tmp_path


def statuses(res_stdout: str) -> dict[str, str]:
    out = {}
    for line in res_stdout.splitlines():
        if line[:4] in ("PASS", "FAIL"):
            parts = line.split()
            out[f"{parts[1]}:{parts[2]}"] = parts[0]
    return out


CONFIG = """\
[rules]
spelling = ["Monday = Mon."]

[[check]]
name = "plain"
reference = "ref.txt"
copies = ["spelled.txt", "marked.txt", "moved.txt"]

[[check]]
name = "strict"
reference = "ref.txt"
copies = ["moved.txt"]
profile = "strict"

[[check]]
name = "moves"
reference = "ref.txt"
copies = ["moved.txt"]
moves = true

[[check]]
name = "refs"
reference = "ref.txt"
copies = ["marked.txt", "spelled.txt"]
[check.rules.refs]
ignore = ['\\[\\d+\\]']
[check.rules]
spelling = []
"""


def test_rules_and_moves_per_check(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, CONFIG)
    res = run(repo, "--no-cache")
    assert res.returncode == 1, res.stderr
    assert statuses(res.stdout) == {
        "plain:spelled.txt": "PASS",  # the top-level spelling pair
        "plain:marked.txt": "FAIL",  # no ignore rule in this check
        "plain:moved.txt": "PASS",  # the default check: a move is no difference
        "strict:moved.txt": "FAIL",  # strict: a move is a difference
        "moves:moved.txt": "FAIL",  # moves = true under the default profile
        "refs:marked.txt": "PASS",  # the check's own ignore rule
        "refs:spelled.txt": "FAIL",  # ...and its empty spelling list switched the pair off
    }
    assert "moved paragraph: “Members agreed that the new bridge" in res.stdout
    assert "✗ 1 moved paragraph (0 allowed)" in res.stdout
    # In JSON Lines the settings say what each check ran with.
    res = run(repo, "--no-cache", "--format", "json")
    records = [json.loads(line) for line in res.stdout.splitlines()]
    pairs = {(r["check"], r["copy"]): r for r in records if r.get("type") == "pair"}
    strict = pairs[("strict", "moved.txt")]
    assert strict["settings"]["moves_count"] is True
    assert [d["kind"] for d in strict["differences"]] == ["move"]
    refs = pairs[("refs", "marked.txt")]["settings"]["rules"]
    assert [r["name"] for r in refs] == ["user:refs"]


def test_a_baseline_accepts_a_move(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, CONFIG)
    assert run(repo, "--update-baseline").returncode == 0
    res = run(repo)
    assert res.returncode == 0, res.stdout + res.stderr
    entries = json.loads((repo / "textdiff-baseline.json").read_text(encoding="utf-8"))
    assert "move" in json.dumps(entries)


def test_command_line_rules_apply_to_every_check(tmp_path: Path) -> None:
    config = '[[check]]\nreference = "ref.txt"\ncopies = ["spelled.txt", "marked.txt"]\n'
    repo = make_repo(tmp_path, config)
    assert run(repo).returncode == 1
    res = run(repo, "--spelling", "Monday = Mon.", "--ignore-text", r"\[\d+\]")
    assert res.returncode == 0, res.stdout + res.stderr
    (repo / "extra.toml").write_text(
        "[rules]\nspelling = [\"Monday=Mon.\"]\nignore = ['\\[\\d+\\]']\n", encoding="utf-8"
    )
    assert run(repo, "--rules", "extra.toml").returncode == 0
    bad = run(repo, "--ignore-text", "(")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "--ignore-text: bad regular expression '('" in bad.stderr


def test_a_changed_rule_reruns_the_pair(tmp_path: Path) -> None:
    config = '[[check]]\nreference = "ref.txt"\ncopies = ["spelled.txt"]\n'
    repo = make_repo(tmp_path, config)
    assert run(repo).returncode == 1
    cached = run(repo)
    assert cached.returncode == 1 and "cached" in cached.stdout
    (repo / "textdiff.toml").write_text('[rules]\nspelling = ["Monday = Mon."]\n' + config)
    fresh = run(repo)
    assert fresh.returncode == 0, fresh.stdout
    assert "cached" not in fresh.stdout.splitlines()[0]
    # The key itself: every rule, its kind and its name are part of it.
    one = RuleSet.from_table({"spelling": ["Monday = Mon."]})
    keys = {
        cache_key("a", "b", Options(), False),
        cache_key("a", "b", Options(rules=one), False),
        cache_key(
            "a",
            "b",
            Options(rules=RuleSet.from_table({"x": {"spelling": ["Monday = Mon."]}})),
            False,
        ),
        cache_key(
            "a", "b", Options(rules=RuleSet.from_table({"spelling": ["Monday = Mon"]})), False
        ),
        cache_key("a", "b", Options(moves=True), False),
    }
    assert len(keys) == 5
    assert cache_key("a", "b", Options(rules=one), False) == cache_key(
        "a", "b", Options(rules=RuleSet.from_table({"spelling": [["Monday", "Mon."]]})), False
    )


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[rules]\nignore = ['[']\n", "textdiff.toml: rules.ignore: bad regular expression '['"),
        ("rules = 3\n", "textdiff.toml: rules must be a table"),
        ("[rules]\nspelling = ['Monday']\n", "rules.spelling: 'Monday' is not a pair"),
        ("moves = 'yes'\n", "textdiff.toml: moves must be true or false"),
    ],
)
def test_bad_rules_in_the_configuration(tmp_path: Path, config: str, message: str) -> None:
    body = '[[check]]\nreference = "ref.txt"\ncopies = ["spelled.txt"]\n'
    repo = make_repo(tmp_path, config + body)
    with pytest.raises(ConfigError) as err:
        load_config(repo / "textdiff.toml")
    assert message in str(err.value)
    res = run(repo)
    assert res.returncode == 2 and message in res.stderr and "Traceback" not in res.stderr


def test_bad_rules_in_a_check_name_the_check(tmp_path: Path) -> None:
    config = (
        '[[check]]\nreference = "ref.txt"\ncopies = ["spelled.txt"]\n'
        "[check.rules.refs]\nignore = ['x*']\n"
    )
    with pytest.raises(ConfigError, match=r"check\[1\]\.rules\.refs\.ignore: pattern 'x\*'"):
        load_config(make_repo(tmp_path, config) / "textdiff.toml")


def test_with_rules_overrides_by_name(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, CONFIG)
    config = with_rules(
        load_config(repo / "textdiff.toml"), RuleSet.from_table({"spelling": ["a = b"]})
    )
    for spec in config.checks:
        pairs = [r.pairs for r in spec.settings.rules.of("spelling")]
        assert pairs == [(("a", "b"),)]
