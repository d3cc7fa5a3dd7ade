"""``textdiff inspect FILE``: how a file is read: encoding, how it was chosen, paragraphs, roles.

    textdiff inspect FILE [--format text|json] [--encoding CODEC] [--max-size SIZE]
                          [--docx-view accepted|original]

The text form is a header (path, encoding, sizes, format), for a PDF, web page or Word file what
its reader found (pages with their columns, running heads, folios and notes; regions; tracked
changes), the count of paragraphs by role, then a table with one row a paragraph (its number,
first line, role and opening words).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ._options import docx_view_option, max_size_option

if TYPE_CHECKING:
    from ..model import Document, Paragraph


@click.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--encoding", default=None, help="Decode with this codec instead of detecting one.")
@max_size_option
@docx_view_option
def inspect(file: str, fmt: str, encoding: str | None, max_size: int, docx_view: str) -> None:
    """Show how FILE is read: encoding, how it was chosen, paragraphs and roles.

    For a PDF also its pages, columns, running heads, folios and notes; for a
    web page or Word file what its reader marked (boilerplate, tracked changes).
    """
    from ..formats import pages
    from ..load import load
    from ..output import write_stdout
    from ..pipeline import segment_of

    doc = load(file, encoding, max_size, docx_view)
    paras = segment_of(doc).paragraphs
    if fmt == "json":
        import json

        from ..render.json import provenance

        found = pages(doc)
        record = {
            "path": doc.path,
            "encoding": doc.encoding,
            "encoding_confidence": doc.confidence,
            "encoding_method": doc.method,
            "bytes": doc.size,
            "chars": doc.chars,
            "format": doc.format,
            "sha256": doc.sha256,
            **provenance(doc),
            **({"pages": [pg._asdict() for pg in found]} if found else {}),
            "paragraphs": [
                {"index": p.index, "start": p.start, "end": p.end, "role": p.role.value}
                for p in paras
            ],
        }
        if doc.invalid:
            from ..render.json import invalid_bytes_json

            record["invalid_bytes"] = invalid_bytes_json(doc)
        from ..display import json_inert

        write_stdout(json_inert(json.dumps(record, indent=1)) + "\n")
        return
    write_stdout(render(doc, paras))


def render(doc: Document, paras: Sequence[Paragraph]) -> str:
    """The text form: header, paragraphs by role, and the table."""
    from ..display import Lines, escape, inert, invalid_bytes, number, plural

    roles: dict[str, int] = {}
    for p in paras:
        roles[p.role.value] = roles.get(p.role.value, 0) + 1
    out = [
        f"{escape(doc.path)}: {doc.encoding} ({doc.method}, confidence {doc.confidence:.2f}), "
        f"{plural(doc.size, 'byte')}, {plural(doc.chars, 'character')}, {doc.format}",
        *([invalid_bytes(doc, shown=20)] if doc.invalid else []),
        *(_source(doc) if doc.source is not None else []),
        f"{plural(len(paras), 'paragraph')}: "
        + ", ".join(f"{number(n)} {r}" for r, n in sorted(roles.items())),
    ]
    if paras:
        lines = Lines(doc.text)
        out.append(f"{'para':>5} {'line':>6}  {'role':<11} text")
        for p in paras:
            flat = " ".join(doc.text[p.start : p.end].split())
            flat = flat if len(flat) <= 72 else flat[:71] + "…"
            out.append(f"{p.index:>5} {lines.line(p.start):>6}  {p.role.value:<11} {escape(flat)}")
    return "".join(inert(line) + "\n" for line in out)


def _source(doc: Document) -> list[str]:
    """What a format reader found: pages and their furniture, regions, tracked changes."""
    from collections import Counter

    from ..display import escape, plural
    from ..formats import pages

    assert doc.source is not None
    src = doc.source
    engine = f", {src.engine}" if src.engine else ""
    view = f", {src.view} view" if src.view else ""
    out = [f"read by {src.reader}{engine}{view}"]

    def short(texts: tuple[str, ...], width: int) -> str:
        flat = " | ".join(" ".join(t.split()) for t in texts) or "-"
        return escape(flat if len(flat) <= width else flat[: width - 1] + "…")

    info = pages(doc)
    if info:
        out.append(plural(len(info), "page"))
        out.append(f"{'page':>5} {'cols':>4} {'lines':>5}  {'running head':<34} {'folio':<8} notes")
        for pg in info:
            out.append(
                f"{pg.page:>5} {pg.columns:>4} {pg.lines:>5}  {short(pg.heads, 34):<34} "
                f"{short(pg.folios, 8):<8} {len(pg.notes)}"
            )
    kinds = Counter(r.kind.value for r in doc.regions)
    if kinds:
        out.append("regions: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    for r in doc.regions:
        if r.kind.value in ("inserted", "deleted"):
            text = doc.text[r.start : r.end] or f"[not in this view: {r.attr('text') or ''}]"
            out.append(
                f"  {r.kind.value:<8} {escape(r.attr('author') or '?')} {r.attr('date') or ''}  "
                f"{escape(' '.join(text.split())[:60])}"
            )
    return out
