"""Rules of the user's own (issue 14): boilerplate, ignore and spelling rules, in the library,
on the command line, in the JSON and the text output; bad rules are one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textdiff import Category, Options, OptionsError, Verdict, compare_texts
from textdiff.userrules import RuleSet, load_rules, rules_from_cli

from .conftest import assert_contract, run_cli

BODY = [
    "The delegation of the ministry arrived in the capital on Tuesday morning.",
    "Kim Il Sung received the guests at the palace and spoke of the friendship of the peoples.",
    "The talks covered trade, the railway and the exchange of students between the universities.",
    "The guests then visited a textile mill and a school in the eastern suburbs of the city.",
]
RULES_TOML = """\
[rules]
boilerplate = ["(?i)share this article"]

[rules.romanization]
spelling = ["Kim Il Sung = Kim Il-song", ["Pyongyang", "Phyongyang"]]

[rules.refs]
ignore = ['\\[\\d+\\]']
"""


def text(*paras: str) -> str:
    return "\n\n".join(paras) + "\n"


def edits(c: object) -> list[tuple[str, str, str]]:
    """(A text, B text, category/rule) of every non-equal segment."""
    out = []
    for blk in c.blocks:  # type: ignore[attr-defined]
        for s in blk.segments:
            if s.category is not None:
                a = c.a.document.text[s.a0 : s.a1]  # type: ignore[attr-defined]
                b = c.b.document.text[s.b0 : s.b1]  # type: ignore[attr-defined]
                out.append((a, b, f"{s.category.value}/{s.rule}"))
    return out


@pytest.fixture
def rules() -> RuleSet:
    return RuleSet.from_table(
        {
            "boilerplate": ["(?i)share this article"],
            "romanization": {
                "spelling": ["Kim Il Sung = Kim Il-song", ["Pyongyang", "Phyongyang"]]
            },
            "refs": {"ignore": [r"\[\d+\]"]},
        }
    )


def test_spelling_pair_is_spelling_by_the_users_rule(rules: RuleSet) -> None:
    a = text(*BODY)
    b = text(BODY[0], BODY[1].replace("Kim Il Sung", "Kim Il-song"), *BODY[2:])
    assert compare_texts(a, b).summary.verdict is Verdict.VARIANT
    c = compare_texts(a, b, Options(rules=rules))
    assert c.summary.verdict is Verdict.EQUIVALENT
    assert edits(c) == [("Il Sung", "Il-song", "spelling/user:romanization")]
    # Either way round, any case, any spacing.
    back = compare_texts(b.replace("Kim Il-song", "KIM  IL-SONG"), a, Options(rules=rules))
    assert [e[2] for e in edits(back)] == ["spelling/user:romanization"]


def test_a_pair_joins_whole_words_only(rules: RuleSet) -> None:
    a = text(BODY[0], BODY[1] + " Pyongyangers cheered.", *BODY[2:])
    b = text(BODY[0], BODY[1] + " Phyongyangers cheered.", *BODY[2:])
    c = compare_texts(a, b, Options(rules=rules))
    assert [e[2] for e in edits(c)] == ["substantive/substantive"]


def test_ignore_pattern_makes_reference_marks_boilerplate(rules: RuleSet) -> None:
    a = text(BODY[0], BODY[1][:-1] + "[12].", *BODY[2:])
    b = text(*BODY)
    assert compare_texts(a, b).summary.verdict is Verdict.VARIANT
    c = compare_texts(a, b, Options(rules=rules))
    assert c.summary.verdict is Verdict.EQUIVALENT
    assert [e[2] for e in edits(c)] == ["boilerplate/user:refs"]


def test_ignore_pattern_covers_a_changed_timestamp() -> None:
    rs = RuleSet.from_table({"stamp": {"ignore": [r"(?i)updated \d\d?:\d\d(?: [ap]m)?"]}})
    a = text(BODY[0], BODY[1], "updated 9:30 am, as the agency said", *BODY[2:])
    b = text(BODY[0], BODY[1], "updated 11:45 pm, as the agency said", *BODY[2:])
    assert compare_texts(a, b).summary.verdict is Verdict.VARIANT
    c = compare_texts(a, b, Options(rules=rs))
    assert c.summary.verdict is Verdict.EQUIVALENT
    assert edits(c) == [("9:30 am", "11:45 pm", "boilerplate/user:stamp")]
    # A paragraph that is all ignored text is boilerplate, so its absence is no omission.
    a = text(BODY[0], BODY[1], "updated 9:30 am", *BODY[2:])
    assert compare_texts(a, text(*BODY)).summary.verdict is Verdict.VARIANT
    alone = compare_texts(a, text(*BODY), Options(rules=rs))
    assert alone.summary.verdict is Verdict.EQUIVALENT
    assert alone.a.paragraphs[2].role.value == "boilerplate"
    assert edits(alone) == [("updated 9:30 am", "", "boilerplate/user:stamp")]


def test_boilerplate_pattern_names_the_paragraph_rule(rules: RuleSet) -> None:
    a = text(BODY[0], BODY[1], "Share this article", *BODY[2:])
    b = text(*BODY)
    assert compare_texts(a, b).summary.verdict is Verdict.VARIANT
    c = compare_texts(a, b, Options(rules=rules))
    assert c.summary.verdict is Verdict.EQUIVALENT
    assert edits(c) == [("Share this article", "", "boilerplate/user:boilerplate")]
    # Only a whole paragraph: the words inside running text stay text.
    inside = text(BODY[0], BODY[1] + " Share this article with friends.", *BODY[2:])
    assert compare_texts(inside, b, Options(rules=rules)).summary.verdict is Verdict.VARIANT


def test_rules_never_leak_into_another_comparison(rules: RuleSet) -> None:
    a = text(*BODY)
    b = text(BODY[0], BODY[1].replace("Kim Il Sung", "Kim Il-song"), *BODY[2:])
    assert compare_texts(a, b, Options(rules=rules)).summary.verdict is Verdict.EQUIVALENT
    assert compare_texts(a, b).summary.verdict is Verdict.VARIANT
    other = RuleSet.from_table({"spelling": ["Pyongyang = Phyongyang"]})
    assert compare_texts(a, b, Options(rules=other)).summary.verdict is Verdict.VARIANT


def test_a_user_rule_never_outranks_a_builtin(rules: RuleSet) -> None:
    a = text(BODY[0], BODY[1].replace("friendship", "behaviour"), *BODY[2:])
    b = text(BODY[0], BODY[1].replace("friendship", "behavior"), *BODY[2:])
    mine = RuleSet.from_table({"spelling": ["behaviour = conduct"]})
    assert [e[2] for e in edits(compare_texts(a, b, Options(rules=mine)))] == ["spelling/spelling"]


def test_strict_profile_still_counts_what_user_rules_explain(rules: RuleSet) -> None:
    a = text(*BODY)
    b = text(BODY[0], BODY[1].replace("Kim Il Sung", "Kim Il-song"), *BODY[2:])
    c = compare_texts(a, b, Options(profile="strict", rules=rules))
    assert c.summary.verdict is Verdict.VARIANT
    assert c.summary.region_edits[Category.SPELLING] == 1


def test_options_json_and_equality(rules: RuleSet) -> None:
    assert "rules" not in Options().as_dict()  # unchanged without rules
    written = Options(rules=rules).as_dict()["rules"]
    assert written == [
        {"name": "user:boilerplate", "kind": "boilerplate", "patterns": ["(?i)share this article"]},
        {
            "name": "user:romanization",
            "kind": "spelling",
            "pairs": [["Kim Il Sung", "Kim Il-song"], ["Pyongyang", "Phyongyang"]],
        },
        {"name": "user:refs", "kind": "ignore", "patterns": [r"\[\d+\]"]},
    ]
    assert Options(rules=rules) == Options(rules=RuleSet.from_table(load_table()))
    assert Options(rules=rules) != Options()
    assert hash(Options(rules=rules)) == hash(Options(rules=RuleSet.from_table(load_table())))


def load_table() -> dict[str, object]:
    import tomllib

    table = tomllib.loads(RULES_TOML)["rules"]
    assert isinstance(table, dict)
    return table


def test_merge_replaces_rules_of_the_same_name(rules: RuleSet) -> None:
    override = RuleSet.from_table({"romanization": {"spelling": ["Peking = Beijing"]}})
    merged = rules.merged(override)
    assert [r.name for r in merged.rules] == ["user:boilerplate", "user:refs", "user:romanization"]
    assert merged.of("spelling")[0].pairs == (("Peking", "Beijing"),)
    # An empty list switches a rule off.
    off = rules.merged(RuleSet.from_table({"refs": {"ignore": []}}))
    assert not off.of("ignore")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"ignore": ["[0-9"]}, "rules.ignore: bad regular expression '[0-9'"),
        ({"ignore": ["x*"]}, "rules.ignore: pattern 'x*' matches empty text"),
        ({"boilerplate": [3]}, "rules.boilerplate: a pattern must be a string"),
        ({"spelling": ["Peking"]}, "rules.spelling: 'Peking' is not a pair"),
        ({"spelling": ["a = b = c"]}, "is not a pair"),
        ({"spelling": [["Peking"]]}, "a pair is 'A = B'"),
        ({"spelling": [" = Beijing"]}, "has an empty side"),
        ({"spelling": ["Seoul = SEOUL"]}, "pairs a word with itself"),
        ({"spelings": ["a = b"]}, "unknown key 'spelings'"),
        ({"x": {"ignor": ["a"]}}, "rules.x: unknown key 'ignor'"),
        ({"bad name": {"ignore": ["a"]}}, "is not a rule name"),
        ({"ignore": {"a": 1}}, "rules.ignore must be a list"),
    ],
)
def test_bad_rules_are_refused(table: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError, match=message.replace("[", r"\[").replace("*", r"\*")):
        RuleSet.from_table(table)


def test_rules_file_and_options_add_up(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(RULES_TOML, encoding="utf-8")
    rs = rules_from_cli(str(path), (), ("Updated .*",), ("Peking = Beijing",))
    names = [(r.name, r.kind) for r in rs.rules]
    assert names == [
        ("user:boilerplate", "boilerplate"),
        ("user:romanization", "spelling"),
        ("user:refs", "ignore"),
        ("user:ignore", "ignore"),
        ("user:spelling", "spelling"),
    ]
    assert load_rules(str(path)) == rules_from_cli(str(path))
    with pytest.raises(OptionsError, match="--spelling: 'Peking' is not a pair"):
        rules_from_cli(None, (), (), ("Peking",))
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(RULES_TOML.replace("[rules", "[tool.textdiff.rules"), encoding="utf-8")
    assert load_rules(str(pyproject)) == load_rules(str(path))
    (tmp_path / "none.toml").write_text("[other]\n", encoding="utf-8")
    with pytest.raises(OptionsError, match="no \\[rules\\] table"):
        load_rules(str(tmp_path / "none.toml"))


def _pair_files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text(BODY[0], BODY[1][:-1] + "[3].", "Share this article", *BODY[2:]), "utf-8")
    b.write_text(text(BODY[0], BODY[1].replace("Kim Il Sung", "Kim Il-song"), *BODY[2:]), "utf-8")
    return a, b


def test_compare_cli_rules_file_json_and_text(tmp_path: Path) -> None:
    a, b = _pair_files(tmp_path)
    (tmp_path / "rules.toml").write_text(RULES_TOML, encoding="utf-8")
    plain = run_cli("compare", str(a), str(b))
    assert plain.returncode == 1
    res = run_cli(
        "compare", str(a), str(b), "--rules", str(tmp_path / "rules.toml"), "--format", "json"
    )
    assert res.returncode == 0, res.stderr
    doc = assert_contract(res.stdout, a, b, tmp_path)
    rules = [s["rule"] for blk in doc["blocks"] for s in blk["segments"] if s.get("category")]
    assert sorted(rules) == ["user:boilerplate", "user:refs", "user:romanization"]
    assert [r["name"] for r in doc["options"]["rules"]] == [
        "user:boilerplate",
        "user:romanization",
        "user:refs",
    ]
    out = run_cli(
        "compare", str(a), str(b), "--rules", str(tmp_path / "rules.toml"), "--color", "never"
    )
    shown = out.stdout.decode("utf-8")
    assert "; by user:romanization 1, user:refs 1" in shown
    assert "1 paragraph, boilerplate; by user:boilerplate 1" in shown


def test_compare_cli_repeatable_options(tmp_path: Path) -> None:
    a, b = _pair_files(tmp_path)
    res = run_cli(
        "compare", str(a), str(b),
        "--spelling", "Kim Il Sung=Kim Il-song",
        "--ignore-text", r"\[\d+\]",
        "--boilerplate", "(?i)share this article",
        "--format", "json",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    rules = [s["rule"] for blk in doc["blocks"] for s in blk["segments"] if s.get("category")]
    assert sorted(rules) == ["user:boilerplate", "user:ignore", "user:spelling"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--ignore-text", "[0-"), "--ignore-text: bad regular expression '[0-'"),
        (("--spelling", "Peking"), "--spelling: 'Peking' is not a pair"),
        (("--boilerplate", ".*"), "--boilerplate: pattern '.*' matches empty text"),
        (("--rules", "missing.toml"), "missing.toml: no such rules file"),
    ],
)
@pytest.mark.parametrize("command", ["compare", "report"])
def test_bad_rules_on_the_command_line_exit_2(
    tmp_path: Path, command: str, args: tuple[str, ...], message: str
) -> None:
    a, b = _pair_files(tmp_path)
    res = run_cli(command, str(a), str(b), *args, "-o", str(tmp_path / "out.html"))
    assert res.returncode == 2
    err = res.stderr.decode("utf-8")
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "out.html").exists()


def test_bad_rules_file_exit_2(tmp_path: Path) -> None:
    a, b = _pair_files(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("[rules]\nignore = ['(']\n", encoding="utf-8")
    res = run_cli("compare", str(a), str(b), "--rules", str(bad))
    assert res.returncode == 2
    assert "bad.toml: rules.ignore: bad regular expression '('" in res.stderr.decode("utf-8")
    bad.write_text("[rules\n", encoding="utf-8")
    res = run_cli("compare", str(a), str(b), "--rules", str(bad))
    assert res.returncode == 2 and "invalid TOML" in res.stderr.decode("utf-8")


def test_report_cli_takes_rules(tmp_path: Path) -> None:
    a, b = _pair_files(tmp_path)
    (tmp_path / "rules.toml").write_text(RULES_TOML, encoding="utf-8")
    out = tmp_path / "r.html"
    res = run_cli("report", str(a), str(b), "--rules", str(tmp_path / "rules.toml"), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "equivalent" in res.stdout.decode("utf-8") and out.exists()


# Words and names the property draws texts from: a spelling pair can only turn
# substantive edits into spelling ones, never move an edit or touch anything else.
_WORDS = ["Kim", "Il", "Sung", "Il-song", "Pyongyang", "Phyongyang", "the", "party", "met", "of"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30),
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30),
)
def test_spelling_rules_only_soften_substantive_edits(wa: list[str], wb: list[str]) -> None:
    rs = RuleSet.from_table({"spelling": ["Kim Il Sung = Kim Il-song", "Pyongyang = Phyongyang"]})
    a, b = " ".join(wa) + ".\n", " ".join(wb) + ".\n"
    plain, ruled = compare_texts(a, b), compare_texts(a, b, Options(rules=rs))
    spans = [[(s.op, s.a0, s.a1, s.b0, s.b1) for s in blk.segments] for blk in plain.blocks]
    assert spans == [[(s.op, s.a0, s.a1, s.b0, s.b1) for s in blk.segments] for blk in ruled.blocks]
    for x, y in zip(
        (s for blk in plain.blocks for s in blk.segments),
        (s for blk in ruled.blocks for s in blk.segments),
        strict=True,
    ):
        if x.category is not y.category:
            assert x.category is Category.SUBSTANTIVE and y.category is Category.SPELLING
            assert y.rule == "user:spelling"
        else:
            assert x.rule == y.rule
    # And the mirror agrees.
    mirror = compare_texts(b, a, Options(rules=rs))
    assert sorted(s.rule or "" for blk in ruled.blocks for s in blk.segments) == sorted(
        s.rule or "" for blk in mirror.blocks for s in blk.segments
    )


def test_options_refuse_rules_that_are_not_a_rule_set() -> None:
    with pytest.raises(OptionsError, match="rules must be a RuleSet"):
        Options(rules={"spelling": ["a = b"]})  # type: ignore[arg-type]
