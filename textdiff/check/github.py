"""GitHub Actions output: error annotations on the copy's lines, and a step summary.

    escape_data(s), escape_property(s)   GitHub's workflow-command escaping
    annotation_lines(report, ws)         one ``::error file=…,line=…,col=…,title=…::message`` each
    render(report, label, workspace)     the human text, then at most 10 annotations and a count
    step_summary(report, budget)         Markdown for $GITHUB_STEP_SUMMARY, at most ``budget`` bytes
    append_step_summary(path, report)    append it, keeping the file under GitHub's 1 MiB

The runner reads a workflow command from any output line that starts (after spaces) with
``::``, and (the legacy syntax) from ``##[`` anywhere in a line. Document text therefore only
ever appears inside an annotation's message, escaped, or inside the human lines, which open with
a fixed word and pass ``display.inert`` (see ``human``); ``%``, CR and LF are escaped in data
and ``:`` and ``,`` too in properties, as ``@actions/core`` does, and text is flattened to one
line first (``tests/actions_runner.py`` ports the runner's two parsers to hold this). GitHub
shows at most 10 error annotations per step, so more are only counted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..display import escape as safe
from ..display import number, plural
from .evaluate import Difference
from .human import describe, in_context
from .human import render as render_human
from .pairing import Pair
from .runner import PairResult, Report, percent

MAX_ANNOTATIONS = 10
SUMMARY_LIMIT = 1024 * 1024  # GitHub's limit for a step's summary file, in bytes
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # all ASCII punctuation


def escape_data(s: str) -> str:
    """Escape a workflow command's message.

    >>> escape_data("50%\\r\\n::error::x")
    '50%25%0D%0A::error::x'
    """
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a workflow command's property value (file, title).

    >>> escape_property("a:b,c%")
    'a%3Ab%2Cc%25'
    """
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation_path(pair: Pair, workspace: Path | None) -> str:
    """The copy's path as GitHub wants it: relative to the workspace (the repository root)."""
    path = pair.copy_path.resolve()
    base = (workspace or Path.cwd()).resolve()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _command(file: str, line: int, col: int, title: str, message: str) -> str:
    props = ",".join(
        (
            f"file={escape_property(file)}",
            f"line={line}",
            f"col={col}",
            f"title={escape_property(' '.join(title.split()))}",
        )
    )
    return f"::error {props}::{escape_data(' '.join(message.split()))}"


def _message(r: PairResult, d: Difference) -> str:
    return f"{describe(d)} (reference {r.pair.reference} line {d.reference_line})"


def annotation_lines(report: Report, workspace: Path | None = None) -> list[str]:
    """Every annotation the pairs not checked and the failing pairs call for, in that order."""
    out = [
        _command(
            annotation_path(e.pair, workspace),
            1,
            1,
            f"textdiff check: {e.pair.check}",
            f"bad input: {safe(e.message)}",
        )
        for e in report.errors
    ]
    for r in report.results:
        if r.passed:
            continue
        file = annotation_path(r.pair, workspace)
        title = f"textdiff check: {r.pair.check}"
        if not r.new:  # nothing to point at (e.g. the reference is not in the copy)
            out.append(_command(file, 1, 1, title, "; ".join(r.reasons)))
            continue
        for d in r.new:
            out.append(_command(file, d.line, d.column, title, _message(r, d)))
    return out


def render(report: Report, label: str = "", workspace: Path | None = None) -> str:
    text = render_human(report, label)
    notes = annotation_lines(report, workspace)
    lines = notes[:MAX_ANNOTATIONS]
    if len(notes) > MAX_ANNOTATIONS:
        more = len(notes) - MAX_ANNOTATIONS
        lines.append(
            f"textdiff: {plural(more, 'more difference')} not annotated "
            f"(GitHub shows {MAX_ANNOTATIONS} per step); see the report above"
        )
    return text + "".join(line + "\n" for line in lines)


def md(s: str) -> str:
    """Text for Markdown: one line, controls visible, every ASCII punctuation mark escaped.

    >>> md("<b>|x| *y*")
    '\\\\<b\\\\>\\\\|x\\\\| \\\\*y\\\\*'
    """
    return _MD_SPECIAL.sub(r"\\\1", safe(" ".join(s.split())))


def _row(r: PairResult) -> str:
    o = r.outcome
    mark = "✅ pass" if r.passed else "❌ fail"
    cells = [
        mark,
        md(r.pair.check),
        md(r.pair.copy),
        md(r.pair.reference),
        o.verdict.value,
        percent(o.reference_coverage),
        str(r.edits),
    ]
    return "| " + " | ".join(cells) + " |\n"


def step_summary(report: Report, budget: int = SUMMARY_LIMIT) -> str:
    """The Markdown summary, cut (with a note saying so) to fit in ``budget`` UTF-8 bytes."""
    total = len(report.results) + len(report.errors)
    if report.errors:
        head = (
            f"### textdiff check: {number(len(report.errors))} of {plural(total, 'pair')} "
            f"not checked (bad input), {number(report.failed)} failed\n\n"
        )
    elif report.failed:
        head = f"### textdiff check: {number(report.failed)} of {plural(total, 'pair')} failed\n\n"
    else:
        head = f"### textdiff check: all {plural(total, 'pair')} passed\n\n"
    pieces = [
        head,
        "| | check | copy | reference | verdict | coverage | substantive |\n",
        "| --- | --- | --- | --- | --- | --- | --- |\n",
    ]
    pieces += [
        f"| ⚠️ error | {md(e.pair.check)} | {md(e.pair.copy)} | {md(e.pair.reference)} "
        f"| bad input: {md(e.message)} | | |\n"
        for e in report.errors
    ]
    pieces += [_row(r) for r in report.results]
    for r in report.results:
        if r.passed:
            continue
        pieces.append(f"\n#### {md(r.pair.copy)} \\({md(r.pair.check)}\\)\n\n")
        pieces += [f"- {md(reason)}\n" for reason in r.reasons]
        for d in r.new:
            pieces.append(f"- line {d.line}, column {d.column}: {md(in_context(d))}\n")
    if report.stale:
        stale = plural(len(report.stale), "stale baseline entry")
        pieces.append(f"\n{stale}: no longer occur.\n")

    note = "\n… {} more lines left out to stay under GitHub's step summary limit.\n"
    reserve = len(note.encode("utf-8")) + 20
    out: list[str] = []
    used = 0
    for n, piece in enumerate(pieces):
        size = len(piece.encode("utf-8"))
        if used + size + reserve > budget:
            out.append(note.format(len(pieces) - n))
            break
        out.append(piece)
        used += size
    text = "".join(out)
    return text if len(text.encode("utf-8")) <= budget else ""


def append_step_summary(path: str, report: Report) -> None:
    """Append the summary to the step's summary file, within what the 1 MiB limit leaves."""
    try:
        existing = os.path.getsize(path)
    except OSError:
        existing = 0
    text = step_summary(report, SUMMARY_LIMIT - existing - 1024)
    if text:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
