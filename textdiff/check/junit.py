"""JUnit XML: one ``<testcase>`` per pair, one ``<testsuite>`` per check.

    xml_text(s)       s with every character XML 1.0 forbids made visible (``\\x0c``)
    render(report)    the document, built with xml.etree so escaping is never by hand

Names and paths are shown through ``display.escape``, as on the terminal. The failure text keeps
its line breaks, so it passes ``xml_text`` instead: OCR output carries form feeds, escape
characters and other C0 controls that XML 1.0 cannot hold even as character references (a
parser would reject the whole report); they are replaced by their Python escape (``\\x07``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..display import escape
from .human import describe, in_context, pair_line, stale_line
from .runner import PairError, PairResult, Report

# The complement of XML 1.0's Char production.
_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(s: str) -> str:
    """Make ``s`` storable in XML 1.0.

    >>> xml_text("page\\x0cbreak\\x07 ok\\ufffe")
    'page\\\\x0cbreak\\\\x07 ok\\\\ufffe'
    """
    return _ILLEGAL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), s)


def _case(r: PairResult) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "classname": escape(f"textdiff.check.{r.pair.check}"),
            "name": escape(r.pair.copy),
            "file": escape(r.pair.copy),
            "time": f"{r.seconds:.3f}",
        },
    )
    if not r.passed:
        failure = ET.SubElement(
            case,
            "failure",
            {"message": xml_text("; ".join(r.reasons)), "type": "textdiff.check"},
        )
        lines = [
            f"{escape(r.pair.copy)}:{d.line}:{d.column}: {describe(d)} "
            f"(reference {escape(r.pair.reference)} line {d.reference_line})\n    {in_context(d)}"
            for d in r.new
        ]
        failure.text = xml_text("\n".join(lines))
    out = [pair_line(r)] + [stale_line(e) for e in r.stale]
    ET.SubElement(case, "system-out").text = xml_text("\n".join(out))
    return case


def _error_case(e: PairError) -> ET.Element:
    case = ET.Element(
        "testcase",
        {
            "classname": escape(f"textdiff.check.{e.pair.check}"),
            "name": escape(e.pair.copy),
            "file": escape(e.pair.copy),
            "time": "0.000",
        },
    )
    ET.SubElement(case, "error", {"message": escape(f"bad input: {e.message}"), "type": "input"})
    return case


def render(report: Report) -> str:
    root = ET.Element(
        "testsuites",
        {
            "name": "textdiff check",
            "tests": str(len(report.results) + len(report.errors)),
            "failures": str(report.failed),
            "errors": str(len(report.errors)),
            "time": f"{sum(r.seconds for r in report.results):.3f}",
        },
    )
    suites: dict[str, list[PairResult | PairError]] = {}
    items_in_order: list[PairResult | PairError] = [*report.errors, *report.results]
    for item in items_in_order:
        suites.setdefault(item.pair.check, []).append(item)
    for name, items in suites.items():
        results = [r for r in items if isinstance(r, PairResult)]
        errors = [e for e in items if isinstance(e, PairError)]
        suite = ET.SubElement(
            root,
            "testsuite",
            {
                "name": escape(name),
                "tests": str(len(items)),
                "failures": str(sum(not r.passed for r in results)),
                "errors": str(len(errors)),
                "skipped": "0",
                "time": f"{sum(r.seconds for r in results):.3f}",
            },
        )
        suite.extend(_error_case(e) for e in errors)
        suite.extend(_case(r) for r in results)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
