"""``textdiff check``: the CI command over ``textdiff.check``.

    textdiff check [--config PATH] [--format human|github|json] [--junit-xml PATH]
                   [-o PATH] [--update-baseline] [--exit-zero] [--jobs N] [--no-cache]
                   [--max-size SIZE] [--rules FILE] [--boilerplate RE] [--ignore-text RE]
                   [--spelling A=B]

Thin, like every command: find and read the configuration, resolve the pairs, compute (cache,
parallel), apply the baseline, render, exit 0 (all pass), 1 (any fails) or 2 (trouble: raised
as a TextdiffError that ``textdiff.cli.main`` turns into one line; or a reference or copy that
is bad input, reported with the other pairs' results).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import click

from ._options import jobs_option, rules_options, size


class Format(StrEnum):
    HUMAN = "human"
    GITHUB = "github"
    JSON = "json"


@click.command()
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    default=None,
    help="Configuration file (default: the closest textdiff.toml, .textdiff.toml or "
    "pyproject.toml with [tool.textdiff]).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default=Format.HUMAN.value,
    show_default=True,
    help="human text, GitHub annotations and step summary, or JSON Lines.",
)
@click.option("--junit-xml", metavar="PATH", default=None, help="Also write a JUnit XML report.")
@click.option(
    "-o", "--output", metavar="PATH", default=None, help="Write the output to PATH, atomically."
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Accept every current difference: rewrite the baseline file.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when checks fail (report only).")
@jobs_option(None, "jobs in the configuration, or 0")
@click.option("--no-cache", is_flag=True, help="Compare every pair, ignoring the result cache.")
@click.option(
    "--max-size",
    type=str,
    callback=size,
    default=None,
    metavar="SIZE",
    help="A reference or copy larger than this is bad input (e.g. 64M, 1G; 0: no limit). "
    "Default: max-size in the configuration, or 256M.",
)
@rules_options
def check(
    config_path: str | None,
    fmt: str,
    junit_xml: str | None,
    output: str | None,
    update_baseline: bool,
    exit_zero: bool,
    jobs: int | None,
    no_cache: bool,
    max_size: int | None,
    rules_file: str | None,
    boilerplate: tuple[str, ...],
    ignore_text: tuple[str, ...],
    spelling: tuple[str, ...],
) -> None:
    """Check copies against their references as the configuration says.

    Exit status: 0 all pass, 1 any fails, 2 trouble (bad configuration, unreadable file).
    """
    from ..check import Baseline, compute, discover, judge_all, load_config, resolve
    from ..check.cache import Cache
    from ..check.config import with_rules
    from ..check.runner import BadInput
    from ..display import inert, plural
    from ..errors import InputError
    from ..output import write_atomic, write_stderr, write_stdout
    from ..userrules import rules_from_cli
    from ._shared import EXIT_DIFFERENT, EXIT_OK, EXIT_TROUBLE

    rules = rules_from_cli(rules_file, boilerplate, ignore_text, spelling)
    config = with_rules(load_config(config_path if config_path else discover()), rules)
    pairs = resolve(config)
    cache = Cache(config.cache_dir) if config.cache and not no_cache else None
    # Never written over: a reference, a copy, the configuration (and, but for the baseline
    # update itself, the baseline).
    inputs = [str(p) for pair in pairs for p in (pair.reference_path, pair.copy_path)]
    inputs.append(str(config.path))
    limit = config.max_size if max_size is None else max_size
    computed = compute(pairs, cache, config.jobs if jobs is None else jobs, limit)
    bad = [c for c in computed if isinstance(c, BadInput)]
    if update_baseline:
        if bad:
            # Rebuilt without them, the baseline would drop their entries.
            raise InputError(f"not updating the baseline: {bad[0].message}")
        baseline = Baseline.build(
            (p.reference, p.copy, c.outcome)
            for p, c in zip(pairs, computed, strict=True)
            if not isinstance(c, BadInput)
        )
        write_atomic(config.baseline, baseline.dumps(), inputs)
    else:
        baseline = Baseline.load(config.baseline)
    report = judge_all(pairs, computed, baseline)
    inputs.append(str(config.baseline))
    if fmt == Format.JSON:
        from ..check import jsonl

        text = jsonl.render(report)
    elif fmt == Format.GITHUB:
        from ..check import github

        workspace = os.environ.get("GITHUB_WORKSPACE")
        text = github.render(report, config.label, Path(workspace) if workspace else None)
    else:
        from ..check import human

        text = human.render(report, config.label)
    if output:
        write_atomic(output, text, inputs)
    else:
        write_stdout(text)
    if junit_xml:
        from ..check import junit

        write_atomic(junit_xml, junit.render(report), inputs)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == Format.GITHUB and summary:
        from ..check import github

        github.append_step_summary(summary, report)
    for e in report.errors:
        write_stderr(inert(f"textdiff: bad input: {e.message}"))
    if update_baseline:
        accepted = plural(len(baseline.entries), "accepted difference")
        wrote = f"wrote {accepted} to {config.baseline}"
        write_stderr(inert(f"textdiff: {wrote}"))
    if report.errors:
        sys.exit(EXIT_TROUBLE)
    sys.exit(EXIT_DIFFERENT if report.failed and not exit_zero else EXIT_OK)
