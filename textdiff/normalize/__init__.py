"""normalize: comparison keys with offsets back to the original text.

Nothing here rewrites what is displayed. A *token* is a span of the original
text plus a *key*, the form under which two tokens count as the same word:

    tokenize(text, start, end)  -> Tokens: parallel arrays of starts, ends, keys
    word_keys(text)             -> the keys of the words only (for alignment)
    LEVELS                      -> (category, test) pairs, least serious first
    classify_text(a, b)         -> the least serious category whose test a and b pass

>>> t = tokenize("Party’s “servant”")
>>> [("Party’s “servant”"[s:e], k) for s, e, k in zip(t.starts, t.ends, t.keys)]
[('Party’s', "party's"), (' ', ' '), ('“', "'"), ('servant', 'servant'), ('”', "'")]
>>> classify_text("fulfil", "fulfill").value, classify_text("–", " - ").value
('spelling', 'typography')
>>> classify_text("behaviour,", "behavior;").value
'spelling'
"""

# No ``from __future__ import annotations``: it makes typing.NamedTuple compile
# every field's annotation from a string (see textdiff.model).

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import accumulate
from typing import NamedTuple

from ..model import Category
from .rules import (
    BYLINE_LABEL,
    DASHES,
    DIGIT_GROUP_SEPARATORS,
    ENUMERATION_LABEL,
    EXTRA_SPACE,
    HTML_TAG,
    MARKDOWN,
    MEANINGFUL_MARKS,
    PAREN_NUMBER,
    QUOTES,
    SEQUENCES,
)
from .spelling import canonical, squash

__all__ = [
    "EDGE_MARKS",
    "LEVELS",
    "RULES",
    "RULE_KEY",
    "RULE_RE",
    "WS_KEY",
    "Explanation",
    "Rule",
    "Tokens",
    "classify_text",
    "explain",
    "fold_typography",
    "squash",
    "token_key",
    "tokenize",
    "word_keys",
]

_SEP = re.escape(DIGIT_GROUP_SEPARATORS)
_WS = rf"[\s{EXTRA_SPACE}]+"
_NUMBER = rf"\d{{1,3}}(?:[{_SEP}]\d{{3}}(?!\d))+"
# Combining marks and invisible joiners inside a word belong to it (a text in
# NFD, a soft hyphen), so they never split a word in two.
_INWORD = (
    r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining marks
    r"\u00ad\u200b-\u200d\u2060"  # soft hyphen, zero-width space and joiners
)
# A word: a letter or digit, then letters, digits, in-word marks, and apostrophes
# or hyphens that a letter follows. Written as runs (``[^\W_]*``) between the
# marks rather than one character at a time, which re matches several times faster.
_ALNUM = r"[^\W_]"
_JOINER = rf"['’‘\-\u2010\u2011](?={_ALNUM})"
_WORD_REST = rf"{_ALNUM}*(?:(?:[{_INWORD}]|{_JOINER}){_ALNUM}*)*"
# A number (_NUMBER) if one starts here, else a word: the first character taken
# outside the choice, so the pattern begins with a character class and re skips
# to the next letter or digit in C instead of trying both at every position.
_NUMBER_OR_WORD = rf"{_ALNUM}(?:(?<=\d)\d{{0,2}}(?:[{_SEP}]\d{{3}}(?!\d))+|{_WORD_REST})"
_MARK = r"\*\*|__|#+|\.\.\.|-{2,}|."
# Marks that are never part of a word or number at its start or end: stripping
# them from the ends of a string leaves its words (word_keys) as they were.
EDGE_MARKS = ".,;:!?\"'()[]{}“”‘’«»—–-…*_/"

_TYPO_TABLE = str.maketrans({**dict.fromkeys(QUOTES, "'"), **dict.fromkeys(DASHES, "-")})
_DIGIT_GROUP_RE = re.compile(rf"(?<=\d)[{_SEP}](?=\d{{3}}(?!\d))")

WS_KEY = " "


class Tokens(NamedTuple):
    """Tokens of ``text[start:end]`` as parallel tuples (cheap to slice and diff)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    keys: tuple[str, ...]
    texts: tuple[str, ...]  # text[starts[i]:ends[i]]


# One pattern for every tokenizer here (tokenize, word_keys, the spelling level):
# compiling it is a good part of what importing this module costs. A token is
# whitespace, a number or word (its first character is alphanumeric) or a mark.
_TOKEN_FIND = re.compile(rf"{_WS}|{_NUMBER_OR_WORD}|{_MARK}", re.S)
_NUMBER_FULL = re.compile(_NUMBER)
_WORD_FIND = re.compile(_NUMBER_OR_WORD)


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


def _kind(raw: str) -> str:
    """What a token of _TOKEN_FIND is: "ws", "num", "word" or "mark"."""
    first = raw[0]
    if first.isspace() or first in EXTRA_SPACE:
        return "ws"
    if first.isdigit() and _NUMBER_FULL.fullmatch(raw):
        return "num"  # _NUMBER is tried before a word, so a token it matches whole is one
    return "word" if first.isalnum() else "mark"


def token_key(raw: str) -> str:
    """The key of one token (see ``tokenize``).

    >>> token_key("Behaviour"), token_key("10,000"), token_key("—"), token_key("\\n\\n")
    ('behavior', '10000', '-', ' ')
    """
    if raw.isalpha():
        return canonical(raw)  # most tokens: none of the tests below could apply
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
    _fill(cache, raws)
    ends = tuple(accumulate(map(len, raws), initial=start))
    return Tokens(ends[:-1], ends[1:], tuple(map(cache.__getitem__, raws)), tuple(raws))


def _fill(cache: dict[str, str], raws: list[str]) -> None:
    # Most tokens are already known: find the few that are not with set
    # operations, not a lookup per token.
    for raw in set(raws).difference(cache):
        cache[raw] = token_key(raw)


# A rule standing alone ("---", "***", "___"): page furniture that a text run together
# carries inside a paragraph, so it is keyed like a word wherever it stands.
# A rule: three or more of one mark. Spelled out per mark, not as ``(X)\1{2,}``: re
# repeats a backreference with saved state per repetition, ~90 bytes a character
# (a megabyte-long rule took 90 MB to match).
_RULE_CHARS = "-*_=~\u2014\u2500"
_RULE_ALTS = "|".join(f"{re.escape(ch)}{{3,}}" for ch in _RULE_CHARS)
RULE_RE = re.compile(f"(?:{_RULE_ALTS})")
RULE_KEY = "---"


def word_keys(text: str, cache: dict[str, str] | None = None) -> list[str]:
    """Keys of the words of ``text``, punctuation and markup left out; a rule standing
    alone between spaces is one word (``RULE_KEY``).

    >>> word_keys("The Behaviour of 10,000 **Workers'**!")
    ['the', 'behavior', 'of', '10000', 'workers']
    >>> word_keys("1818. *** Letter I"), word_keys("war---peace")
    (['1818', '---', 'letter', 'i'], ['war', 'peace'])
    """
    cache = {} if cache is None else cache
    if not any(r in text for r in _RULE_HINTS):
        return _plain_word_keys(text, cache)
    out: list[str] = []
    pos = 0
    # Only the rules are cut out: the text between keeps its numbers grouped with
    # spaces ("10 000"), as it does in a paragraph with no rule in it.
    for m in _STANDALONE_RULE.finditer(text):
        out.extend(_plain_word_keys(text[pos : m.start()], cache))
        out.append(RULE_KEY)
        pos = m.end()
    out.extend(_plain_word_keys(text[pos:], cache))
    return out


def _plain_word_keys(text: str, cache: dict[str, str]) -> list[str]:
    # The word tokens of _TOKEN_FIND, found without listing the marks between them
    # (a megabyte of dots is 333,333 "..." tokens): a word starts at a letter or digit,
    # and neither whitespace nor a mark token ever takes one.
    words = _WORD_FIND.findall(text)
    _fill(cache, words)
    return list(map(cache.__getitem__, words))


_STANDALONE_RULE = re.compile(rf"(?<!\S)(?:{_RULE_ALTS})(?!\S)")  # RULE_RE, a word
_RULE_HINTS = tuple(ch * 3 for ch in "-*_=~\u2014\u2500")


# Compatibility forms that change what a number says: 10⁶ is not 106, ① not 1.
_KEEP_COMPAT = ("<super>", "<sub>", "<fraction>", "<circle>")


@lru_cache(maxsize=4096)
def _compat_fold(ch: str) -> str:
    if ch.isascii() or unicodedata.decomposition(ch).startswith(_KEEP_COMPAT):
        return ch
    return unicodedata.normalize("NFKC", ch)


def fold_typography(s: str) -> str:
    """Quotes to ', dashes to -, ellipses to ..., digit grouping removed, NFKC."""
    if not s.isascii():
        # Canonical composition first (NFD and NFC are the same text), then the
        # compatibility forms one character at a time, sparing those in _KEEP_COMPAT.
        s = "".join(map(_compat_fold, unicodedata.normalize("NFC", s)))
        for seq, rep in SEQUENCES:
            s = s.replace(seq, rep)
    else:
        s = s.replace("---", "-").replace("--", "-")
    s = s.translate(_TYPO_TABLE)
    return _DIGIT_GROUP_RE.sub("", s)


_ZERO_WIDTH = str.maketrans(dict.fromkeys(EXTRA_SPACE, ""))
# A word hyphenated across a hard wrap ("Commi-\nttees"): the wrap, not a hyphen.
_WRAP_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])[-\u2010][ \t]*\r?\n\s*(?=[^\W\d_])")
# A space lost before a capital ("ComradeKim", the scraper's join of two words).
_CAMEL_RE = re.compile(r"(?<=[^\W\d_A-Z])(?=[A-Z])")
# Space next to a mark never changes a word ("fail - this" is "fail-this" respaced).
# Applied once runs of whitespace are single spaces, so each match is one space and
# the replacement a literal "": linear however long a run of spaces or marks is.
# It opens with the space, so re looks for spaces (in C) and tries the lookarounds only
# there, not at every mark of a megabyte of dots.
_AROUND_MARK_RE = re.compile(r" (?:(?=[^\w\s])|(?<=[^\w\s] ))")
# Marks between or before digits are part of the number: 1.5, -5, 10:30, 5-10.
_NUMERIC_MARKS = ".,:-/"


def _ws(s: str) -> str:
    """Whitespace folded: runs to one space, none next to marks, hard-wrap hyphens and
    lost spaces before capitals restored. Words are never joined or split here:
    "may be" and "maybe" stay different."""
    s = s.translate(_ZERO_WIDTH)
    # Each pattern only where it can match: a pattern that opens with a lookbehind is
    # tried at every position, a cost a megabyte of dots pays once per fold level.
    if ("-" in s or "\u2010" in s) and "\n" in s:
        s = _WRAP_HYPHEN_RE.sub("", s)
    if _ASCII_UPPER(s):
        s = _CAMEL_RE.sub(" ", s)
    s = " ".join(s.split())
    return _AROUND_MARK_RE.sub("", s) if " " in s else s


_ASCII_UPPER = re.compile("[A-Z]").search


# The levels fold cumulatively, so each one starts from what the one before it
# built: a long edit (a megabyte of dots) is folded once per step, not once per level.
_folded_typography = lru_cache(maxsize=64)(fold_typography)


# The same hard wrap read the other way: the hyphen was the word's own
# ("people-⏎oriented" is "people-oriented"), only the break goes.
_WRAP_BREAK_RE = re.compile(r"(?<=[^\W\d_][-\u2010])[ \t]*\r?\n\s*(?=[^\W\d_])")


def _same_ws(a: str, b: str) -> bool:
    """Equal once whitespace is folded, a hard-wrap hyphen read either way:
    as the typesetter's ("eco-⏎nomy", economy) or as the word's own
    ("people-⏎oriented", people-oriented)."""
    if _ws(a) == _ws(b):
        return True
    if "\n" not in a and "\n" not in b:
        return False
    return _ws(_WRAP_BREAK_RE.sub("", a)) == _ws(_WRAP_BREAK_RE.sub("", b))


def _fold_typo(s: str) -> str:
    return _ws(_folded_typography(s))


@cache
def _markup_re(html: bool) -> re.Pattern[str]:
    # Compiled on first use, and the HTML part only for text with a "<" in it:
    # the tag pattern alone costs more to compile than comparing a short text.
    return re.compile(rf"{HTML_TAG}|{MARKDOWN}" if html else MARKDOWN, re.IGNORECASE)


def _strip_markup(s: str) -> str:
    """HTML tags and Markdown marks (rules.HTML_TAG, rules.MARKDOWN) removed."""
    html = "<" in s  # every tag starts with one
    if not html and not any(ch in s for ch in "*_~`#"):  # nor Markdown without one of these
        return s
    return _markup_re(html).sub("", s)


@lru_cache(maxsize=64)
def _fold_markup(s: str) -> str:
    return _ws(_strip_markup(_folded_typography(s)))


_LABEL_RE = re.compile(ENUMERATION_LABEL)
_PAREN_NUMBER_RE = re.compile(PAREN_NUMBER)


def _strip_labels(s: str) -> str:
    """Enumeration labels (rules.ENUMERATION_LABEL) removed, "(1)" read as "1"."""
    if not any(ch.isdigit() or ch in ".)" for ch in s):
        return s
    # Every label ends in "." or ")" before a space; the pattern, which opens with
    # lookbehinds, is tried only where one can be (not along a megabyte of dots).
    out = _LABEL_RE.sub(" ", s) if _MAY_END_LABEL(s) else s
    return _PAREN_NUMBER_RE.sub(r"\1", out) if "(" in out else out


_MAY_END_LABEL = re.compile(r"[.)]\s").search


@lru_cache(maxsize=64)
def _fold_labels(s: str) -> str:
    return _ws(_strip_labels(_strip_markup(_folded_typography(s))))


@lru_cache(maxsize=64)
def _fold_case(s: str) -> str:
    return _fold_labels(s).casefold()


def _keeps(t: str, i: int) -> bool:
    """Is the mark at t[i] part of a word or a number rather than punctuation?"""
    ch = t[i]
    if ch in MEANINGFUL_MARKS or not unicodedata.category(ch).startswith("P"):
        return True
    prev = t[i - 1] if i else ""
    nxt = t[i + 1] if i + 1 < len(t) else ""
    if ch in "'-" and prev.isalpha() and nxt.isalpha():
        return True  # inside a word: grass-roots, we're (spelling decides)
    if not nxt.isdigit():
        return False
    # A sign or decimal point before a digit is part of the number whatever
    # precedes it ("was -5", "was-5" once spacing is folded); a comma, colon or
    # slash only between digits (10:30, 1/2; a comma after a word is punctuation).
    return ch in "-.+\u2212" or (ch in _NUMERIC_MARKS and prev.isdigit())


class _PunctToSpace(dict[int, str]):
    """str.translate table: a punctuation mark that carries no meaning -> a space."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        keep = ch in MEANINGFUL_MARKS or not unicodedata.category(ch).startswith("P")
        self[cp] = ch if keep else " "
        return self[cp]


_PUNCT_TO_SPACE = _PunctToSpace()
_MARK_RUN_RE = re.compile(r"(?:[^\w\s]|_)+")  # "_" is \w to re, but a mark here


# A full stop inside an initialism ("U.N.", "e.g."): the letters are one word.
_INITIALISM_DOT_RE = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_](?![^\W\d_]))")


def _punct_base(s: str) -> str:
    """What the punctuation fold starts from: the case fold, with initialisms closed up."""
    base = _strip_labels(_strip_markup(_folded_typography(s)))
    return _ws(_INITIALISM_DOT_RE.sub(r"\1", base) if "." in base else base).casefold()


def _fold_punct(s: str) -> str:
    t = _punct_base(s)

    def run(m: re.Match[str]) -> str:
        # Only a run's first and last marks touch a letter or digit (what _keeps
        # looks at); the marks inside it are decided by the table, in C, so a
        # megabyte of dots costs no Python call per dot.
        i, j = m.span()
        if j - i <= 2:
            return "".join(t[k] if _keeps(t, k) else " " for k in range(i, j))
        first = t[i] if _keeps(t, i) else " "
        last = t[j - 1] if _keeps(t, j - 1) else " "
        return first + t[i + 1 : j - 1].translate(_PUNCT_TO_SPACE) + last

    return _ws(_MARK_RUN_RE.sub(run, t))


_LETTER_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


class _SpellingForm(NamedTuple):
    letters: str  # canonical spellings run together
    spaces: frozenset[int]  # where words broke at a space (or a dropped mark)
    hyphens: frozenset[int]  # where words broke at a hyphen
    # Space breaks between two words of two letters or more: position -> (start of
    # the first word, end of the second).
    joinable: dict[int, tuple[int, int]]


def _spelling_form(s: str) -> _SpellingForm:
    """Canonical spellings run together, with where words broke."""
    t = _WRAP_HYPHEN_RE.sub("", _strip_labels(_strip_markup(_folded_typography(s))))
    out: list[str] = []
    pos = 0
    spaces: set[int] = set()
    hyphens: set[int] = set()
    joinable: dict[int, tuple[int, int]] = {}
    at = 0
    last_word = 0  # length of the word piece just before pos (0 if not a word)
    pending: int | None = None  # a joinable break waiting for the end of its second word
    for raw in _TOKEN_FIND.findall(t):
        start, at = at, at + len(raw)
        kind = _kind(raw)
        if kind == "word":
            for n, part in enumerate(_LETTER_HYPHEN_RE.split(raw)):
                if n:
                    hyphens.add(pos)
                elif pos:
                    spaces.add(pos)
                    if last_word >= 2 and len(part) >= 2 and part.isalpha():
                        pending = pos
                piece = canonical(part) if not any(c.isdigit() for c in part) else part.casefold()
                out.append(piece)
                pos += len(piece)
                if pending is not None:
                    joinable[pending] = (pending - last_word, pos)
                    pending = None
                last_word = len(piece) if part.isalpha() else 0
        elif kind == "num":
            spaces.add(pos)
            digits = _digits(raw)
            out.append(digits)
            pos += len(digits)
            last_word = 0
        elif kind == "mark" and _keeps(t, start):
            out.append(raw)
            pos += len(raw)
            last_word = 0
        elif kind == "mark":
            last_word = 0
    spaces.discard(0)
    return _SpellingForm("".join(out), frozenset(spaces - hyphens), frozenset(hyphens), joinable)


def _same_spelling(a: str, b: str) -> bool:
    """Same words once spelling variants are mapped, where a hyphen may come and go
    (grass-roots, grassroots; Il-sung, Il Sung) and two words may be written as one
    (any thing, anything; red tape, redtape), but a word is never split off a single
    letter ("a part", "apart")."""
    fa, fb = _spelling_form(a), _spelling_form(b)
    if fa.letters != fb.letters:
        return False
    breaks_a, breaks_b = fa.spaces | fa.hyphens, fb.spaces | fb.hyphens
    for pos in breaks_a ^ breaks_b:
        if pos in fa.hyphens or pos in fb.hyphens:
            continue
        form, other = (fa, breaks_b) if pos in breaks_a else (fb, breaks_a)
        span = form.joinable.get(pos)
        # Two words written as one on the other side: no break of its own inside them
        # ("suited one" is not "suite done").
        if span is None or any(span[0] < q < span[1] for q in other):
            return False
    return True


def _same(fold: Callable[[str], str]) -> Callable[[str, str], bool]:
    return lambda a, b: fold(a) == fold(b)


_BYLINE_RE = re.compile(BYLINE_LABEL)


def _same_byline(a: str, b: str) -> bool:
    """One attribution written two ways: a labelled byline ("Author: James Madison")
    against the name or part of it, in any case ("MADISON")."""
    la, lb = _BYLINE_RE.match(a), _BYLINE_RE.match(b)
    if not (la or lb) or (la and lb):
        return False
    wa = word_keys(a[la.end() :] if la else a)
    wb = word_keys(b[lb.end() :] if lb else b)
    if not wa or not wb or len(wa) > 4 or len(wb) > 4:
        return False
    labelled, bare = (wa, wb) if la else (wb, wa)
    return set(bare) <= set(labelled)


class Rule(NamedTuple):
    name: str  # what explains an edit, as reported (``Segment.rule``)
    category: Category
    holds: Callable[[str, str], bool]  # do a and b differ by no more than this?


# The rules in order of severity: two strings that pass a rule differ by at most its
# category. Cumulative: each fold also folds what the ones before it fold (the
# byline, a test of its own, aside).
RULES: tuple[Rule, ...] = (
    Rule("whitespace", Category.WHITESPACE, _same_ws),
    Rule("typography", Category.TYPOGRAPHY, _same(_fold_typo)),
    Rule("markup", Category.FORMATTING, _same(_fold_markup)),
    Rule("numbering", Category.FORMATTING, _same(_fold_labels)),
    Rule("byline", Category.FORMATTING, _same_byline),
    Rule("case", Category.CASE, _same(_fold_case)),
    Rule("punctuation", Category.PUNCTUATION, _same(_fold_punct)),
    Rule("spelling", Category.SPELLING, _same_spelling),
)
LEVELS: tuple[tuple[Category, Callable[[str, str], bool]], ...] = tuple(
    (r.category, r.holds) for r in RULES
)


class Explanation(NamedTuple):
    category: Category
    rule: str  # a Rule's name, or "substantive"


def explain(a: str, b: str) -> Explanation:
    """The least serious rule that explains every difference between a and b.

    Memoized: a pure function of its arguments, and the same few edits
    (a quote style, a spelling convention) recur hundreds of times in a book.
    A long edit is not: it is explained once, and what its folds cached goes with
    it (a megabyte run folded at every level would otherwise stay in memory).

    >>> explain("U.N.", "UN"), explain("\\nIV. The", " The").rule
    (Explanation(category=<Category.PUNCTUATION: 'punctuation'>, rule='punctuation'), 'numbering')
    """
    if len(a) + len(b) <= UNCACHED_CHARS:
        return _explain_short(a, b)
    try:
        return _explain(a, b)
    finally:
        for fold in _FOLD_CACHES:
            fold.cache_clear()


# An edit longer than this (both sides) is explained without memoizing it or its folds.
UNCACHED_CHARS = 1 << 16


def _explain(a: str, b: str) -> Explanation:
    if not a or not b:
        # Text added or removed outright: only its words decide, so skip the folds.
        other = a or b
        if any(ch.isalnum() for ch in other):
            return _SUBSTANTIVE
    if _other_words(a, b):
        return _SUBSTANTIVE
    for rule in RULES:
        if rule.holds(a, b):
            return Explanation(rule.category, rule.name)
    return _SUBSTANTIVE


_SUBSTANTIVE = Explanation(Category.SUBSTANTIVE, "substantive")
_explain_short = lru_cache(maxsize=1 << 16)(_explain)
_FOLD_CACHES = (_folded_typography, _fold_markup, _fold_labels, _fold_case)

# What a fold may take away before the words are compared: markup, a rule, a byline's
# label, compatibility forms (and numbering, found by its own pattern). Text without
# any of these has no words but its word keys.
_NOT_PLAIN = re.compile(r"[^\x00-\x7f]|[<=]|---|\*\*\*|___|~~~")


def _other_words(a: str, b: str) -> bool:
    """Are a and b plainly different words, so that no rule can explain them? Cheap tests
    first, so a rewritten page is not folded eight times to find it out:

    - every rule up to spelling keeps the words' canonical letters, so for plain text
      (no ``_NOT_PLAIN``, no numbering) different letters are a substantive edit;
    - numbering, a byline, a footnote mark or markup add or drop a few words; a long
      edit where most words (markup aside) are not the other side's is substantive.

    >>> _other_words("the old party", "the new party"), _other_words("any thing", "anything")
    (True, False)
    """
    if not any(
        pattern.search(s) for pattern in (_NOT_PLAIN, _LABEL_RE, _BYLINE_RE) for s in (a, b)
    ):
        return "".join(word_keys(a)) != "".join(word_keys(b))
    if len(a) + len(b) < LONG_EDIT_CHARS:
        return False
    # Tag names are not words (Markdown's marks are no words at all): tags go first.
    a, b = (_strip_markup(s) if "<" in s else s for s in (a, b))
    short, long_ = sorted((a, b), key=len)
    if len(short) < LONG_EDIT_CHARS // 2:
        # Text added or dropped in bulk: its words counted from below without keying
        # them (each token with a letter or digit in it is at least one word) decide.
        n, k = _wordy_tokens(long_), len(word_keys(short))
        if n - k > LONG_EDIT_WORDS and n > 3 * k:  # so unshared > max(WORDS, total // 2)
            return True
    ka, kb = Counter(word_keys(a)), Counter(word_keys(b))
    unshared = (ka - kb).total() + (kb - ka).total()
    return unshared > max(LONG_EDIT_WORDS, (ka.total() + kb.total()) // 2)


# A whitespace-delimited token with a letter or digit in it: at least one word key.
# Matched from its first letter or digit to its end, once per token; no leading
# ``\S*``, which would rescan a long run of marks ("-----...") from every position.
_WORDY_TOKEN = re.compile(r"[^\W_]\S*")


def _wordy_tokens(s: str) -> int:
    """How many ``_WORDY_TOKEN``s ``s`` has, counted 64K characters at a time (cut at a
    space) so that a 50 MB edit is not listed word by word.

    >>> _wordy_tokens("a -- b2 " * 20000)
    40000
    """
    n = pos = 0
    while pos < len(s):
        end = s.find(" ", pos + 65536)
        end = len(s) if end < 0 else end
        n += len(_WORDY_TOKEN.findall(s, pos, end))
        pos = end
    return n
# An edit this long whose words are more than half not the other side's (and more than
# this many) is substantive without folding it.
LONG_EDIT_CHARS = 1000
LONG_EDIT_WORDS = 20


def classify_text(a: str, b: str) -> Category:
    """The least serious category that explains every difference between a and b."""
    return explain(a, b).category
