"""The scan's HTML index in a real browser: headless Debian Chromium driven by Playwright.

The output folder of one scan (32 generated families, and a collection whose
ids and titles carry markup) is opened from file://. Every request outside the
folder is aborted and recorded; each test checks the page stayed clean (no
console errors, CSP violations, requests or dialogs) after it filtered,
searched, sorted, or followed a report link and came back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import CLOSING, run_cli
from ..test_workers import make_collection
from .conftest import HAVE_BROWSER, WATCH_CSP, Opened

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_BROWSER, reason="needs /usr/bin/chromium and playwright"),
]

HOSTILE_TITLE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'

VISIBLE_ROWS = "() => Array.from(document.querySelectorAll('#toc tbody tr')).filter(r => !r.hidden)"
SHOWN = (
    "() => Array.from(document.querySelectorAll('#toc tbody tr')).filter(r => !r.hidden)"
    ".map(r => [Number(r.dataset.family), r.dataset.relations,"
    " !document.getElementById('family-' + r.dataset.family).hidden])"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scan's HTML output: index.html and every pair's report."""
    root = tmp_path_factory.mktemp("scan-site")
    gen = make_collection(root / "gen")
    text = CLOSING.read_text(encoding="utf-8")
    rows = [
        {"id": "<b>bold id</b>", "title": HOSTILE_TITLE, "date": "1999-12-31", "text": text},
        {"id": "copy\u202eevil", "title": "Copy", "text": text.replace("’", "'")},
    ]
    (gen / "hostile.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    out = root / "out"
    res = run_cli("scan", str(gen), "--format", "html", "-o", str(out), "--reports", "40")
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture
def open_page(chromium: Any, site: Path) -> Iterator[Any]:
    """open_page(path, fragment="") -> Opened; the page may follow links inside the site."""
    contexts: list[Any] = []
    inside = site.resolve().as_uri() + "/"

    def opener(path: Path, fragment: str = "", scheme: str = "light") -> Opened:
        ctx = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page, path.resolve().as_uri())
        page.add_init_script(WATCH_CSP)

        def route(r: Any) -> None:
            if r.request.url.startswith(inside):
                r.continue_()
            else:
                opened.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(f"uncaught: {e}"))

        def dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(opened.url + fragment)
        page.wait_for_selector("body.js", state="attached")
        return opened

    yield opener
    for ctx in contexts:
        ctx.close()


def _families(site: Path) -> int:
    return (site / "index.html").read_text(encoding="utf-8").count('<section class="family"')


def _total(o: Opened) -> int:
    return int(o.page.evaluate("document.querySelectorAll('#toc tbody tr').length"))


def test_index_loads_clean_and_hostile_metadata_is_text(site: Path, open_page: Any) -> None:
    o = open_page(site / "index.html")
    o.assert_clean()
    page = o.page
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('main img, main b, main script').length") == 0
    text = page.evaluate("document.querySelector('main').textContent")
    assert HOSTILE_TITLE in text and "<b>bold id</b>" in text
    assert "copy[U+202E]evil" in text  # a bidi override is shown, not obeyed
    assert page.text_content("#shown") == f"{_total(o)} families"
    assert _total(o) == _families(site) > 20


def test_filter_by_relation_shows_exactly_the_families_that_have_it(
    site: Path, open_page: Any
) -> None:
    o = open_page(site / "index.html")
    page = o.page
    relations = page.eval_on_selector_all("input[name=relation]", "els => els.map(e => e.value)")
    assert "variant" in relations and "duplicate" in relations
    for rel in relations:
        if rel != "duplicate":
            page.uncheck(f"input[name=relation][value={rel}]")
    shown = page.evaluate(SHOWN)
    assert shown and all("duplicate" in rels.split() and visible for _, rels, visible in shown)
    expected = page.evaluate(
        "Array.from(document.querySelectorAll('#toc tbody tr'))"
        ".filter(r => r.dataset.relations.split(' ').includes('duplicate')).length"
    )
    assert len(shown) == expected < _total(o)
    assert page.text_content("#shown") == f"Showing {expected} of {_total(o)} families"
    hidden = page.evaluate("document.querySelectorAll('section.family[hidden]').length")
    assert hidden == _total(o) - expected
    page.uncheck("input[name=relation][value=duplicate]")
    assert page.evaluate(SHOWN) == []
    o.assert_clean()


def test_search_finds_ids_titles_and_dates(site: Path, open_page: Any) -> None:
    o = open_page(site / "index.html")
    page = o.page
    page.fill("#search", "FAMILY 12 AGAIN")  # a title, in any case
    shown = page.evaluate(SHOWN)
    assert len(shown) == 1
    members = page.evaluate(
        f"document.getElementById('family-{shown[0][0]}').querySelector('.members').textContent"
    )
    assert "Family 12 again" in members
    page.fill("#search", "1999-12-31")  # a date
    assert len(page.evaluate(SHOWN)) == 1
    page.fill("#search", "characters")  # a table heading is not a member's text
    assert page.evaluate(SHOWN) == []
    page.fill("#search", "")
    assert len(page.evaluate(SHOWN)) == _total(o)
    o.assert_clean()


def test_sorting_the_list(site: Path, open_page: Any) -> None:
    o = open_page(site / "index.html")
    page = o.page
    numbers = "() => Array.from(document.querySelectorAll('#toc tbody tr'), r => [Number(r.dataset.family), Number(r.dataset.size), r.dataset.date])"  # noqa: E501
    start = page.evaluate(numbers)
    assert [n for n, _, _ in start] == sorted(n for n, _, _ in start)
    page.click("#toc th button[data-key=size]")
    rows = page.evaluate(numbers)
    assert [s for _, s, _ in rows] == sorted((s for _, s, _ in rows), reverse=True)
    assert page.get_attribute("#toc th:nth-child(2)", "aria-sort") == "descending"
    assert page.get_attribute("#toc th:nth-child(1)", "aria-sort") == "none"
    page.click("#toc th button[data-key=date]")
    dates = [d for _, _, d in page.evaluate(numbers)]
    assert dates == sorted(dates)
    page.click("#toc th button[data-key=date]")
    assert [d for _, _, d in page.evaluate(numbers)] == sorted(dates, reverse=True)
    page.click("#toc th button[data-key=number]")
    assert page.evaluate(numbers) == start
    o.assert_clean()


def test_pair_report_shows_titles_and_dates_and_links_back(site: Path, open_page: Any) -> None:
    o = open_page(site / "index.html")
    page = o.page
    link = page.locator("section.family .pairs a").first
    section = link.evaluate("a => a.closest('section').id")
    link.click()
    page.wait_for_selector("body.js", state="attached")
    assert "/pairs/" in page.url
    rows = page.evaluate(
        "Array.from(document.querySelectorAll('table.docs tbody tr'),"
        " r => r.querySelector('th').textContent)"
    )
    assert rows[:2] == ["File", "Source"] and "Title" in rows
    back = page.locator("header .tool a")
    assert back.get_attribute("href") == f"../index.html#{section}"
    back.click()
    page.wait_for_selector("body.js", state="attached")
    assert page.url.endswith(f"/index.html#{section}")
    assert page.evaluate("document.querySelector(':target').id") == section
    assert o.errors == [] and o.requests == [] and o.dialogs == []


def test_axe_finds_nothing_serious(site: Path, open_page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for scheme in ("light", "dark"):
        o = open_page(site / "index.html", scheme=scheme)
        results = Axe().run(o.page)
        serious = [
            f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []


def test_without_javascript_every_family_is_listed(site: Path, chromium: Any) -> None:
    ctx = chromium.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto((site / "index.html").resolve().as_uri())
        assert page.is_hidden("#controls")
        assert page.locator("section.family").count() == _families(site)
    finally:
        ctx.close()
