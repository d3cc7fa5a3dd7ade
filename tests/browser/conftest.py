"""Fixtures for driving the HTML report in headless Debian Chromium through Playwright.

One browser for the whole session; each test opens a fresh context (so the
colour scheme and storage start clean) and a page that

- aborts every request but the report file itself, and records them,
- records console errors, uncaught exceptions, dialogs (alert, confirm...)
  and Content-Security-Policy violations (a listener installed before any
  script of the page runs).

The reports are rendered once per session from the current code into a
temporary directory, so the tests never read stale files from reports/.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import textdiff
from textdiff.model import Document
from textdiff.render.html import render

from ..conftest import BULLETIN, CLOSING, CORPORA, ROOT

CHROMIUM = Path("/usr/bin/chromium")
HAVE_BROWSER = CHROMIUM.exists() and importlib.util.find_spec("playwright") is not None
ARTIFACTS = ROOT / "test-artifacts"
R06 = next(iter(sorted((CORPORA / "kcna-revisions-2024" / "groups").glob("R06*"))), None) if (
    CORPORA / "kcna-revisions-2024" / "groups"
).is_dir() else None  # fmt: skip
FRANKENSTEIN = CORPORA / "frankenstein-variorum" / "full"

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Runs before the page's own script: every CSP violation lands in window.__csp.
WATCH_CSP = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"
)

HOSTILE = (
    "Before <script>window.__pwned = 1; alert('script')</script> after.\n\n"
    "An image <img src=x onerror=\"window.__pwned = 2; alert('img')\"> here.\n\n"
    'Closing </textarea><textarea autofocus onfocus="window.__pwned=3"> and '
    "\"double\" 'single' & ampersand &amp; entity.\n\n"
    'A link javascript:alert(4) and <a href="javascript:window.__pwned=4">click me</a>.\n\n'
    "<style>body { display: none }</style> and <meta http-equiv=refresh content=0;url=x>.\n"
)


@dataclass
class Opened:
    """A report open in a page, with everything it tried to do."""

    page: Any  # playwright.sync_api.Page (kept loose: playwright may be absent)
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        result: list[str] = self.page.evaluate("window.__csp")
        return result

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.csp_violations() == []
        assert self.requests == [], self.requests
        assert self.dialogs == [], self.dialogs


def wait_until(page: Any, expression: str, arg: Any = None, timeout: float = 15.0) -> None:
    """Wait until ``expression`` (a JS function or expression) is truthy in the page.

    Not ``page.wait_for_function``: it compiles its predicate inside the page, with
    ``new Function``, whenever the first check is false, and the report's CSP forbids that
    (an EvalError that came and went with timing). ``page.evaluate`` goes through the
    DevTools protocol, which the CSP does not govern. The deadline only bounds a failure:
    a passing test never waits for a fixed time.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(20)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not HAVE_BROWSER:
        pytest.skip("needs /usr/bin/chromium and playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


def _hostile_docs() -> tuple[Document, Document]:
    b_text = HOSTILE.replace("after", "AFTER").replace("click me", "<b>click</b> me")
    doc_a = Document(
        "<img src=x onerror=alert('path')>.txt", HOSTILE, "utf-8", 1.0, "given", "0" * 64, 1
    )
    doc_b = Document("b\"'</title><script>alert(1)</script>.txt", b_text, "utf-8", 1.0, "given",
                     "1" * 64, 1)  # fmt: skip
    return doc_a, doc_b


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> path of a freshly rendered report: seed, hostile, kinds, r06 (if present)."""
    from ..test_render_html import KINDS_A, KINDS_B

    out = tmp_path_factory.mktemp("reports")
    made = {
        "seed": textdiff.compare(str(CLOSING), str(BULLETIN)),
        "hostile": textdiff.compare_documents(*_hostile_docs()),
        "kinds": textdiff.compare_texts(KINDS_A, KINDS_B),
    }
    if R06 is not None:
        made["r06"] = textdiff.compare(str(R06 / "v1.txt"), str(R06 / "v2.txt"))
    paths = {}
    for name, comparison in made.items():
        path = out / f"{name}.html"
        path.write_text(render(comparison, version="test"), encoding="utf-8")
        paths[name] = path
    return paths


@pytest.fixture
def open_report(chromium: Any) -> Iterator[Any]:
    """open_report(path, fragment="", scheme="light") -> Opened, closed after the test."""
    contexts: list[Any] = []

    def opener(path: Path, fragment: str = "", scheme: str = "light", **context: Any) -> Opened:
        ctx = chromium.new_context(
            color_scheme=scheme, viewport={"width": 1280, "height": 900}, **context
        )
        contexts.append(ctx)
        page = ctx.new_page()
        url = path.resolve().as_uri()
        opened = Opened(page, url)
        page.add_init_script(WATCH_CSP)

        def route(r: Any) -> None:
            if r.request.url.split("#")[0] == url:
                r.continue_()
            else:
                opened.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)

        def console(m: Any) -> None:
            if m.type == "error":
                opened.errors.append(m.text)

        page.on("console", console)
        page.on("pageerror", lambda e: opened.errors.append(f"uncaught: {e}"))

        def dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(url + fragment)
        wait_until(page, "document.body.classList.contains('js')")
        return opened

    yield opener
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
