"""Paragraphing decides nothing: the same words broken into other paragraphs are equivalent
(whitespace edits only), and unrelated texts stay unrelated, however they are broken.

Each text is re-broken six ways: all on one line, paragraphs joined by 2, 10 and 50,
hard-wrapped at 60 columns, and split at random sentence ends (seeded).
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import textdiff
from textdiff import Category, Verdict

from .conftest import ADDRESS_2013, BULLETIN, CLOSING, CORPORA, OPENING_2021, RODONG

FRANKENSTEIN = CORPORA / "frankenstein-variorum" / "full" / "1818.txt"
DARWIN = CORPORA / "darwin-origin-collatex" / "editions" / "1859.txt"
WAYS = ["one-line", "join-2", "join-10", "join-50", "wrapped", "sentences"]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def rebreak(text: str, way: str, seed: int = 7) -> str:
    ps = _paragraphs(text)
    if way == "one-line":
        return " ".join(ps) + "\n"
    if way.startswith("join-"):
        k = int(way[5:])
        return "\n\n".join(" ".join(ps[i : i + k]) for i in range(0, len(ps), k)) + "\n"
    if way == "wrapped":
        return "\n\n".join(textwrap.fill(p, 60) for p in ps) + "\n"
    rng = random.Random(seed)
    out: list[str] = []
    for p in ps:
        cur: list[str] = []
        for sentence in re.split(r"(?<=[.!?])\s+", p):
            cur.append(sentence)
            if rng.random() < 0.3:
                out.append(" ".join(cur))
                cur = []
        if cur:
            out.append(" ".join(cur))
    return "\n\n".join(out) + "\n"


def _texts() -> Iterator[Path]:
    yield CLOSING
    yield BULLETIN
    for p in (FRANKENSTEIN, DARWIN):
        if p.exists():
            yield p


@pytest.mark.parametrize("path", list(_texts()), ids=lambda p: p.name)
@pytest.mark.parametrize("way", WAYS)
def test_same_words_other_paragraphs_are_equivalent(path: Path, way: str) -> None:
    text = path.read_text(encoding="utf-8")
    other = rebreak(text, way)
    for c in (textdiff.compare_texts(text, other), textdiff.compare_texts(other, text)):
        assert c.summary.verdict is Verdict.EQUIVALENT, c.summary.reasons
        assert set(c.summary.edits) == {Category.WHITESPACE}, c.summary.edits
        assert all(0 <= x <= 1 for x in c.coverage) and min(c.coverage) >= 0.99, c.coverage


UNRELATED = [(ADDRESS_2013, OPENING_2021), (RODONG, OPENING_2021)]


@pytest.mark.parametrize(("a", "b"), UNRELATED, ids=lambda p: p.stem)
@pytest.mark.parametrize("way", WAYS)
def test_unrelated_texts_stay_unrelated(a: Path, b: Path, way: str) -> None:
    ta, tb = a.read_text(encoding="utf-8"), rebreak(b.read_text(encoding="utf-8"), way)
    for c in (textdiff.compare_texts(ta, tb), textdiff.compare_texts(tb, ta)):
        assert c.summary.verdict is Verdict.UNRELATED, c.summary.reasons
        assert all(0 <= x <= 1 for x in c.coverage)
