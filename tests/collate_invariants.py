"""Invariants of a ``textdiff.collation/1`` document, checked from the JSON and the witness texts.

Independent of the code that builds a collation: it reads only the contract
(the schema's description lists these invariants) and the decoded texts.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from textdiff.collate.jsonout import SCHEMA_FILE


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check(d: dict[str, Any], texts: dict[str, str]) -> None:
    """Assert every invariant of collation ``d``; ``texts``: witness id -> decoded text."""
    _validator().validate(d)
    wits = [w["id"] for w in d["witnesses"]]
    assert wits == [f"w{k + 1}" for k in range(len(wits))]
    assert d["reference"] == "w1"
    sites = {s["id"]: s for s in d["sites"]}
    assert len(sites) == len(d["sites"])
    rows = {r["id"]: r for r in d["rows"]}

    # Every paragraph inside a region is in exactly one cell; the others are listed outside.
    seen: dict[str, list[int]] = {w: [] for w in wits}
    last: dict[str, int] = {w: -1 for w in wits}
    for r in d["rows"]:
        present = [w for w, c in zip(wits, r["cells"], strict=True) if c is not None]
        assert present, r["id"]
        assert r["cells"][wits.index(r["base"])]["status"] == "base"
        for w, cell in zip(wits, r["cells"], strict=True):
            if cell is None:
                continue
            paras = cell["paragraphs"]
            info = d["witnesses"][wits.index(w)]["paragraphs"]
            assert cell["span"] == [info[paras[0]]["start"], info[paras[-1]]["end"]]
            seen[w].extend(paras)
            if cell["status"] == "moved":
                assert len(paras) == 1
            else:
                assert paras == list(range(paras[0], paras[-1] + 1)), (r["id"], w, paras)
                assert paras[0] > last[w], (r["id"], w, "out of reading order")
                last[w] = paras[-1]
        kind = r["kind"]
        if len(present) == 1:
            assert kind == "singular"
        elif len(present) < len(wits):
            assert kind == "partial"
        else:
            assert kind in ("invariant", "variant")
            assert (kind == "invariant") == (
                not r["sites"] and all(c["status"] != "moved" for c in r["cells"])
            )
        for sid in r["sites"]:
            assert sites[sid]["row"] == r["id"]
    for k, w in enumerate(wits):
        info = d["witnesses"][k]
        expected = sorted(set(range(len(info["paragraphs"]))) - set(info["outside"]))
        assert sorted(seen[w]) == expected, w

    # Sites: readings partition the witnesses present; every witness's cell is the base cell with
    # each site replaced by its reading.
    by_row: dict[str, list[dict[str, Any]]] = {}
    for s in d["sites"]:
        by_row.setdefault(s["row"], []).append(s)
    for rid, row_sites in by_row.items():
        r = rows[rid]
        assert [s["id"] for s in row_sites] == r["sites"]
        cells = dict(zip(wits, r["cells"], strict=True))
        present = sorted(w for w, c in cells.items() if c is not None)
        base = r["base"]
        btext = texts[base]
        worst = None
        order = ["whitespace", "typography", "formatting", "case", "punctuation", "spelling",
                 "boilerplate", "substantive"]  # fmt: skip
        for s in row_sites:
            got = sorted(w for rd in s["readings"] for w in rd["wit"])
            assert got == present, (s["id"], got, present)
            assert s["readings"][0]["wit"][0] == base or base in s["readings"][0]["wit"]
            assert s["readings"][0]["spans"][base] == s["base"]
            assert "category" not in s["readings"][0]
            texts_seen = set()
            for k, rd in enumerate(s["readings"]):
                assert (k == 0) == ("category" not in rd)
                assert rd["text"] not in texts_seen
                texts_seen.add(rd["text"])
                for w in rd["wit"]:
                    x0, x1 = rd["spans"][w]
                    c0, c1 = cells[w]["span"]
                    assert c0 <= x0 <= x1 <= c1, (s["id"], w)
                    assert texts[w][x0:x1] == rd["text"], (s["id"], w)
            cats = [rd["category"] for rd in s["readings"][1:]]
            assert s["category"] == max(cats, key=order.index)
            assert (s["type"] == "substantive") == (s["category"] == "substantive")
            members = sorted(k for g in s["groups"] for k in g["readings"])
            assert members == list(range(len(s["readings"])))
            for gi, g in enumerate(s["groups"]):
                assert g["text"] == s["readings"][g["readings"][0]]["text"]
                for k in g["readings"]:
                    assert s["readings"][k]["group"] == gi
            assert 0 in s["groups"][0]["readings"]
            if s["category"] in d["options"]["ignored"]:
                assert len(s["groups"]) == 1, s["id"]
            worst = s["category"] if worst is None else max(worst, s["category"], key=order.index)
        assert r["worst"] == worst
        b0, b1 = cells[base]["span"]
        for w in present:
            out, pos = [], b0
            for s in row_sites:
                s0, s1 = s["base"]
                assert pos <= s0, (s["id"], "sites overlap")
                out.append(btext[pos:s0])
                rd = next(rd for rd in s["readings"] if w in rd["wit"])
                out.append(rd["text"])
                pos = s1
            out.append(btext[pos:b1])
            c0, c1 = cells[w]["span"]
            assert "".join(out) == texts[w][c0:c1], (rid, w)
    for r in d["rows"]:
        if r["id"] not in by_row:
            assert r["worst"] is None
            cells = [c for c in r["cells"] if c is not None]
            base_cell = r["cells"][wits.index(r["base"])]
            b = texts[r["base"]][base_cell["span"][0] : base_cell["span"][1]]
            for w, c in zip(wits, r["cells"], strict=True):
                if c is not None:
                    assert texts[w][c["span"][0] : c["span"][1]] == b
            assert cells
