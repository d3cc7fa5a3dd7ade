"""``textdiff inspect FILE``: how a file is read: encoding, how it was chosen, paragraphs, roles.

    textdiff inspect FILE [--format text|json] [--encoding CODEC] [--max-size SIZE]

The text form is a header (path, encoding, sizes, format), the count of paragraphs by role, then
a table with one row a paragraph (its number, first line, role and opening words).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ._options import max_size_option

if TYPE_CHECKING:
    from ..model import Document, Paragraph


@click.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--encoding", default=None, help="Decode with this codec instead of detecting one.")
@max_size_option
def inspect(file: str, fmt: str, encoding: str | None, max_size: int) -> None:
    """Show how FILE is read: encoding, how it was chosen, paragraphs and roles."""
    from ..load import load
    from ..output import write_stdout
    from ..segment import segment

    doc = load(file, encoding, max_size)
    paras = segment(doc.text)
    if fmt == "json":
        import json

        record = {
            "path": doc.path,
            "encoding": doc.encoding,
            "encoding_confidence": doc.confidence,
            "encoding_method": doc.method,
            "bytes": doc.size,
            "chars": doc.chars,
            "format": doc.format,
            "sha256": doc.sha256,
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
