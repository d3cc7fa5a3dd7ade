"""JSON renderer: the contract ``textdiff.collation/1`` (schema: ``collation-1.schema.json``).

Deterministic: keys in a fixed order, no timestamps, witnesses referred to
by id (``w1`` ... in column order), rows and sites by id (``r0001``,
``s0001``), the same ids the TEI and HTML outputs use. Offsets are Python
``str`` indices into each witness's decoded text, half-open, as in
``textdiff.comparison/1``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import Category
from .build import Collation
from .model import Cell, Site, Witness
from .rules import RULES

SCHEMA = "textdiff.collation/1"
SCHEMA_FILE = Path(__file__).resolve().parent / "schema" / "collation-1.schema.json"


def _witness(w: Witness) -> dict[str, Any]:
    d = w.document
    return {
        "id": w.id,
        "siglum": w.siglum,
        "path": d.path,
        "encoding": d.encoding,
        "encoding_confidence": d.confidence,
        "encoding_method": d.method,
        "sha256": d.sha256,
        "bytes": d.size,
        "chars": d.chars,
        "format": d.format,
        "paragraphs": [
            {"index": p.index, "start": p.start, "end": p.end, "role": p.role.value}
            for p in w.paragraphs
        ],
        "region": None if w.region is None else [w.region.start, w.region.end],
        "coverage": w.coverage,
        "outside": list(w.outside),
    }


def _cell(c: Cell | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "paragraphs": list(c.paragraphs),
        "span": [c.span.start, c.span.end],
        "status": c.status.value,
        "similarity": c.similarity,
    }


def _site(s: Site, coll: Collation) -> dict[str, Any]:
    ids = [w.id for w in coll.witnesses]
    readings = []
    for r in s.readings:
        rd: dict[str, Any] = {
            "wit": [ids[w] for w in r.witnesses],
            "spans": {
                ids[w]: [sp.start, sp.end] for w, sp in zip(r.witnesses, r.spans, strict=True)
            },
            "text": r.text,
            "group": r.group,
        }
        if r.category is not None:
            rd["category"] = r.category.value
        readings.append(rd)
    return {
        "id": s.id,
        "row": coll.rows[s.row].id,
        "kind": s.kind.value,
        "type": s.type.value,
        "category": s.category.value,
        "base": [s.base.start, s.base.end],
        "fingerprint": s.fingerprint,
        "readings": readings,
        "groups": [{"text": g.text, "readings": list(g.readings)} for g in s.groups],
    }


def _counts(d: dict[Category, int]) -> dict[str, int]:
    return {k.value: n for k, n in d.items()}


def to_dict(c: Collation, version: str) -> dict[str, Any]:
    """The collation as the contract's JSON object."""
    ids = [w.id for w in c.witnesses]
    s = c.summary
    return {
        "schema": SCHEMA,
        "tool": {"name": "textdiff", "version": version},
        "options": c.options,
        "categories": [{"id": cat.value, "rule": RULES[cat]} for cat in Category],
        "witnesses": [_witness(w) for w in c.witnesses],
        "excluded": [
            {"path": e.path, "reason": e.reason, "coverage": e.coverage} for e in c.excluded
        ],
        "reference": ids[c.reference],
        "rows": [
            {
                "id": r.id,
                "kind": r.kind.value,
                "role": r.role.value,
                "base": ids[r.base],
                "cells": [_cell(cell) for cell in r.cells],
                "sites": [c.sites[k].id for k in r.sites],
                "worst": None if r.worst is None else r.worst.value,
                "groups": r.groups,
            }
            for r in c.rows
        ],
        "sites": [_site(site, c) for site in c.sites],
        "summary": {
            "verdict": s.verdict.value,
            "rows": {k.value: n for k, n in s.rows.items()},
            "sites": _counts(s.sites),
            "witnesses": {
                ids[k]: {
                    "verdict": ws.verdict.value,
                    "similarity": ws.similarity,
                    "rows": ws.rows,
                    "departures": _counts(ws.departures),
                    "singular": _counts(ws.singular),
                }
                for k, ws in enumerate(s.witnesses)
            },
            "pairs": [
                {
                    "a": ids[p.a],
                    "b": ids[p.b],
                    "similarity": p.similarity,
                    "differ": _counts(p.differ),
                }
                for p in s.pairs
            ],
        },
    }


def dumps(c: Collation, version: str, indent: int | None = None) -> str:
    """The JSON text, newline-terminated; same inputs and options, same bytes."""
    separators = (",", ": ") if indent is not None else (",", ":")
    return (
        json.dumps(to_dict(c, version), ensure_ascii=True, indent=indent, separators=separators)
        + "\n"
    )
