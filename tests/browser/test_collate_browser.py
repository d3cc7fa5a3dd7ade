"""The collation view in a real browser: headless Debian Chromium driven by Playwright.

Every page is opened from file:// with all other requests aborted; each test
that loads a page checks it stayed clean (no console errors, CSP violations,
requests or dialogs). Skipped when /usr/bin/chromium or playwright is missing.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from textdiff.collate import Collation, collate, collate_documents
from textdiff.collate.html import render
from textdiff.load import load_bytes

from ..conftest import ADDRESS_2013, CORPORA, OPENING_2021, RODONG
from ..test_collate_html import hostile_collation
from .conftest import HAVE_BROWSER, Opened, wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_BROWSER, reason="needs /usr/bin/chromium and playwright"),
]

FRANKENSTEIN = CORPORA / "frankenstein-variorum" / "full"


def _twenty() -> Collation:
    """Twenty witnesses of a short text, each with its own accidentals and substitutions."""
    rnd = random.Random(12)
    base = ADDRESS_2013.read_text(encoding="utf-8").split("\n\n")[:12]
    docs = []
    for k in range(20):
        paras = []
        for p in base:
            words = p.split(" ")
            for _ in range(rnd.randint(0, 2)):
                i = rnd.randrange(len(words))
                words[i] = rnd.choice([words[i].upper(), words[i] + ",", "people", words[i]])
            paras.append(" ".join(words))
        docs.append(load_bytes("\n\n".join(paras).encode(), f"copy-{k:02d}.txt"))
    return collate_documents(docs)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Collation]]:
    out = tmp_path_factory.mktemp("collate")
    made = {
        "three": collate([str(ADDRESS_2013), str(OPENING_2021), str(RODONG)]),
        "hostile": hostile_collation(),
        "twenty": _twenty(),
    }
    if (FRANKENSTEIN / "1818.txt").exists():
        made["frankenstein"] = collate(
            [str(FRANKENSTEIN / f"{n}.txt") for n in ("1818", "1823", "Thomas", "1831")]
        )
    paths = {}
    for name, c in made.items():
        path = out / f"{name}.html"
        path.write_text(render(c, version="test"), encoding="utf-8")
        paths[name] = (path, c)
    return paths


def _first_variant(c: Collation) -> str:
    return next(r.id for r in c.rows if r.sites and all(x is not None for x in r.cells))


def test_loads_clean_offline(pages: dict[str, tuple[Path, Collation]], open_report: Any) -> None:
    for name in sorted(pages):
        o: Opened = open_report(pages[name][0])
        o.assert_clean()
        assert o.page.evaluate("window.__pwned") is None
        assert o.page.title().endswith("textdiff collate")


def test_overview_links_open_their_row(
    pages: dict[str, tuple[Path, Collation]], open_report: Any
) -> None:
    path, _c = pages["three"]
    o = open_report(path)
    href = o.page.evaluate(
        "() => Array.from(document.querySelectorAll('.overview a'))"
        ".map(a => a.getAttribute('href')).find(h => h !== '#r0001')"
    )
    assert href and href.startswith("#r")
    o.page.click(f".overview a[href='{href}']")
    wait_until(o.page, f"document.getElementById('{href[1:]}').querySelector('details').open")
    assert o.page.evaluate(f"document.getElementById('{href[1:]}').classList.contains('current')")
    o.assert_clean()


def test_deep_link_to_a_site_opens_its_row(
    pages: dict[str, tuple[Path, Collation]], open_report: Any
) -> None:
    path, c = pages["three"]
    site = c.sites[len(c.sites) // 2]
    o = open_report(path, fragment=f"#{site.id}")
    row = c.rows[site.row].id
    assert o.page.evaluate(f"document.getElementById('{row}').querySelector('details').open")
    assert o.page.evaluate(f"document.getElementById('{site.id}').classList.contains('current')")
    o.assert_clean()


def _read(o: Opened, row: str) -> str:
    text: str = o.page.evaluate(
        f"document.getElementById('{row}').querySelector('.text').innerText"
    )
    return text


def test_read_as_shows_each_witness_text(
    pages: dict[str, tuple[Path, Collation]], open_report: Any
) -> None:
    """With "read as" on a witness, the row shows exactly that witness's text of the row."""
    path, c = pages["twenty"]
    o = open_report(path)
    rows = [r for r in c.rows if r.sites][:3]
    o.page.keyboard.press("a")  # open every row
    for w in (c.witnesses[0], c.witnesses[7], c.witnesses[19]):
        o.page.check(f"#as-{w.id}")
        for r in rows:
            cell = r.cells[c.witnesses.index(w)]
            assert cell is not None
            want = w.document.text[cell.span.start : cell.span.end]
            assert _read(o, r.id) == want, (w.id, r.id)
    o.assert_clean()


def test_category_and_row_filters_work_without_script(
    pages: dict[str, tuple[Path, Collation]], chromium: Any
) -> None:
    path, _c = pages["three"]
    ctx = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        page.goto(path.resolve().as_uri())
        lines = page.locator(".app li.cat-su")
        assert lines.count() > 0
        row = lines.first.locator("xpath=ancestor::details").first
        row.locator("summary").click()
        assert lines.first.is_visible()
        page.uncheck("#f-su")
        assert not lines.first.is_visible()
        invariant = page.locator(".row.k-invariant")
        if invariant.count():
            assert invariant.first.is_visible()
            page.check("#hide-invariant")
            assert not invariant.first.is_visible()
    finally:
        ctx.close()


def test_keys_step_through_sites_and_rows(
    pages: dict[str, tuple[Path, Collation]], open_report: Any
) -> None:
    path, c = pages["three"]
    o = open_report(path)
    page = o.page
    page.keyboard.press("j")
    first = page.evaluate("document.querySelector('.site.current').id")
    assert first == c.sites[0].id
    page.keyboard.press("j")
    assert page.evaluate("document.querySelector('.site.current').id") == c.sites[1].id
    page.keyboard.press("k")
    assert page.evaluate("document.querySelector('.site.current').id") == first
    # Filtering a category makes j skip its sites.
    cats = {c.sites[k].category.value for k in range(len(c.sites))}
    if "substantive" in cats and len(cats) > 1:
        page.uncheck("#f-su")
        for _ in range(5):
            page.keyboard.press("j")
            cls = page.evaluate("document.querySelector('.site.current').className")
            assert "cat-su" not in cls
        page.check("#f-su")
    # ] moves to the next row with variants; o closes and opens it.
    page.keyboard.press("]")
    row = page.evaluate("document.querySelector('section.row.current').id")
    assert not page.evaluate(f"document.getElementById('{row}').classList.contains('k-invariant')")
    before = page.evaluate(f"document.getElementById('{row}').querySelector('details').open")
    page.keyboard.press("o")
    after = page.evaluate(f"document.getElementById('{row}').querySelector('details').open")
    assert before != after
    page.keyboard.press("a")
    assert page.evaluate("Array.from(document.querySelectorAll('details')).every(d => d.open)")
    assert page.text_content("#where") == "All rows open"
    o.assert_clean()


def test_row_lines_have_a_cell_per_witness(
    pages: dict[str, tuple[Path, Collation]], open_report: Any
) -> None:
    path, _c = pages["twenty"]
    o = open_report(path)
    counts = o.page.evaluate(
        "Array.from(document.querySelectorAll('summary.m .cells')).map(x => x.children.length)"
    )
    assert counts and set(counts) == {20}
    rect = o.page.evaluate("document.querySelector('.overview svg').getBoundingClientRect().width")
    assert rect > 100  # twenty columns are wide enough to click
    o.assert_clean()


@pytest.mark.corpus
def test_frankenstein_apparatus_and_summary(
    pages: dict[str, tuple[Path, Collation]], open_report: Any
) -> None:
    if "frankenstein" not in pages:
        pytest.skip("frankenstein corpus not present")
    path, c = pages["frankenstein"]
    o = open_report(path, fragment=f"#{_first_variant(c)}")
    sigla = o.page.evaluate(
        "Array.from(document.querySelectorAll('table.wits tbody th')).map(t => t.textContent)"
    )
    assert sigla == [w.siglum for w in c.witnesses]
    o.assert_clean()
