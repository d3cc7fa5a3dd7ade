"""model: enums carry the JSON spellings; categories order by severity."""

from __future__ import annotations

from textdiff import BlockKind, Category, Op, Role, Verdict


def test_severity_order_matches_the_spec() -> None:
    spec = (
        "substantive > boilerplate > spelling > punctuation > case > formatting > "
        "typography > whitespace"
    )
    order = [Category(name) for name in spec.split(" > ")]
    assert order == sorted(Category, reverse=True)
    assert max(Category.TYPOGRAPHY, Category.SUBSTANTIVE) is Category.SUBSTANTIVE


def test_enum_values() -> None:
    assert {k.value for k in BlockKind} == {
        "equal",
        "changed",
        "split",
        "merged",
        "moved",
        "deleted",
        "inserted",
    }
    assert {o.value for o in Op} == {"equal", "insert", "delete", "replace"}
    assert {r.value for r in Role} == {"text", "heading", "boilerplate"}
    assert {v.value for v in Verdict} == {"identical", "equivalent", "variant", "unrelated"}
    assert not BlockKind.INSERTED.aligned and BlockKind.MOVED.aligned
