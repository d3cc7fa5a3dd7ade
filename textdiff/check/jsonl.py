"""JSON Lines output: one record per pair, then one per orphaned baseline entry.

    record(result)   the dict of one pair: status, reasons, the comparison summary, differences
    render(report)   the text, one compact ASCII JSON object a line

Every record has ``"schema": "textdiff.check/1"`` and a ``"type"``: ``error`` for a pair not
checked because its reference or copy is bad input (``"error"`` says why; these come first),
``pair`` for a compared pair, ``stale`` for a baseline entry whose pair no check names any more
(stale entries of a checked pair are inside its record). ``summary`` carries the comparison
summary of the JSON contract (``comparison-1.md``): verdict, similarity, coverage, region,
block and edit counts.
"""

from __future__ import annotations

import json
from typing import Any

from ..display import json_inert
from .evaluate import Difference
from .runner import PairError, PairResult, Report

SCHEMA = "textdiff.check/1"


def _difference(d: Difference, baselined: bool) -> dict[str, Any]:
    out = d.to_json()
    out["baselined"] = baselined
    return out


def record(r: PairResult) -> dict[str, Any]:
    o = r.outcome
    s = r.pair.settings
    accepted = {id(d) for d in r.accepted}  # the very objects match() sorted, not equal ones
    return {
        "schema": SCHEMA,
        "type": "pair",
        "check": r.pair.check,
        "reference": r.pair.reference,
        "copy": r.pair.copy,
        "status": r.status.value,
        "reasons": list(r.reasons),
        "settings": {
            "profile": s.profile,
            "allow": list(s.allow),
            "max_substantive": s.max_substantive,
            "min_coverage": s.min_coverage,
            "embedded": s.embedded,
            "moves_count": s.options.moves_count,
            "rules": s.rules.as_dict(),
        },
        "summary": {
            "verdict": o.verdict.value,
            "similarity": o.similarity,
            "coverage": {"a": o.coverage[0], "b": o.coverage[1]},
            "reference_coverage": round(o.reference_coverage, 4),
            "region": None
            if o.region is None
            else {"a": list(o.region[0]), "b": list(o.region[1])},
            "blocks": dict(o.blocks),
            "edits": dict(o.edits),
            "region_edits": dict(o.region_edits),
        },
        "substantive": r.edits,
        "differences": [_difference(d, id(d) in accepted) for d in o.differences],
        "stale": [e.record() for e in r.stale],
        "cached": r.cached,
    }


def error_record(e: PairError) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "type": "error",
        "check": e.pair.check,
        "reference": e.pair.reference,
        "copy": e.pair.copy,
        "status": "error",
        "error": e.message,
    }


def render(report: Report) -> str:
    records = [error_record(e) for e in report.errors]
    records += [record(r) for r in report.results]
    records += [
        {
            "schema": SCHEMA,
            "type": "stale",
            "reference": e.reference,
            "copy": e.copy,
            "entry": e.record(),
        }
        for e in report.orphans
    ]
    # ASCII-only: a terminal or log viewer never meets a raw control or bidi character, nor a
    # CI runner a workflow command.
    return "".join(json_inert(json.dumps(rec, ensure_ascii=True)) + "\n" for rec in records)
