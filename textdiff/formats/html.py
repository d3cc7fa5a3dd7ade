"""html: a web page -> canonical text of its blocks, with source offsets and xpaths.

Two parts (``../shared/research/ingestion.md`` §3):

    _Walker              stdlib html.parser over the decoded page: every block
                         (p, h1-h6, li, td, div text, ...) as one paragraph,
                         whitespace collapsed, and for every character of the
                         text the [start, end) it came from in the page
    _kept(page, blocks)  trafilatura (the ``html`` extra) decides which blocks
                         are the article: a block is kept when its words are
                         a line of trafilatura's text (or, for longer blocks,
                         inside it); the title is kept when it is the page's
    read(...)            -> Document: every block in page order (nothing dropped),
                         origins (text range -> xpath, source offsets) and a
                         ``boilerplate`` region over each block not kept (menus,
                         share bars, related posts, "Back to top button")

Offsets in origins are into the decoded page (``Document`` of a web page keeps
the page's encoding, so the contract's "decode the file" still holds for the
source offsets). Entities map to their whole source span (``&amp;`` -> 5 chars).
"""

from __future__ import annotations

import html as _html
import re
from collections import Counter
from html.parser import HTMLParser
from typing import NamedTuple

from ..errors import FormatError
from ..model import Document, HtmlLoc, Origin, Region, RegionKind, SourceInfo
from . import require

READER = "textdiff.formats.html/1"

# Elements whose text is never shown (or not part of the page body).
_SKIP = frozenset(
    "head script style noscript template svg math iframe object canvas select option".split()
)
# Elements that end a block of text: each becomes a paragraph of its own.
_BLOCK = frozenset(
    (
        "address article aside blockquote body caption center dd details dialog div dl dt "
        "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li "
        "main nav ol p pre section summary table tbody td tfoot th thead tr ul"
    ).split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# A start tag that closes an open element of this kind (the HTML parsing rules, abridged).
_CLOSES = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
           "td": {"td", "th"}, "th": {"td", "th"}, "option": {"option"}}  # fmt: skip
for _tag in ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "div", "table", "blockquote",
             "section", "article", "header", "footer", "nav", "aside", "pre", "form"):  # fmt: skip
    _CLOSES[_tag] = {"p"}

# Short blocks must equal a whole line of the extracted text to be kept;
# longer ones may also lie inside it (trafilatura joins or splits some).
MIN_INSIDE_WORDS = 6
_KEY_WORD = re.compile(r"[^\W_]+")


class _Block(NamedTuple):
    text: str
    src: list[int]  # per character: its start offset in the page
    src_end: list[int]  # per character: its end offset
    xpath: str
    tag: str


class _Walker(HTMLParser):
    """Blocks of text with per-character source offsets and each block's xpath."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        # Offsets of line starts: html.parser reports (line, column).
        self.lines = [0] + [m.end() for m in re.finditer(r"\n", page)]
        self.stack: list[tuple[str, dict[str, int]]] = [("#root", {})]
        self.path: list[str] = []
        self.skip = 0
        self.pre = 0
        self.blocks: list[_Block] = []
        self.chars: list[str] = []
        self.src: list[int] = []
        self.src_end: list[int] = []
        self.block_path = ""
        self.block_tag = ""

    # -- positions
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    # -- the current block
    def _flush(self) -> None:
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.src.pop()
            self.src_end.pop()
        if self.chars:
            self.blocks.append(
                _Block("".join(self.chars), self.src, self.src_end, self.block_path, self.block_tag)
            )
        self.chars, self.src, self.src_end = [], [], []
        self.block_path = ""

    def _add(self, text: str, start: int, whole: bool) -> None:
        """Text from the page at ``start``; ``whole``: an entity, every char maps to its span."""
        if self.skip:
            return
        if not self.block_path:
            self.block_path = "/" + "/".join(self.path)
            self.block_tag = self.path[-1].split("[")[0] if self.path else ""
        end_all = start + len(text) if not whole else self._entity_end
        chars, src, src_end = self.chars, self.src, self.src_end
        for i, ch in enumerate(_html.unescape(text) if whole else text):
            s = start if whole else start + i
            e = end_all if whole else s + 1
            if ch.isspace() and not self.pre and ch not in "\u00a0\u202f":
                if not chars or chars[-1] == " " or chars[-1] == "\n":
                    continue
                ch = " "
            chars.append(ch)
            src.append(s)
            src_end.append(e)

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def _open(self, tag: str) -> None:
        closes = _CLOSES.get(tag)
        if closes and self.stack[-1][0] in closes:
            self.handle_endtag(self.stack[-1][0])
        if tag == "br":
            if not self.skip and self.chars:
                while self.chars and self.chars[-1] == " ":
                    self.chars.pop()
                    self.src.pop()
                    self.src_end.pop()
                at = self._offset()
                self.chars.append("\n")
                self.src.append(at)
                self.src_end.append(at + len(self.get_starttag_text() or "<br>"))
            return
        if tag in _BLOCK:
            self._flush()
        counts = self.stack[-1][1]
        counts[tag] = counts.get(tag, 0) + 1
        if tag in _VOID:
            return
        self.stack.append((tag, {}))
        self.path.append(f"{tag}[{counts[tag]}]")
        if tag in _SKIP:
            self.skip += 1
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack[1:]):
            return  # a stray end tag: ignored, as browsers do
        while len(self.stack) > 1:
            open_tag, _ = self.stack.pop()
            self.path.pop()
            if open_tag in _SKIP:
                self.skip -= 1
            if open_tag == "pre":
                self.pre -= 1
            if open_tag in _BLOCK:
                self._flush()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self._add(data, self._offset(), False)

    def handle_entityref(self, name: str) -> None:
        start = self._offset()
        raw = self.page[start : start + len(name) + 2]
        if self.page[start + len(name) + 1 : start + len(name) + 2] != ";":
            raw = raw[:-1]
        self._entity_end = start + len(raw)
        self._add(raw, start, True)

    def handle_charref(self, name: str) -> None:
        start = self._offset()
        end = start + len(name) + 2
        if self.page[end : end + 1] == ";":
            end += 1
        self._entity_end = end
        self._add(self.page[start:end], start, True)

    _entity_end = 0

    def close(self) -> None:
        super().close()
        self._flush()


def _key(text: str) -> str:
    return " ".join(w.lower() for w in _KEY_WORD.findall(text))


def _kept(page: str, blocks: list[_Block]) -> list[bool]:
    """Which blocks trafilatura takes for the article (and the title)."""
    trafilatura = require("trafilatura", "html", "web pages")
    doc = trafilatura.bare_extraction(
        page, include_comments=False, include_tables=True, favor_precision=True, with_metadata=True
    )
    if doc is None:
        return [False] * len(blocks)
    body = getattr(doc, "text", None) or ""
    title = _key(getattr(doc, "title", None) or "")
    # Each line of the extracted text vouches for one block, in page order: a
    # footer's "Back to top button" is not kept because the article has one too.
    lines = Counter(_key(line) for line in body.splitlines())
    del lines[""]
    whole = " " + " ".join(_key(line) for line in body.splitlines()) + " "
    keep = []
    title_taken = False
    for b in blocks:
        k = _key(b.text)
        if not k:
            keep.append(False)
            continue
        ok = lines[k] > 0
        if ok:
            lines[k] -= 1
        elif k.count(" ") + 1 >= MIN_INSIDE_WORDS and f" {k} " in whole:
            ok = True
        if not ok and not title_taken and k == title and b.tag in ("h1", "h2"):
            ok = title_taken = True
        keep.append(ok)
    return keep


def read(
    page: str, data: bytes, path: str, encoding: str, confidence: float, method: str
) -> Document:
    """The page's canonical text with origins and boilerplate regions."""
    from ..load import sha256_hex

    walker = _Walker(page)
    try:
        walker.feed(page)
        walker.close()
    except (AssertionError, ValueError) as exc:  # pragma: no cover - html.parser is lenient
        raise FormatError(f"{path}: unreadable HTML ({exc})") from None
    blocks = walker.blocks
    keep = _kept(page, blocks)
    parts: list[str] = []
    origins: list[Origin] = []
    regions: list[Region] = []
    pos = 0
    for b, kept in zip(blocks, keep, strict=True):
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(b.text)
        origins.extend(_origins(b, pos))
        if not kept:
            regions.append(Region(pos, pos + len(b.text), RegionKind.BOILERPLATE))
        pos += len(b.text)
    if parts:
        parts.append("\n")
    import trafilatura

    return Document(
        path=path,
        text="".join(parts),
        encoding=encoding,
        confidence=confidence,
        method=method,
        sha256=sha256_hex(data),
        size=len(data),
        format="html",
        origins=tuple(origins),
        regions=tuple(regions),
        source=SourceInfo("html", READER, f"trafilatura {trafilatura.__version__}"),
    )


def _origins(b: _Block, pos: int) -> list[Origin]:
    """One origin per run of characters that are contiguous in the source too."""
    out = []
    i = 0
    n = len(b.text)
    while i < n:
        j = i + 1
        while j < n and b.src[j] == b.src_end[j - 1]:
            j += 1
        out.append(Origin(pos + i, pos + j, HtmlLoc(b.xpath, b.src[i], b.src_end[j - 1])))
        i = j
    return out
