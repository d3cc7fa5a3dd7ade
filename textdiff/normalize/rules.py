"""Rule tables as data: what each fold level maps or removes.

Each table is consulted by ``textdiff.normalize``; nothing here runs. Adding a
quote form or a dash is a one-line change to a table, not a new branch.
"""

from __future__ import annotations

# Every quote mark and apostrophe folds to the ASCII apostrophe: changing one
# quote style for another is typography, never a different word.
QUOTES = (
    "'\"`´"  # ASCII and spacing accents used as quotes
    "\u2018\u2019\u201a\u201b"  # ‘ ’ ‚ ‛
    "\u201c\u201d\u201e\u201f"  # “ ” „ ‟
    "\u2032\u2033"  # ′ ″ (primes typed for quotes)
    "\u00ab\u00bb\u2039\u203a"  # « » ‹ ›
    "\u300c\u300d\u300e\u300f"  # 「 」 『 』
    "\uff02\uff07"  # fullwidth " '
)

# Dashes and hyphens that stand for dashes fold to "-".
DASHES = (
    "-"
    "\u2010\u2011\u2012\u2013\u2014\u2015"  # ‐ ‑ ‒ – — ―
    "\u2212"  # − minus
    "\u2e3a\u2e3b"  # ⸺ ⸻
    "\ufe58\ufe63\uff0d"  # small and fullwidth
)

# Multi-character typographic spellings, folded before single characters.
SEQUENCES = (
    ("\u2026", "..."),  # …
    ("---", "-"),
    ("--", "-"),
    ("\u00a0", " "),  # NBSP is whitespace; listed so typography never sees it
)

# Separators that group digits in thousands: 10,000  10 000  10'000.
# Not ".": 2.500 is two and a half in English and two thousand five hundred in
# German, so a full stop against a comma is never called typography.
DIGIT_GROUP_SEPARATORS = ", '\u00a0\u202f\u2009\u2019"

# Markup that is not text: Markdown emphasis and heading marks, HTML tags.
# Emphasis marks next to a word boundary, doubled strike marks, code ticks,
# and heading marks at the start of a line; "#1", "F#" and "~50" stay text.
MARKDOWN = r"\*\*|__|~~|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|(?:^|(?<=\n))[ \t]*#{1,6}(?=\s)"
# Only real HTML elements, so "<not now>" in a text is never taken for markup.
HTML_ELEMENTS = (
    "a|abbr|b|big|blockquote|br|center|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|mark|"
    "ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul"
)
HTML_TAG = (
    rf"</?(?:{HTML_ELEMENTS})"
    r"(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:\"[^\"<>]{0,200}\"|'[^'<>]{0,200}'|[^\s<>]{1,100}))?)*"
    r"\s*/?>"
)

# Whitespace beyond what str.isspace() knows.
EXTRA_SPACE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width, soft hyphen

# Marks Unicode files under punctuation that carry meaning: "5%" and "5" are
# different numbers, so adding or dropping one of these is substantive.
MEANINGFUL_MARKS = "%‰‱#&@§¶†‡*/\\"

# Enumeration labels: section and list numbering ("IV.", "(2)", "3)", "b.") is
# formatting, not text. A label in parentheses counts wherever it stands between
# spaces ("and (3) Third"); a bare one only where numbering stands, at the start of a
# line or after a sentence or clause ends, so "as did I. Then" or "chapter 3. The"
# keep their words.
ENUMERATION_LABEL = (
    r"(?:(?:^|(?<=\s))\((?:\d{1,3}|[A-Za-z]|[ivxlc]{1,6}|[IVXLC]{1,6})\)"
    r"|(?:^|(?<=\n)|(?<=[.:;!?]\s)|(?<=[.:;!?][\"'’”]\s))[ \t]*"
    r"(?:\d{1,3}|[IVXLC]{1,7}|[ivxlc]{1,6}|[A-Za-z])[.)])"
    r"(?=\s)"
)
# A number in parentheses and the bare number are the same mark: a footnote or list
# reference set as "(1)" in one edition and "1" in another.
PAREN_NUMBER = r"\((\d{1,3})\)"

# Source-code wrappers around a text stored in a program (`source16 = u"""`, `"""`,
# `text: '`): the container, not the text.
CODE_WRAPPER = (
    r"\s*(?:[A-Za-z_][\w.\[\]'\"]*\s*[:=]\s*[uUbBrRfF]{0,2}(?:\"\"\"|'''|\"|')"
    r"|(?:\"\"\"|''')\s*[,;)]?)\s*"
)

# Bylines: the same attribution written with or without its label and given names
# ("Author: James Madison", "MADISON").
BYLINE_LABEL = r"(?i)^\s*(?:author|authors|written\s+by|by)\s*:?\s+"
