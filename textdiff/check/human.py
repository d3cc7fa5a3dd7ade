"""Human output (the default): one line per pair, then what makes a failing pair fail.

    render(report, label)   the whole text
    pair_line(result)       ``PASS  check  copy  verdict · coverage · substantive``
    describe(difference)    one phrase for a difference, shared by every output format

Document text and paths are shown through ``textdiff.display.escape`` (controls, bidi and
invisible characters as escapes). No line starts with text taken from a document or a path
(every line opens with a fixed word or mark), and every line passes ``display.inert``, so no
CI runner reads anything printed here as a workflow command (``::`` or the legacy ``##[``).
"""

from __future__ import annotations

from ..display import escape as safe
from ..display import inert, number, plural
from .baseline import Entry
from .evaluate import Difference, DiffKind
from .runner import PairError, PairResult, Report, percent

MAX_SHOWN = 20  # differences listed per failing pair; the rest are counted


def describe(d: Difference) -> str:
    """What a difference is, in a few words, with its texts quoted.

    >>> from textdiff import Category
    >>> describe(Difference(DiffKind.EDIT, Category.SUBSTANTIVE, "k", "old", "new", "", "",
    ...                     1, 1, 1, 3))
    'substantive edit: “old” → “new”'
    """
    if d.kind is DiffKind.OMISSION:
        return f"missing paragraph: “{safe(d.reference)}”"
    if d.kind is DiffKind.MOVE:
        return f"moved paragraph: “{safe(d.reference)}”"
    what = d.category.value
    if not d.reference:
        return f"{what} insertion: “{safe(d.copy)}”"
    if not d.copy:
        return f"{what} deletion: “{safe(d.reference)}”"
    return f"{what} edit: “{safe(d.reference)}” → “{safe(d.copy)}”"


def in_context(d: Difference) -> str:
    """The difference as a word diff inside its copy context (omissions show where they go)."""
    if d.kind is DiffKind.OMISSION:
        return safe(f"{d.before}[-{d.reference}-]{d.after}")
    if d.kind is DiffKind.MOVE:  # where the copy has it
        return safe(f"{d.before}{{+{d.copy}+}}{d.after}")
    old = f"[-{d.reference}-]" if d.reference else ""
    new = f"{{+{d.copy}+}}" if d.copy else ""
    return safe(f"{d.before}{old}{new}{d.after}")


def pair_line(r: PairResult) -> str:
    o = r.outcome
    accepted = sum(d.kind is DiffKind.EDIT for d in r.accepted)
    substantive = f"substantive {r.edits}" + (f" ({accepted} accepted)" if accepted else "")
    parts = [o.verdict.value, f"coverage {percent(o.reference_coverage)}", substantive]
    moves = sum(d.kind is DiffKind.MOVE for d in o.differences)
    if moves:
        parts.append(f"moved {moves}")
    if r.pair.settings.embedded and o.region_lines is not None:
        (_, _), (b0, b1) = o.region_lines
        parts.append(f"found at lines {b0}–{b1}")
    if r.cached:
        parts.append("cached")
    status = "PASS" if r.passed else "FAIL"
    return f"{status}  {safe(r.pair.check)}  {safe(r.pair.copy)}  " + " · ".join(parts)


def difference_line(r: PairResult, d: Difference) -> str:
    where = f"{safe(r.pair.copy)}:{d.line}:{d.column}"
    head = f"  - {where}: {describe(d)} (reference line {d.reference_line})"
    return f"{head}\n      > {in_context(d)}"


def stale_line(e: Entry) -> str:
    what = {DiffKind.OMISSION: "missing paragraph", DiffKind.MOVE: "moved paragraph"}.get(
        e.kind, f"{e.category.value} edit"
    )
    return (
        f"stale baseline entry: {safe(e.copy)} vs {safe(e.reference)}: {what} "
        f"{safe(e.context)} no longer occurs"
    )


def error_line(e: PairError) -> str:
    return f"ERROR  {safe(e.pair.check)}  {safe(e.pair.copy)}  bad input: {safe(e.message)}"


def render(report: Report, label: str = "") -> str:
    lines = [error_line(e) for e in report.errors]
    for r in report.results:
        lines.append(pair_line(r))
        if r.passed:
            continue
        lines += [f"  ✗ {safe(reason)}" for reason in r.reasons]
        for d in r.new[:MAX_SHOWN]:
            lines.append(difference_line(r, d))
        if len(r.new) > MAX_SHOWN:
            lines.append(f"  … and {plural(len(r.new) - MAX_SHOWN, 'more difference')}")
    stale = report.stale
    lines += [stale_line(e) for e in stale]
    if stale:
        lines.append(
            f"note: {plural(len(stale), 'stale baseline entry')}; "
            "textdiff check --update-baseline drops them"
        )
    total = len(report.results) + len(report.errors)
    tail = f"{number(report.failed)} failed, {number(report.passed)} passed"
    if report.errors:
        tail += f", {number(len(report.errors))} not checked (bad input)"
    tail += f" ({plural(total, 'pair')}"
    tail += f", {number(report.cached)} from cache)" if report.cached else ")"
    lines.append(tail + (f" · {safe(label)}" if label else ""))
    return "".join(inert(line) + "\n" for line in "\n".join(lines).split("\n"))
