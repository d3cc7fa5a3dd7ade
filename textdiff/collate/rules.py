"""rules: what each category's test sets aside, in words: one table for JSON, TEI and HTML.

A reading's category is the least serious test of ``textdiff.normalize.LEVELS``
under which it reads as the base does; that test is the rule that explains it.

>>> RULES[Category.SPELLING].split(":")[0]
'spelling variants'
"""

from __future__ import annotations

from ..model import Category

RULES: dict[Category, str] = {
    Category.WHITESPACE: "spaces, line breaks, hard wraps and paragraph breaks",
    Category.TYPOGRAPHY: "quotes, dashes, ellipses, digit grouping, Unicode compatibility forms",
    Category.FORMATTING: "markup: HTML tags, Markdown emphasis and headings",
    Category.CASE: "letter case",
    Category.PUNCTUATION: "punctuation marks added, dropped or changed",
    Category.SPELLING: (
        "spelling variants: British and American, older and modern forms, romanization, hyphenation"
    ),
    Category.BOILERPLATE: "page furniture: page numbers, running heads, navigation",
    Category.SUBSTANTIVE: "different words, numbers or names",
}
