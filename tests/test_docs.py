"""Documentation that stays true: links resolve, every option and key is documented, every
configuration shown runs, every example output is what the command prints, every figure is
what the code computes (scripts/readme_figures.py)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def textdiff(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "_TEXTDIFF"))}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "textdiff", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**base, **(env or {})},
        timeout=300,
        check=False,
    )


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {slug(m.group(1)) for m in re.finditer(r"^#+ (.+)$", text, re.M)}


def test_docs_the_code_points_to_exist() -> None:
    """action.yml says 'see docs/check.md'; scan's modules cite docs/scan.md."""
    sources = [*ROOT.glob("textdiff/**/*.py"), ROOT / "action.yml", *DOCS]
    cited = {
        m.group(0)
        for path in sources
        for m in re.finditer(r"docs/[\w.-]+\.md", path.read_text(encoding="utf-8"))
    }
    assert {"docs/check.md", "docs/scan.md"} <= cited
    assert [c for c in cited if not (ROOT / c).is_file()] == []


def test_links_resolve() -> None:
    broken = []
    for doc in DOCS:
        for target in LINK.findall(FENCE.sub("", doc.read_text(encoding="utf-8"))):
            if re.match(r"[a-z]+:", target):
                continue  # an external address
            file, _, anchor = target.partition("#")
            path = (doc.parent / file).resolve() if file else doc
            if not path.exists():
                broken.append(f"{doc.name}: {target}")
            elif anchor and path.suffix == ".md" and anchor not in anchors(path):
                broken.append(f"{doc.name}: {target} (no such heading)")
    assert broken == []


def _options(command: str) -> set[str]:
    import click

    from textdiff.cli import cli

    ctx = click.Context(cli)
    cmd = cli.get_command(ctx, command)
    assert cmd is not None
    return {o for p in cmd.params for o in p.opts if o.startswith("--") and o != "--help"}


def test_every_option_and_key_is_documented() -> None:
    from textdiff.check.config import CHECK_KEYS, SETTING_KEYS, TOP_KEYS

    check = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    scan = (ROOT / "docs" / "scan.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [o for o in _options("check") if f"`{o}" not in check] == []
    assert [k for k in (*TOP_KEYS, *SETTING_KEYS, *CHECK_KEYS) if f"`{k}`" not in check] == []
    assert [o for o in _options("scan") if f"`{o}" not in scan] == []
    assert [o for o in _options("compare") if f"`{o}" not in readme] == []


OPEN_MAPS = ("metadata", "edits", "relations", "pairs_by_relation", "families_by_relation")


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        out = set()
        for k, v in value.items():
            out.add(k)
            if k not in OPEN_MAPS:  # keys that are data (categories, relations, metadata)
                out |= _keys(v)
        return out
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value)) if value else set()
    return set()


def test_every_scan_record_field_is_documented() -> None:
    samples = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))
    res = textdiff(ROOT, "scan", *samples, "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    keys = set().union(*(_keys(json.loads(line)) for line in res.stdout.splitlines()))
    scan = (ROOT / "docs" / "scan.md").read_text(encoding="utf-8")
    assert [k for k in sorted(keys) if f"`{k}`" not in scan] == []


# ------------------------------------------------------------------ configurations shown run


def _configs() -> list[tuple[str, str, str]]:
    """(file, name, TOML text) of every textdiff configuration in the docs."""
    found = []
    for doc in DOCS:
        for lang, body in FENCE.findall(doc.read_text(encoding="utf-8")):
            first = body.split("\n", 1)[0].strip()
            if lang == "toml" and first in ("# textdiff.toml", "# pyproject.toml"):
                found.append((doc.name, first[2:], body))
    return found


def _instantiate(pattern: str) -> str:
    """A path that the glob ``pattern`` matches."""
    return pattern.replace("**/", "").replace("*", "x").replace("?", "x")


def _make_tree(root: Path, config: dict[str, object]) -> None:
    """Files for every path a configuration names: a reference and a faithful copy each."""
    speech = (ROOT / "samples" / "closing-address.txt").read_bytes()
    bulletin = (ROOT / "samples" / "embassy-bulletin.txt").read_bytes()

    def put(rel: str, data: bytes) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    checks = config.get("check") or config.get("tool", {}).get("textdiff", {}).get("check", [])  # type: ignore[union-attr]
    for check in checks:  # type: ignore[union-attr]
        embedded = bool(check.get("embedded"))
        if "reference" in check:
            put(check["reference"], speech)
            copies = check["copies"]
            for pattern in [copies] if isinstance(copies, str) else copies:
                put(_instantiate(pattern), bulletin if embedded else speech)
        else:
            rel = _instantiate(check.get("match", "*")).replace("x", "speech", 1)
            put(f"{check['reference-dir']}/{rel}", speech)
            put(f"{check['copy-dir']}/{rel}", bulletin if embedded else speech)


@pytest.mark.parametrize(("doc", "name", "text"), _configs(), ids=lambda v: str(v)[:20])
def test_every_configuration_shown_runs(tmp_path: Path, doc: str, name: str, text: str) -> None:
    """Issue 14: the README's textdiff.toml failed as a whole (its first and third checks
    disagreed about transcripts/). Each one shown now runs on files it names."""
    import tomllib

    (tmp_path / name).write_text(text, encoding="utf-8")
    _make_tree(tmp_path, tomllib.loads(text))
    res = textdiff(tmp_path, "check")
    assert res.returncode == 0, f"{doc}: {res.stdout}{res.stderr}"


def _rules_files() -> list[tuple[str, str]]:
    """(file, TOML text) of every ``# rules.toml`` shown (a ``--rules FILE``)."""
    return [
        (doc.name, body)
        for doc in DOCS
        for lang, body in FENCE.findall(doc.read_text(encoding="utf-8"))
        if lang == "toml" and body.split("\n", 1)[0].strip() == "# rules.toml"
    ]


@pytest.mark.parametrize(("doc", "text"), _rules_files(), ids=lambda v: str(v)[:20])
def test_every_rules_file_shown_runs(tmp_path: Path, doc: str, text: str) -> None:
    """A rules file shown works with --rules, and does what the README says of it: a
    romanization pair, a reference mark and a share button make a variant equivalent."""
    (tmp_path / "rules.toml").write_text(text, encoding="utf-8")
    body = [
        "Kim Il Sung spoke at the opening of the congress of the agricultural workers.",
        "He praised the cooperative farms of the province for the harvest of this year.",
        "The delegates then adopted the plan for the irrigation works of the coming spring.",
    ]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("\n\n".join([body[0], body[1][:-1] + " [2].", "Share this article", body[2]]))
    b.write_text("\n\n".join([body[0].replace("Kim Il Sung", "Kim Il-song"), *body[1:]]))
    assert textdiff(tmp_path, "compare", "a.txt", "b.txt").returncode == 1
    res = textdiff(tmp_path, "compare", "a.txt", "b.txt", "--rules", "rules.toml")
    assert res.returncode == 0, f"{doc}: {res.stdout}{res.stderr}"
    assert "user:romanization" in res.stdout


def test_configurations_are_found() -> None:
    assert {(doc, name) for doc, name, _ in _configs()} >= {
        ("README.md", "textdiff.toml"),
        ("check.md", "textdiff.toml"),
        ("check.md", "pyproject.toml"),
    }


# ------------------------------------------------------------------ example outputs


def _examples() -> list[tuple[str, str, list[str]]]:
    """(file, command, shown lines) of every block that opens with '$ textdiff ...'."""
    found = []
    for doc in DOCS:
        for _, body in FENCE.findall(doc.read_text(encoding="utf-8")):
            lines = body.rstrip("\n").split("\n")
            if lines[0].startswith("$ textdiff "):
                found.append((doc.name, lines[0][2:], lines[1:]))
    return found


@pytest.mark.parametrize(("doc", "command", "shown"), _examples(), ids=lambda v: str(v)[:30])
def test_example_outputs_are_what_the_command_prints(
    tmp_path: Path, doc: str, command: str, shown: list[str]
) -> None:
    """Every line an example shows is in the command's output, in order ('...' skips)."""
    import glob
    import shlex

    command, _, where = command.partition("# in ")
    cwd = ROOT
    if where:
        cwd = tmp_path / "cwd"
        ignore = shutil.ignore_patterns(".textdiff_cache")
        shutil.copytree(ROOT / where.strip(), cwd, ignore=ignore)
    args = [
        a for arg in shlex.split(command)[1:] for a in sorted(glob.glob(arg, root_dir=cwd)) or [arg]
    ]
    out = textdiff(cwd, *args).stdout.splitlines()
    pos = 0
    for line in shown:
        if line.strip() in ("...", "…"):
            continue
        assert line in out[pos:], f"{doc}: `{command}` no longer prints: {line}"
        pos = out.index(line, pos) + 1


def test_examples_are_found() -> None:
    assert {doc for doc, _, _ in _examples()} >= {"README.md", "check.md", "scan.md"}


# ------------------------------------------------------------------ figures and completion


def test_figures_have_not_drifted() -> None:
    script = ROOT / "scripts" / "readme_figures.py"
    spec = importlib.util.spec_from_file_location("readme_figures", script)
    assert spec is not None and spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    drifted = [(str(p.name), n, w, v) for p, n, w, v in figures.drift()]
    assert drifted == [], "run python scripts/readme_figures.py"
    texts = [doc.read_text(encoding="utf-8") for doc in DOCS]
    marked = {m.group(1) for text in texts for m in figures.MARK.finditer(text)}
    assert marked >= {"spelling.en", "seed.lines", "frankenstein.changes", "check.startup"}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_as_documented(shell: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"_TEXTDIFF_COMPLETE={shell}_source textdiff" in readme
    res = textdiff(ROOT, env={"_TEXTDIFF_COMPLETE": f"{shell}_source"})
    assert res.returncode == 0 and "_TEXTDIFF_COMPLETE" in res.stdout
