"""Deterministic generator of large benchmark pairs from the KCNA archive.

A side: whole KCNA articles (2010 onwards, English only), concatenated in archive order until the
target size is reached, one paragraph per block, blank line between paragraphs and articles.  The
smaller sizes are prefixes of the larger ones (same article stream), so time per MB can be compared.

B side: A with seeded random edits at a fixed density per MB, so the edit load grows with size:
word substitutions, British->American spelling changes, straight->curly quote changes, paragraph
deletions, paragraph insertions (real paragraphs from articles after the A range), split paragraphs
(at a sentence boundary) and moved paragraphs (at least one per pair, one per MB). The manifest
lists the counts of each edit and every moved paragraph (A index -> B index), the ground truth of
``moves_recall.py``.

Files are cached under benchmarks/.cache/ (gitignored); the cache key holds the size, the seed and
GEN_VERSION, so changing the edit recipe below means bumping GEN_VERSION.

Usage: python benchmarks/gen_pairs.py [--sizes 2.5,5,10] [--seed 1859] [--force]
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import random
import re
import sys
from typing import NamedTuple

GEN_VERSION = 1
DEFAULT_SEED = 1859
DEFAULT_SIZES = (2.5, 5.0, 10.0)
HERE = os.path.dirname(os.path.abspath(__file__))
CACHE_DIR = os.path.join(HERE, ".cache")
KCNA_DIR = os.environ.get(
    "TEXTDIFF_KCNA_DIR",
    os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        os.pardir,
        "shared",
        "corpora",
        "kcna-archive",
    ),
)
FIRST_YEAR = 2010  # earlier years have hard-wrapped lines and mis-decoded characters

# Edit densities.
P_WORD_SUB = 0.002  # per word
P_SPELLING = 0.5  # per occurrence of a word in SPELLING
P_QUOTES = 0.15  # per paragraph containing a straight quote: make its quotes curly
P_DELETE = 0.01  # per paragraph
P_INSERT = 0.008  # per paragraph (a new paragraph after it)
P_SPLIT = 0.02  # per paragraph with a sentence boundary
MOVES_PER_MB = 1.0

SPELLING = {
    "labour": "labor",
    "honour": "honor",
    "honoured": "honored",
    "favour": "favor",
    "favourable": "favorable",
    "colour": "color",
    "colourful": "colorful",
    "behaviour": "behavior",
    "neighbour": "neighbor",
    "neighbouring": "neighboring",
    "endeavour": "endeavor",
    "organise": "organize",
    "organised": "organized",
    "organising": "organizing",
    "organisation": "organization",
    "organisations": "organizations",
    "realise": "realize",
    "realised": "realized",
    "recognise": "recognize",
    "recognised": "recognized",
    "centre": "center",
    "centres": "centers",
    "defence": "defense",
    "programme": "program",
    "programmes": "programs",
    "fulfil": "fulfill",
    "theatre": "theater",
    "civilisation": "civilization",
    "modernisation": "modernization",
    "mobilise": "mobilize",
    "mobilised": "mobilized",
    "characterised": "characterized",
    "emphasised": "emphasized",
    "criticised": "criticized",
    "apologise": "apologize",
    "jewellery": "jewelry",
    "towards": "toward",
    "whilst": "while",
}
_WORD_RE = re.compile(r"[A-Za-z]+")
_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def pair_paths(size_mb: float, seed: int = DEFAULT_SEED) -> tuple[str, str, str]:
    stem = os.path.join(CACHE_DIR, f"kcna-{size_mb:g}mb-s{seed}-v{GEN_VERSION}")
    return stem + ".A.txt", stem + ".B.txt", stem + ".manifest.json"


def _is_english(text: str) -> bool:
    words = text.split()
    if len(words) < 30:
        return False
    common = sum(1 for w in words if w in ("the", "of", "and", "to", "in", "The"))
    return common / len(words) > 0.06 and "\ufffd" not in text


def iter_articles():
    """Yield each article as a list of paragraphs, in archive order (deterministic)."""
    files = sorted(glob.glob(os.path.join(KCNA_DIR, "*.jsonl.gz")))
    files = [
        f
        for f in files
        if os.path.basename(f)[:4].isdigit() and int(os.path.basename(f)[:4]) >= FIRST_YEAR
    ]
    if not files:
        raise SystemExit(f"gen_pairs: no KCNA archive files found under {KCNA_DIR}")
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"]
                text = text.replace("&nbsp;", " ").replace("\xa0", " ")
                if not _is_english(text):
                    continue
                paras = [" ".join(x.split()) for x in text.splitlines()]
                paras = [p for p in paras if p]
                if len(paras) >= 2:
                    yield paras


def _target_bytes(size_mb: float) -> int:
    return int(size_mb * 1_000_000)


def build_a(size_mb: float) -> tuple[list[list[str]], list[str]]:
    """Articles making up A (about size_mb MB), and a pool of later paragraphs for insertions."""
    target = _target_bytes(size_mb)
    articles: list[list[str]] = []
    pool: list[str] = []
    size = 0
    it = iter_articles()
    for paras in it:
        articles.append(paras)
        size += sum(len(p.encode("utf-8")) + 2 for p in paras)
        if size >= target:
            break
    n_paras = sum(len(a) for a in articles)
    want = int(n_paras * P_INSERT * 3) + 50
    for paras in it:
        pool.extend(p for p in paras[1:] if len(p) > 80)
        if len(pool) >= want:
            break
    return articles, pool


def _respell(word: str) -> str:
    low = word.lower()
    rep = SPELLING.get(low)
    if rep is None:
        return word
    if word.isupper():
        return rep.upper()
    if word[0].isupper():
        return rep[0].upper() + rep[1:]
    return rep


def _curly(p: str) -> str:
    out = []
    open_dq = True
    for i, ch in enumerate(p):
        if ch == '"':
            out.append("\u201c" if open_dq else "\u201d")
            open_dq = not open_dq
        elif ch == "'":
            prev = p[i - 1] if i else " "
            out.append("\u2019" if prev.isalnum() else "\u2018")
        else:
            out.append(ch)
    return "".join(out)


class Src(NamedTuple):
    """Where a paragraph of B came from: paragraph ``a`` of A (None: inserted from the pool),
    whole or the head or tail of a split, whether its words or quotes were edited (a
    split's tail: whether it is not found verbatim in A's paragraph), and how often moved."""

    a: int | None
    part: str  # whole, head, tail, inserted
    edited: bool
    moved: int = 0


def make_b(
    paragraphs: list[str], pool: list[str], rng: random.Random, size_mb: float, vocab: list[str]
) -> tuple[list[str], dict, list[dict]]:
    """B's paragraphs, the count of each edit, and the moves made (see ``Src``).

    Each paragraph of B carries where it came from (``src``, parallel to ``out``); it is
    bookkeeping only and draws nothing from ``rng``, so B's bytes are as before it existed.
    """
    stats = {
        k: 0
        for k in (
            "word_substitutions",
            "spelling_changes",
            "quote_changes",
            "paragraph_deletions",
            "paragraph_insertions",
            "paragraph_splits",
            "paragraph_moves",
        )
    }

    def edit_words(m: re.Match) -> str:
        w = m.group(0)
        if w.lower() in SPELLING and rng.random() < P_SPELLING:
            stats["spelling_changes"] += 1
            return _respell(w)
        if rng.random() < P_WORD_SUB:
            stats["word_substitutions"] += 1
            return rng.choice(vocab)
        return w

    out: list[str] = []
    src: list[Src] = []
    for ai, p in enumerate(paragraphs):
        if rng.random() < P_DELETE:
            stats["paragraph_deletions"] += 1
            continue
        q = _WORD_RE.sub(edit_words, p)
        if ('"' in q or "'" in q) and rng.random() < P_QUOTES:
            stats["quote_changes"] += 1
            q = _curly(q)
        if rng.random() < P_SPLIT:
            cuts = [m.start() for m in _SENT_RE.finditer(q)]
            if cuts:
                c = rng.choice(cuts)
                out.append(q[:c].rstrip())
                src.append(Src(ai, "head", out[-1] not in p))
                q = q[c:].lstrip()
                stats["paragraph_splits"] += 1
                src.append(Src(ai, "tail", q not in p))
            else:
                src.append(Src(ai, "whole", q != p))
        else:
            src.append(Src(ai, "whole", q != p))
        out.append(q)
        if pool and rng.random() < P_INSERT:
            out.append(pool.pop(rng.randrange(len(pool))))
            src.append(Src(None, "inserted", False))
            stats["paragraph_insertions"] += 1

    n_moves = max(1, round(size_mb * MOVES_PER_MB))
    for _ in range(n_moves):
        n = len(out)
        for _try in range(100):
            i = rng.randrange(n)
            if len(out[i]) > 200:
                break
        p = out.pop(i)
        tag = src.pop(i)
        # land far away: at least a tenth of the text from where it was
        lo = max(1, n // 10)
        j = (i + lo + rng.randrange(max(1, n - 2 * lo))) % (n - 1)
        out.insert(j, p)
        src.insert(j, tag._replace(moved=tag.moved + 1))
        stats["paragraph_moves"] += 1
    moves = [
        {"a": t.a, "b": j, "part": t.part, "edited": t.edited, "times": t.moved}
        for j, t in enumerate(src)
        if t.moved
    ]
    return out, stats, moves


def _has_moves(man_path: str) -> bool:
    """Is there a manifest that lists the moves? (Older ones did not: the same bytes are
    generated again, with the list.)"""
    try:
        with open(man_path, encoding="utf-8") as fh:
            return "moves" in json.load(fh)
    except (OSError, ValueError):
        return False


def generate(
    size_mb: float, seed: int = DEFAULT_SEED, force: bool = False, quiet: bool = False
) -> tuple[str, str]:
    a_path, b_path, man_path = pair_paths(size_mb, seed)
    if not force and os.path.exists(a_path) and os.path.exists(b_path) and _has_moves(man_path):
        return a_path, b_path
    os.makedirs(CACHE_DIR, exist_ok=True)
    if not quiet:
        print(
            f"gen_pairs: generating {size_mb:g} MB pair (seed {seed}) ...",
            file=sys.stderr,
            flush=True,
        )
    articles, pool = build_a(size_mb)
    rng = random.Random(f"textdiff-bench/{seed}/{size_mb:g}/v{GEN_VERSION}")
    a_paras = [p for art in articles for p in art]
    vocab = sorted({w for p in a_paras[:2000] for w in _WORD_RE.findall(p) if len(w) > 3})
    b_paras, stats, moves = make_b(a_paras, pool, rng, size_mb, vocab)
    a_text = "\n\n".join(a_paras) + "\n"
    b_text = "\n\n".join(b_paras) + "\n"
    for path, text in ((a_path, a_text), (b_path, b_text)):
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    manifest = {
        "size_mb": size_mb,
        "seed": seed,
        "gen_version": GEN_VERSION,
        "articles": len(articles),
        "a_paragraphs": len(a_paras),
        "b_paragraphs": len(b_paras),
        "a_bytes": len(a_text.encode("utf-8")),
        "b_bytes": len(b_text.encode("utf-8")),
        "edits": stats,
        # Each moved paragraph: A index -> B index (0-based, in the blank-line-separated
        # paragraphs written above), which part of A's paragraph, edited or not, times moved.
        "moves": moves,
    }
    with open(man_path, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1)
    return a_path, b_path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(f"{s:g}" for s in DEFAULT_SIZES))
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = ap.parse_args(argv)
    for s in args.sizes.split(","):
        a, b = generate(float(s), args.seed, force=args.force)
        with open(pair_paths(float(s), args.seed)[2], encoding="utf-8") as fh:
            man = json.load(fh)
        print(
            f"{a}\n{b}\n  {json.dumps(man['edits'])}"
            f"  A {man['a_bytes']:,} B, B {man['b_bytes']:,} B"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
