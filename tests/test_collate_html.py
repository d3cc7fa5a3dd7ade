"""collate --format html, without a browser: self-contained, hashed CSP, escaped, deterministic."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from textdiff.collate import collate, collate_documents
from textdiff.collate.html import render
from textdiff.load import load_bytes

from .conftest import ADDRESS_2013, OPENING_2021, RODONG

HOSTILE = (
    "Before <script>window.__pwned = 1; alert('script')</script> after.\n\n"
    'An image <img src=x onerror="window.__pwned = 2"> here, and more words.\n\n'
    '<style>body { display: none }</style> and "quotes" & ampersands &amp; here.\n'
)


def hostile_collation():  # type: ignore[no-untyped-def]
    texts = [HOSTILE, HOSTILE.replace("after", "AFTER"), HOSTILE.replace("here,", "there,")]
    names = ["<img src=x onerror=alert(1)>.txt", 'b"</title><script>alert(2)</script>.txt', "c.txt"]
    return collate_documents([load_bytes(t.encode(), n) for t, n in zip(texts, names, strict=True)])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    return p


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def test_one_script_one_style_both_hashed() -> None:
    page = render(collate([str(ADDRESS_2013), str(OPENING_2021), str(RODONG)]), version="t")
    p = _parse(page)
    scripts = [a for t, a in p.tags if t == "script"]
    styles = [a for t, a in p.tags if t == "style"]
    assert len(scripts) == 1 and len(styles) == 1
    csp = next(a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None
    assert _hash("".join(p.raw["script"])) in csp and _hash("".join(p.raw["style"])) in csp
    assert "default-src 'none'" in csp and "unsafe" not in csp
    for tag, attrs in p.tags:
        assert "style" not in attrs, tag  # inline style attributes would break the CSP
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value or value.startswith("#"), (tag, name, value)


def test_document_text_is_escaped() -> None:
    page = render(hostile_collation(), version="t")
    p = _parse(page)
    assert [t for t, _ in p.tags].count("script") == 1
    assert [t for t, _ in p.tags].count("img") == 0
    assert [t for t, _ in p.tags].count("style") == 1
    assert "window.__pwned" in page  # shown as text ...
    assert "<script>window" not in page  # ... never as markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_ids_and_deterministic_bytes() -> None:
    c = collate([str(ADDRESS_2013), str(OPENING_2021), str(RODONG)])
    page = render(c, version="t")
    assert render(collate([str(RODONG), str(ADDRESS_2013), str(OPENING_2021)]), version="t") == page
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert {r.id for r in c.rows} <= ids and {s.id for s in c.sites} <= ids
    assert len(ids) == len(re.findall(r' id="', page))  # no id twice
