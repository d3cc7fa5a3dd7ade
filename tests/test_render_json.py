"""render.json: the contract's schema, field spellings, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import textdiff
from textdiff.render.json import SCHEMA, dumps, to_dict

from .conftest import BULLETIN, CLOSING, SHARED

SCHEMA_FILE = SHARED / "spec" / "comparison-1.schema.json"


@pytest.mark.skipif(not SCHEMA_FILE.exists(), reason="../shared/spec not present")
def test_validates_against_the_published_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    out = to_dict(textdiff.compare(str(CLOSING), str(BULLETIN)), "t")
    jsonschema.Draft202012Validator(schema).validate(out)
    assert out["schema"] == SCHEMA == schema["properties"]["schema"]["const"]


def test_enum_values_are_the_json_spellings() -> None:
    out = to_dict(textdiff.compare_texts("Back to top button\n\nA b c.", "A b c, d."), "t")
    kinds = {b["kind"] for b in out["blocks"]}
    assert kinds <= {"equal", "changed", "split", "merged", "moved", "deleted", "inserted"}
    assert {p["role"] for p in out["documents"][0]["paragraphs"]} == {"boilerplate", "text"}


def test_same_input_same_bytes_and_valid_json(tmp_path: Path) -> None:
    c = textdiff.compare(str(CLOSING), str(BULLETIN))
    one, two = dumps(c, "1"), dumps(c, "1")
    assert one == two and one.endswith("\n") and one.isascii()
    assert json.loads(dumps(c, "1", indent=2)) == json.loads(one)


@pytest.mark.parametrize("pair", [(CLOSING, BULLETIN), (BULLETIN, CLOSING)])
def test_compact_json_is_written_block_by_block_as_json_dumps_writes_it(
    pair: tuple[Path, Path],
) -> None:
    """dumps() assembles compact JSON from its blocks (to bound memory on huge pairs);
    the bytes are exactly json.dumps of the whole object."""
    from textdiff.display import json_inert

    c = textdiff.compare(str(pair[0]), str(pair[1]))
    whole = json.dumps(to_dict(c, "9"), ensure_ascii=True, separators=(",", ":"))
    assert dumps(c, "9") == json_inert(whole) + "\n"


def test_json_in_pieces_is_the_same_bytes_at_every_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """chunks() writes long lists (paragraphs, blocks) a few items per piece; cut after
    every item, the joined pieces are still exactly json.dumps of the whole object, with
    ``##[`` in the text made inert however the pieces fall."""
    import textdiff.render.json as rj
    from textdiff.display import json_inert

    a = "Head ##[error]x\n\nOne two three.\n\n##[warning] four five six.\n\nSeven eight.\n"
    b = "Head ##[error]y\n\nOne two three!\n\nSeven eight.\n\nNine ##[debug] ten.\n"
    c = textdiff.compare_texts(a, b)
    whole = json_inert(json.dumps(to_dict(c, "9"), ensure_ascii=True, separators=(",", ":")))
    monkeypatch.setattr(rj, "ITEMS_PER_CHUNK", 1)
    pieces = list(rj.chunks(c, "9"))
    assert len(pieces) > 2 * (len(c.blocks) + len(c.a.paragraphs))
    assert "".join(pieces) == whole + "\n"
    assert "##[" not in "".join(pieces)


def test_compare_writes_json_piece_by_piece_to_a_file_and_to_stdout(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from textdiff.cli import cli

    out = tmp_path / "out.json"
    args = ["compare", str(CLOSING), str(BULLETIN), "--format", "json"]
    shown = CliRunner().invoke(cli, args)
    written = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert shown.exit_code == written.exit_code
    c = textdiff.compare(str(CLOSING), str(BULLETIN))
    assert shown.output == out.read_text(encoding="utf-8") == dumps(c, textdiff.__version__)
