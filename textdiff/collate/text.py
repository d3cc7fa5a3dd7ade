"""Terminal summary of a collation: verdict, witnesses, rows, sites, where they depart most.

Every document string goes through ``display.escape`` (no raw control
characters reach the terminal).
"""

from __future__ import annotations

from ..display import escape as safe
from ..display import plural
from ..model import Category
from .build import Collation
from .model import RowKind

# How many rows of most variation to list.
TOP_ROWS = 8
INCIPIT = 60


def _counts(d: dict[Category, int]) -> str:
    return ", ".join(f"{n} {c.value}" for c, n in sorted(d.items(), reverse=True)) or "none"


def _incipit(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= INCIPIT else flat[: INCIPIT - 1] + "…"


def render(c: Collation) -> str:
    s = c.summary
    ref = c.witnesses[c.reference]
    out = [
        f"textdiff collate: {plural(len(c.witnesses), 'witness')}, "
        f"{plural(len(c.rows), 'row')}, {plural(len(c.sites), 'site')}: {s.verdict.value}",
        f"reference: {ref.id} {safe(ref.siglum)} (the witness most like all the others"
        + (")" if c.options.get("reference") == "auto" else ", as asked)"),
        "",
    ]
    width = max(len(safe(w.siglum)) for w in c.witnesses)
    out.append(
        f"  {'id':<4} {'siglum':<{width}}  {'verdict':<10} {'sim':>6} {'rows':>6} "
        f"{'subst':>6} {'acc':>6} {'sing':>5}  path"
    )
    for w, ws in zip(c.witnesses, s.witnesses, strict=True):
        subst = ws.departures.get(Category.SUBSTANTIVE, 0)
        acc = sum(n for cat, n in ws.departures.items() if cat is not Category.SUBSTANTIVE)
        sing = sum(ws.singular.values())
        verdict = "reference" if w is ref else ws.verdict.value
        region = "" if w.region is None else f" (region, {len(w.outside)} paragraphs outside)"
        out.append(
            f"  {w.id:<4} {safe(w.siglum):<{width}}  {verdict:<10} {ws.similarity:>6.3f} "
            f"{ws.rows:>6} {subst:>6} {acc:>6} {sing:>5}  {safe(w.document.path)}{region}"
        )
    for e in c.excluded:
        out.append(f"  excluded: {safe(e.path)} ({e.reason}, coverage {e.coverage:.0%})")
    out.append("")
    out.append("rows: " + ", ".join(f"{n} {k.value}" for k, n in s.rows.items()))
    out.append("sites: " + _counts(s.sites))
    ranked = sorted(
        (r for r in c.rows if r.kind is not RowKind.INVARIANT),
        key=lambda r: (-r.groups, -len(r.sites), r.id),
    )[:TOP_ROWS]
    if ranked:
        out.append("")
        out.append("rows where the witnesses part most (groups of readings at one site, sites):")
        for r in ranked:
            cell = r.cells[r.base]
            assert cell is not None
            text = c.witnesses[r.base].document.text[cell.span.start : cell.span.end]
            have = sum(x is not None for x in r.cells)
            out.append(
                f"  {r.id} {r.kind.value:<8} {have}/{plural(len(r.cells), 'witness')}, "
                f"{plural(r.groups, 'group')}, {plural(len(r.sites), 'site')}: "
                f"{safe(_incipit(text))}"
            )
    return "\n".join(out) + "\n"
