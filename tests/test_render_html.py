"""render.html: a self-contained page, escaped, hashed, deterministic, and complete.

No browser here (see tests/browser for the page in Chromium): the page is
parsed with html.parser and checked against the Comparison it came from.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

import textdiff
from textdiff.commands.report import default_output
from textdiff.model import Category, Comparison, Document, Op
from textdiff.render import html as report
from textdiff.render.html import build, content_security_policy, render

from .conftest import BULLETIN, CLOSING, run_cli

HOSTILE = (
    '<script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned=2"> '
    "then </textarea><textarea> and \"quotes\" 'single' & ampersand &amp; "
    'and a link javascript:alert(1) and <a href="javascript:alert(2)">click</a>.\n'
)

# A pair with every block kind: a move, a split, a deletion, an insertion, edits.
_P = {
    "T": "The Title",
    "1": "First paragraph is about cats and dogs in the garden.",
    "2": "Second paragraph is about the weather we had today and yesterday.",
    "3": "Third paragraph concerns the economy of the nation and its people.",
    "4": "Fourth paragraph recounts a journey by train across the wide plains.",
    "5": "Fifth paragraph describes a market square full of noise and colour.",
    "6": "Sixth paragraph tells of rivers and mountains that lie far away. "
    "It goes on for a second sentence about the valleys.",
    "6a": "Sixth paragraph tells of rivers and mountains that lie far away.",
    "6b": "It goes on for a second sentence about the valleys.",
    "7": "Seventh paragraph ends it all with a bang and a behaviour.",
    "7b": "Seventh paragraph ends it all with a whimper and a behavior.",
    "8": "Appendix: errata compiled by the printer in haste.",
    "9": "An editorial note, new in this edition, on sources and witnesses.",
}
KINDS_A = "\n\n".join(_P[k] for k in "T 1 2 3 4 8 5 6 7".split()) + "\n"
KINDS_B = "\n\n".join(_P[k] for k in "T 1 3 9 4 5 6a 6b 2 7b".split()) + "\n"


class _Page(HTMLParser):
    """Collects tags, attributes, inline code and the text of each cell as a reader sees it.

    Screen-reader text, location labels, paragraph marks and the inline view's
    copies of deletions are left out; rows showing where a moved block stood
    are kept apart, since their text is a copy.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self.cells: list[tuple[str, str, str]] = []  # (row kind, side, text)
        self.marks: list[tuple[str, str, str, bool]] = []  # (tag, side, category, redline)
        self._stack: list[tuple[str, set[str]]] = []
        self._raw: str | None = None
        self._row = ""
        self._cell: tuple[str, list[str]] | None = None
        self._depth_cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        classes = set((a.get("class") or "").split())
        if a.get("data-c") == "whitespace":
            classes.add("ws")  # shown as ↵ and · symbols: compared elsewhere
        if tag in ("style", "script"):
            self._raw = tag
            self.raw[tag].append("")
        if "row" in classes:
            self._row = next(c[2:] for c in classes if c.startswith("k-"))
        if "cell" in classes:
            self._cell = ("a" if "a" in classes else "b", [])
            self._depth_cell = len(self._stack)
        if tag in ("ins", "del") and self._cell is not None:
            self.marks.append((tag, self._cell[0], a.get("data-c") or "", "rl" in classes))
        if tag not in ("br", "meta", "input", "link", "img"):
            self._stack.append((tag, classes))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._raw = None
        if self._stack and self._stack[-1][0] == tag:
            self._stack.pop()
        if self._cell is not None and len(self._stack) == self._depth_cell:
            self.cells.append((self._row, self._cell[0], "".join(self._cell[1])))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self.raw[self._raw][-1] += data
            return
        if self._cell is None:
            return
        skip = {"vh", "loc", "pm", "rl", "absent", "ws"}
        if any(classes & skip for _, classes in self._stack):
            return
        self._cell[1].append(data)


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


def _squash(s: str) -> str:
    return "".join(s.split())


def _expected(c: Comparison, side: str) -> str:
    """The side's text over all blocks, in block order, as the page should show it."""
    text = c.a.document.text if side == "a" else c.b.document.text
    out = []
    for blk in c.blocks:
        for s in blk.segments:
            if s.category is Category.WHITESPACE:
                continue  # shown as ↵ and · symbols, checked elsewhere
            out.append(text[s.a0 : s.a1] if side == "a" else text[s.b0 : s.b1])
    return _squash("".join(out))


@pytest.fixture(scope="module")
def seed() -> Comparison:
    return textdiff.compare(str(CLOSING), str(BULLETIN))


@pytest.fixture(scope="module")
def seed_page(seed: Comparison) -> str:
    return render(seed, version="test")


def test_csp_hashes_match_the_inline_code(seed_page: str) -> None:
    p = _parse(seed_page)
    assert len(p.raw["style"]) == 1 and len(p.raw["script"]) == 1
    css, js = p.raw["style"][0], p.raw["script"][0]
    meta = [
        a for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(meta) == 1
    policy = meta[0]["content"] or ""

    def sha(code: str) -> str:
        return base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")

    assert f"script-src 'sha256-{sha(js)}'" in policy
    assert f"style-src 'sha256-{sha(css)}'" in policy
    for directive in ("default-src 'none'", "img-src 'none'", "base-uri 'none'",
                      "form-action 'none'"):  # fmt: skip
        assert directive in policy
    assert "unsafe" not in policy and "connect-src" not in policy
    assert policy == content_security_policy(css, js)
    # The policy must come before the code it governs.
    assert seed_page.index("Content-Security-Policy") < seed_page.index("<style>")


def test_self_contained_no_requests(seed_page: str) -> None:
    p = _parse(seed_page)
    for tag, attrs in p.tags:
        assert tag not in ("img", "link", "iframe", "object", "embed", "base", "form"), tag
        assert "src" not in attrs and "style" not in attrs, (tag, attrs)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#"), attrs
    css, js = p.raw["style"][0], p.raw["script"][0]
    assert "url(" not in css and "@import" not in css
    for needle in ("fetch(", "XMLHttpRequest", "innerHTML", "eval(", "new Function", "http"):
        assert needle not in js, needle


def test_hostile_text_is_escaped_everywhere() -> None:
    doc_a = Document('<script>alert("path")</script>.txt', HOSTILE, "utf-8", 1.0, "given",
                     "0" * 64, len(HOSTILE))  # fmt: skip
    b_text = HOSTILE.replace("single", "double") + "\nMore: <b onmouseover=alert(3)>x</b>\n"
    doc_b = Document("b\"'><img src=x>.txt", b_text, "utf-8", 1.0, "given", "1" * 64,
                     len(b_text))  # fmt: skip
    page = render(textdiff.compare_documents(doc_a, doc_b), version="<b>v</b>")
    p = _parse(page)
    assert [t for t, _ in p.tags].count("script") == 1  # ours only
    assert not [t for t, _ in p.tags if t in ("img", "textarea", "a") and t != "a"]
    for tag, attrs in p.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or ""), (tag, name)
        if tag == "a":
            assert (attrs["href"] or "").startswith("#")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "&lt;/textarea&gt;" in page and "&#34;quotes&#34;" in page and "&amp;amp;" in page
    assert "<b>v</b>" not in page and "&lt;b&gt;v&lt;/b&gt;" in page
    text_a = "".join(t for kind, side, t in p.cells if side == "a")
    assert "<script>window.__pwned = 1</script>" in text_a
    assert "javascript:alert(1)" in text_a


def test_controls_and_bidi_overrides_are_shown() -> None:
    c = textdiff.compare_texts("plain \u202eevil\u202c text \x1b[2J here\n", "plain text here\n")
    page = render(c, version="t")
    assert "\u202e" not in page and "\x1b" not in page
    assert "[U+202E]" in page and "␛" in page


def test_invisible_characters_and_odd_file_names_are_shown() -> None:
    """Zero-width, line-separator and NEL characters and an undecodable file-name byte (a lone
    surrogate, which would not even encode) are visible on the page, as on the terminal."""
    a = textdiff.load_bytes(b"plain text here\n", "bad\udcff\u2028name.txt")
    b = textdiff.load_bytes("plain\u200b text\u2028here\x85 \u00ad\n".encode(), "b.txt")
    from textdiff.pipeline import compare_documents

    page = render(compare_documents(a, b, textdiff.Options()), version="t")
    page.encode("utf-8")  # strict: no lone surrogate left
    for ch in ("\u200b", "\u2028", "\x85", "\u00ad"):
        assert ch not in page
    assert "[U+200B]" in page and "[U+2028]" in page and "[U+0085]" in page
    assert "bad[U+DCFF][U+2028]name.txt" in page


def test_templates_never_mark_text_safe() -> None:
    for path in report.TEMPLATES.glob("*"):
        source = path.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "Markup" not in source, path
    env = report._environment()
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined


def test_strict_undefined_raises() -> None:
    env = report._environment()
    template = env.get_template("report.html.j2")
    with pytest.raises(jinja2.UndefinedError):
        template.render(csp="", css="", js="", buckets=100)  # no report: must not render blank


def test_same_bytes_twice_and_no_timestamp(
    seed: Comparison, seed_page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = render(seed, version="test")
    assert again == seed_page
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", again)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = render(seed, version="test")
    assert "on 2023-11-14 22:13 UTC" in stamped
    assert render(seed, version="test") == stamped


@pytest.mark.parametrize(
    "pair",
    [
        "seed",
        pytest.param((KINDS_A, KINDS_B), id="kinds"),
        pytest.param(("a b c\n", ""), id="one-empty"),
        pytest.param((HOSTILE, HOSTILE.upper()), id="hostile"),
    ],
)
def test_every_segment_of_every_block_is_shown(pair: object, seed: Comparison) -> None:
    c = seed if pair == "seed" else textdiff.compare_texts(*pair)  # type: ignore[misc]
    p = _parse(render(c, version="t"))
    for side in ("a", "b"):
        shown = "".join(t for kind, s, t in p.cells if s == side and kind != "moved-from")
        assert _squash(shown) == _expected(c, side)
    # One <del> in A's cell and one <ins> in B's per non-equal segment, with its category;
    # B's cell also carries each deletion for the inline view.
    expect_del: dict[str, int] = {}
    expect_ins: dict[str, int] = {}
    for blk in c.blocks:
        for s in blk.segments:
            if s.op is Op.EQUAL:
                continue
            assert s.category is not None
            if s.a1 > s.a0:
                expect_del[s.category.value] = expect_del.get(s.category.value, 0) + 1
            if s.b1 > s.b0:
                expect_ins[s.category.value] = expect_ins.get(s.category.value, 0) + 1

    def count(tag: str, side: str, redline: bool) -> dict[str, int]:
        out: dict[str, int] = {}
        for t, s, cat, rl in p.marks:
            if t == tag and s == side and rl == redline:
                out[cat] = out.get(cat, 0) + 1
        return out

    assert count("del", "a", False) == expect_del
    assert count("ins", "b", False) == expect_ins
    redlines = count("del", "b", True)
    assert all(redlines.get(k, 0) <= v for k, v in expect_del.items())
    assert not count("ins", "a", False) and not count("del", "b", False)


def test_block_kinds_as_rows_with_move_links() -> None:
    c = textdiff.compare_texts(KINDS_A, KINDS_B)
    kinds = {b.kind.value for b in c.blocks}
    assert {"moved", "split", "inserted", "deleted", "changed", "equal"} <= kinds
    page = render(c, version="t")
    r = build(c)
    rows = [x for it in r.items for x in (it.rows if isinstance(it, report.Fold) else [it])]
    moved = [x for x in rows if x.kind == "moved"]
    origin = [x for x in rows if x.kind == "moved-from"]
    assert len(moved) == len(origin) == 1
    n = moved[0].number
    assert moved[0].note is not None and moved[0].note.href == f"#change-{n}-origin"
    assert origin[0].note is not None and origin[0].note.href == f"#change-{n}"
    assert f'id="change-{n}-origin"' in page and f'id="change-{n}"' in page
    # Where the block stood in A: after the first paragraph, before the third.
    order = [x.kind for x in rows]
    assert order.index("moved-from") == 2 < order.index("moved")
    split = next(x for x in rows if x.kind == "split")
    assert split.b.place is not None and split.b.place.p0 != split.b.place.p1
    assert any(part is None for run in split.b.runs for part in run.parts)  # one break shown
    one_sided = {x.kind: x for x in rows if x.kind in ("inserted", "deleted")}
    assert one_sided["inserted"].a.place is None and one_sided["inserted"].a.absent == "not in A"
    assert one_sided["deleted"].b.place is None
    # Change numbers run 1..N over the rows that are changes, in page order.
    numbers = [x.number for x in rows if x.number]
    assert numbers == list(range(1, r.changes + 1))


def test_seed_pair_acceptance(seed: Comparison, seed_page: str) -> None:
    r = build(seed)
    assert r.verdict == "equivalent"
    cats = {x.name: x for x in r.categories}
    assert cats["spelling"].region == 4 and cats["substantive"].region == 0
    assert cats["typography"].region == seed.summary.region_edits[Category.TYPOGRAPHY]
    assert "A lines 3–65 correspond to B lines 254–317" in seed_page
    folds = [it for it in r.items if isinstance(it, report.Fold)]
    outside = [f for f in folds if f.reason == "outside"]
    # The bulletin before the address, its lead-in, and what follows it, all collapsed.
    assert len(outside) >= 2
    hidden_b = {i for f in outside for row in f.rows if row.b.place for i in
                range(row.b.place.p0, row.b.place.p1 + 1)}  # fmt: skip
    assert set(range(0, 115)) <= hidden_b and 150 in hidden_b
    assert '<details class="fold f-outside">' in seed_page and "<details open" not in seed_page
    for word in ("fulfil", "fulfill", "behaviour", "behavior"):
        assert word in seed_page


def test_long_equal_runs_fold_and_equal_text_is_not_wrapped() -> None:
    paras = [f"Paragraph number {i} says something unremarkable about item {i}." for i in range(40)]
    changed = list(paras)
    changed[20] = changed[20].replace("unremarkable", "remarkable")
    c = textdiff.compare_texts("\n\n".join(paras) + "\n", "\n\n".join(changed) + "\n")
    r = build(c)
    folds = [it for it in r.items if isinstance(it, report.Fold)]
    assert [f.reason for f in folds] == ["equal", "equal"]
    assert all(len(f.rows) == 20 - 2 * report.CONTEXT or len(f.rows) == 19 - 2 * report.CONTEXT
               for f in folds)  # fmt: skip
    assert r.changes == 1
    page = render(c, version="t")
    # An equal row is the row, its gutter, two cells with a label each: no per-word markup.
    first = page.index('<div class="row k-equal" data-block=')
    row = page[first : page.index("</div>\n", first)]
    assert row.count("<span") == 2 and "<ins" not in row


def test_minimap_bands_point_at_changes(seed: Comparison) -> None:
    r = build(seed)
    assert len(r.buckets) == report.BUCKETS
    targets = [b.target for b in r.buckets if b.target]
    assert targets and all(t.startswith("change-") for t in targets)
    assert sum(1 for b in r.buckets if b.heat) == len(targets)


def test_report_command_writes_atomically_with_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    res = run_cli("report", str(CLOSING), str(BULLETIN), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert res.stdout.decode().strip() == f"{out}: equivalent"
    assert (out.stat().st_mode & 0o044) == 0o044  # readable by others, like any new file
    res = run_cli("report", str(CLOSING), str(BULLETIN), "-o", "-", "--profile", "strict")
    assert res.returncode == 1 and res.stdout.startswith(b"<!DOCTYPE html>")
    res = run_cli("report", str(tmp_path / "missing.txt"), str(CLOSING), "-o", str(out))
    assert res.returncode == 2 and res.stderr.count(b"\n") == 1
    res = run_cli("report", str(CLOSING), str(BULLETIN), "-o", str(CLOSING))
    assert res.returncode == 2 and b"refusing to overwrite" in res.stderr
    res = run_cli("report", str(CLOSING), str(BULLETIN), "--ignore", "nonsense")
    assert res.returncode == 2


def test_default_output_name() -> None:
    assert default_output(str(CLOSING), str(BULLETIN)) == (
        "reports/closing-address-vs-embassy-bulletin.html"
    )
