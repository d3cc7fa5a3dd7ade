"""normalize: comparison keys with offsets back to the original text.

Nothing here rewrites what is displayed. A *token* is a span of the original
text plus a *key*, the form under which two tokens count as the same word:

    tokenize(text, start, end)  -> Tokens: parallel arrays of starts, ends, keys
    word_keys(text)             -> the keys of the words only (for alignment)
    LEVELS                      -> (category, fold) pairs, least serious first
    classify_text(a, b)         -> the least serious category under whose fold a == b

>>> t = tokenize("Party’s “servant”")
>>> [("Party’s “servant”"[s:e], k) for s, e, k in zip(t.starts, t.ends, t.keys)]
[('Party’s', 'partys'), (' ', ' '), ('“', "'"), ('servant', 'servant'), ('”', "'")]
>>> classify_text("fulfil", "fulfill").value, classify_text("–", " - ").value
('spelling', 'typography')
>>> classify_text("behaviour,", "behavior;").value
'spelling'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import accumulate
from typing import NamedTuple

from ..model import Category
from .rules import (
    DASHES,
    DIGIT_GROUP_SEPARATORS,
    EXTRA_SPACE,
    HTML_TAG,
    MARKUP_CHARS,
    MEANINGFUL_MARKS,
    QUOTES,
    SEQUENCES,
)
from .spelling import canonical, squash

__all__ = [
    "LEVELS",
    "WS_KEY",
    "Tokens",
    "classify_text",
    "fold_typography",
    "squash",
    "token_key",
    "tokenize",
    "word_keys",
]

_SEP = re.escape(DIGIT_GROUP_SEPARATORS)
_WS = rf"[\s{EXTRA_SPACE}]+"
_NUMBER = rf"\d{{1,3}}(?:[{_SEP}]\d{{3}}(?!\d))+"
_WORD = r"[^\W_](?:[^\W_]|['’‘\-\u2010\u2011](?=[^\W_]))*"
_MARK = r"\*\*|__|#+|\.\.\.|-{2,}|."
TOKEN_RE = re.compile(
    rf"(?P<ws>{_WS})|(?P<num>{_NUMBER})|(?P<word>{_WORD})|(?P<mark>{_MARK})", re.S
)
WORD_RE = re.compile(rf"{_NUMBER}|{_WORD}")

_TYPO_TABLE = str.maketrans({**dict.fromkeys(QUOTES, "'"), **dict.fromkeys(DASHES, "-")})
_DIGIT_GROUP_RE = re.compile(rf"(?<=\d)[{_SEP}](?=\d{{3}}(?!\d))")
_SPACE_RE = re.compile(_WS)
_MARKUP_RE = re.compile(rf"{HTML_TAG}|[{re.escape(MARKUP_CHARS)}]")

WS_KEY = " "


class Tokens(NamedTuple):
    """Tokens of ``text[start:end]`` as parallel tuples (cheap to slice and diff)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]


_TOKEN_FIND = re.compile(rf"{_WS}|{_NUMBER}|{_WORD}|{_MARK}", re.S)
_NUMBER_FULL = re.compile(_NUMBER)


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


def token_key(raw: str) -> str:
    """The key of one token (see ``tokenize``).

    >>> token_key("Behaviour"), token_key("10,000"), token_key("—"), token_key("\\n\\n")
    ('behavior', '10000', '-', ' ')
    """
    if raw[0].isspace() or raw[0] in EXTRA_SPACE:
        return WS_KEY
    if raw[0].isdigit() and _NUMBER_FULL.fullmatch(raw):
        return _digits(raw)
    if raw[0].isalnum():
        return canonical(raw)
    return fold_typography(raw)


def tokenize(
    text: str, start: int = 0, end: int | None = None, cache: dict[str, str] | None = None
) -> Tokens:
    """Split ``text[start:end]`` into whitespace, number, word and mark tokens.

    The tokens tile the span: each starts where the one before it ends.
    ``cache`` maps a token's text to its key and may be shared between calls.
    """
    end = len(text) if end is None else end
    cache = {} if cache is None else cache
    raws = _TOKEN_FIND.findall(text, start, end)
    keys = []
    for raw in raws:
        k = cache.get(raw)
        if k is None:
            k = cache[raw] = token_key(raw)
        keys.append(k)
    ends = tuple(accumulate(map(len, raws), initial=start))
    return Tokens(ends[:-1], ends[1:], tuple(keys))


def word_keys(text: str, cache: dict[str, str] | None = None) -> list[str]:
    """Keys of the words of ``text``, punctuation and markup left out.

    >>> word_keys("The Behaviour of 10,000 **Workers'**!")
    ['the', 'behavior', 'of', '10000', 'workers']
    """
    cache = {} if cache is None else cache
    out = []
    for w in WORD_RE.findall(text):
        k = cache.get(w)
        if k is None:
            k = cache[w] = token_key(w)
        out.append(k)
    return out


def fold_typography(s: str) -> str:
    """Quotes to ', dashes to -, ellipses to ..., digit grouping removed, NFKC."""
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
        for seq, rep in SEQUENCES:
            s = s.replace(seq, rep)
    else:
        s = s.replace("---", "-").replace("--", "-")
    s = s.translate(_TYPO_TABLE)
    return _DIGIT_GROUP_RE.sub("", s)


def _drop_space(s: str) -> str:
    return _SPACE_RE.sub("", s)


def _fold_ws(s: str) -> str:
    return _drop_space(s)


def _fold_typo(s: str) -> str:
    return _drop_space(fold_typography(s))


def _fold_markup(s: str) -> str:
    return _drop_space(_MARKUP_RE.sub("", fold_typography(s)))


def _fold_case(s: str) -> str:
    return _fold_markup(s).casefold()


def _is_punct(s: str, i: int) -> bool:
    ch = s[i]
    if ch in MEANINGFUL_MARKS or not unicodedata.category(ch).startswith("P"):
        return False
    # An apostrophe or hyphen inside a word is spelling (grass-roots), not punctuation.
    inside = ch in "'-" and 0 < i < len(s) - 1 and s[i - 1].isalnum() and s[i + 1].isalnum()
    return not inside


def _fold_punct(s: str) -> str:
    t = _MARKUP_RE.sub("", fold_typography(s)).casefold()
    return _drop_space("".join(ch for i, ch in enumerate(t) if not _is_punct(t, i)))


def _fold_spelling(s: str) -> str:
    t = _MARKUP_RE.sub("", fold_typography(s))
    parts: list[str] = []
    for m in TOKEN_RE.finditer(t):
        kind, raw = m.lastgroup, m.group()
        if kind in ("word", "num"):
            parts.append(
                canonical(raw) if kind == "word" else "".join(c for c in raw if c.isdigit())
            )
        elif kind == "mark" and (
            raw[0] in MEANINGFUL_MARKS or not unicodedata.category(raw[0]).startswith("P")
        ):
            parts.append(raw)
    return "".join(parts)


# The folds in order of severity: two strings that agree under a fold differ
# by at most that category. Cumulative: each fold also applies the ones before.
LEVELS: tuple[tuple[Category, Callable[[str], str]], ...] = (
    (Category.WHITESPACE, _fold_ws),
    (Category.TYPOGRAPHY, _fold_typo),
    (Category.FORMATTING, _fold_markup),
    (Category.CASE, _fold_case),
    (Category.PUNCTUATION, _fold_punct),
    (Category.SPELLING, _fold_spelling),
)


def classify_text(a: str, b: str) -> Category:
    """The least serious category that explains every difference between a and b."""
    if not a or not b:
        # Text added or removed outright: only its words decide, so skip the folds.
        other = a or b
        if any(ch.isalnum() for ch in other):
            return Category.SUBSTANTIVE
    for category, fold in LEVELS:
        if fold(a) == fold(b):
            return category
    return Category.SUBSTANTIVE
