#!/usr/bin/env python3
"""Moved paragraphs: how many planted moves does ``textdiff.compare`` report as moved?

    python benchmarks/moves_recall.py [--only NAME,...] [--seeds N] [-v]

    Pair(...)           a comparison to score: paths, and the moves planted in it
    kcna_pairs()        the generated 2.5, 5 and 10 MB pairs: gen_pairs.py's manifest lists
                        every moved paragraph (A index -> B index)
    planted_pairs()     real pairs (the samples, Frankenstein, Darwin) whose B gets paragraphs
                        moved by a seeded script (``plant``); the A paragraph each one stands
                        for is its 1:1 partner in the comparison of the unplanted pair
    score(pair)         the comparison's moved blocks against the planted moves

A planted move is *found* when a ``moved`` block holds its paragraph of A and its paragraph
of B; otherwise the row says what the blocks holding them were (``deleted+inserted``:
the paragraph lost on one side and gained on the other; ``changed``: paired in place with
another paragraph; ...). Precision: the share of ``moved`` blocks that are a planted move
(a block already moved in the unplanted pair is not counted against it, and is listed
apart as ``unplanted``; on the generated pairs there is no unplanted pair).

Paragraphs are matched by place, not index: a planted paragraph is a span of the text,
and it stands for every paragraph of ``compare`` that overlaps the span, so a segmenter
that joins or cuts paragraphs differently cannot make a move look found or missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import gen_pairs  # noqa: E402

import textdiff  # noqa: E402
from textdiff import BlockKind, Comparison  # noqa: E402

SHARED = HERE.parent.parent / "shared"
SAMPLES = HERE.parent / "samples"
FRANK = SHARED / "corpora" / "frankenstein-variorum" / "full"
DARWIN = SHARED / "corpora" / "darwin-origin-collatex" / "editions"


class Shape(NamedTuple):
    """How moves are planted: far away (always), and optionally harder."""

    edit: float = 0.0  # share of the moved paragraph's words replaced by other words
    into_gap: bool = False  # the paragraph where it lands is deleted: the move fills its slot
    max_words: int = 0  # only paragraphs at most this long are moved (0: any)


_FAR, _EDITED, _GAP, _SHORT = Shape(), Shape(edit=0.15), Shape(into_gap=True), Shape(max_words=12)
# (name, A, B, moves planted in B per seed, shape)
PLANTED = (
    (
        "closing/bulletin",
        SAMPLES / "closing-address.txt",
        SAMPLES / "embassy-bulletin.txt",
        2,
        _FAR,
    ),
    (
        "cell-2013/self",
        SAMPLES / "cell-secretaries-2013.txt",
        SAMPLES / "cell-secretaries-2013.txt",
        3,
        _FAR,
    ),
    ("darwin-1859/1872", DARWIN / "1859.txt", DARWIN / "1872.txt", 4, _FAR),
    ("frankenstein-1818/self", FRANK / "1818.txt", FRANK / "1818.txt", 6, _FAR),
    ("frankenstein-1818/1831", FRANK / "1818.txt", FRANK / "1831.txt", 6, _FAR),
    ("frankenstein-1818/1831 edited", FRANK / "1818.txt", FRANK / "1831.txt", 6, _EDITED),
    ("frankenstein-1818/1831 into-gap", FRANK / "1818.txt", FRANK / "1831.txt", 6, _GAP),
    ("frankenstein-1818/1831 short", FRANK / "1818.txt", FRANK / "1831.txt", 6, _SHORT),
)
# A planted paragraph has at least this many words (below it, find_moves does not call
# a deleted and inserted paragraph a move, by design: "Thank you." is not evidence).
PLANT_MIN_WORDS = 4
# ... and shares at least half its words with its partner in the unplanted pair: below it
# a reader would not call them one paragraph (a rewrite paired by its place).
PLANT_MIN_SIM = 0.5
_WORD = re.compile(r"[A-Za-z]+")


class Span(NamedTuple):
    start: int
    end: int


class Planted(NamedTuple):
    a: Span  # the paragraph's place in A's text
    b: Span  # and in B's
    words: int  # words of the B paragraph
    note: str  # whole, head, tail, edited, ...


class Pair(NamedTuple):
    name: str
    a: Path
    b: Path
    moves: list[Planted]
    unplanted: frozenset[tuple[str, str]] = frozenset()  # moved blocks of the unplanted pair


class Score(NamedTuple):
    name: str
    planted: int
    found: int
    otherwise: Counter[str]
    reported: int  # moved blocks
    true: int  # of those, a planted move
    unplanted: int  # of those, already moved in the unplanted pair
    seconds: float
    misses: list[str]
    extras: list[str]


def _units(text: str, sep: str = "\n\n") -> list[Span]:
    """Spans of the ``sep``-separated paragraphs of a generated text."""
    out, pos = [], 0
    for part in text.split(sep):
        out.append(Span(pos, pos + len(part)))
        pos += len(part) + len(sep)
    return out


def kcna_pairs(
    sizes: tuple[float, ...] = gen_pairs.DEFAULT_SIZES, seed: int = gen_pairs.DEFAULT_SEED
) -> list[Pair]:
    out = []
    for size in sizes:
        a_path, b_path = gen_pairs.generate(size, seed, quiet=True)
        with open(gen_pairs.pair_paths(size, seed)[2], encoding="utf-8") as fh:
            man = json.load(fh)
        ua = _units(Path(a_path).read_text(encoding="utf-8"))
        tb = Path(b_path).read_text(encoding="utf-8")
        ub = _units(tb)
        moves = [
            Planted(
                ua[m["a"]],
                ub[m["b"]],
                len(tb[ub[m["b"]].start : ub[m["b"]].end].split()),
                m["part"] + (" edited" if m["edited"] else ""),
            )
            for m in man["moves"]
            if m["a"] is not None  # a paragraph inserted from the pool and moved: no A side
        ]
        name = f"kcna-{size:g}mb" + (f" s{seed}" if seed != gen_pairs.DEFAULT_SEED else "")
        out.append(Pair(name, Path(a_path), Path(b_path), moves))
    return out


def _words(text: str, s: Span) -> int:
    return len(text[s.start : s.end].split())


def _spans(c: Comparison, side: str) -> list[Span]:
    return [Span(p.start, p.end) for p in getattr(c, side).paragraphs]


def _covering(spans: list[Span], s: Span) -> set[int]:
    """Indices of the paragraphs that overlap ``s``."""
    return {k for k, p in enumerate(spans) if p.start < s.end and s.start < p.end}


def plant(
    text: str,
    spans: list[Span],
    eligible: list[int],
    k: int,
    rng: random.Random,
    shape: Shape = _FAR,
) -> tuple[str, list[tuple[int, Span]]]:
    """``text`` with ``k`` of its ``eligible`` paragraphs moved far away, as gen_pairs does.

    A unit is a paragraph with what follows it up to the next paragraph, so the text's own
    separators travel with it. Returns the new text and, for each moved paragraph, its
    index in ``spans`` and its span in the new text.
    """
    n = len(spans)
    bounds = [s.start for s in spans[1:]] + [len(text)]
    units = [text[s.start : e] for s, e in zip(spans, bounds, strict=True)]
    ends = [s.end - s.start for s in spans]  # where each unit's paragraph ends in it
    vocab = sorted(set(_WORD.findall(text)))
    head = text[: spans[0].start]
    order = list(range(n))
    movable = [i for i in eligible if i < n - 1]  # the last unit may lack a separator
    chosen = rng.sample(movable, min(k, len(movable)))
    for i in chosen:
        at = order.index(i)
        order.pop(at)
        lo = max(2, n // 10)  # land at least a tenth of the text away
        j = (at + lo + rng.randrange(max(1, n - 2 * lo))) % (n - 1)
        order.insert(j, i)
        if shape.into_gap and j + 1 < len(order) - 1 and order[j + 1] not in chosen:
            order.pop(j + 1)
        if shape.edit:
            para = units[i][: ends[i]]
            para = _WORD.sub(
                lambda m: rng.choice(vocab) if rng.random() < shape.edit else m[0], para
            )
            units[i] = para + units[i][ends[i] :]
            ends[i] = len(para)
    out, pos, where = [head], len(head), {}
    for i in order:
        where[i] = Span(pos, pos + ends[i])
        out.append(units[i])
        pos += len(units[i])
    return "".join(out), [(i, where[i]) for i in chosen]


def _block_text(c: Comparison, a: tuple[int, ...], b: tuple[int, ...]) -> tuple[str, str]:
    """The words of a block's paragraphs on each side, whitespace normalised."""

    def words(side: str, idx: tuple[int, ...]) -> str:
        doc, paras = getattr(c, side).document, getattr(c, side).paragraphs
        return " ".join(w for i in idx for w in doc.text[paras[i].start : paras[i].end].split())

    return words("a", a), words("b", b)


def _moved_pairs(c: Comparison) -> set[tuple[str, str]]:
    """Moved blocks as (A text, B text): comparable across two comparisons."""
    return {_block_text(c, blk.a, blk.b) for blk in c.blocks if blk.kind is BlockKind.MOVED}


def planted_pairs(seeds: int, tmp: Path, only: set[str] | None = None) -> list[Pair]:
    out = []
    for name, a_path, b_path, k, shape in PLANTED:
        if only and name not in only:
            continue
        base = textdiff.compare(str(a_path), str(b_path))
        tb = base.b.document.text
        sa, sb = _spans(base, "a"), _spans(base, "b")
        partner = {}
        for blk in base.blocks:
            if (
                blk.kind in (BlockKind.EQUAL, BlockKind.CHANGED)
                and len(blk.a) == len(blk.b) == 1
                and blk.similarity >= PLANT_MIN_SIM
                and PLANT_MIN_WORDS <= _words(tb, sb[blk.b[0]]) <= (shape.max_words or 10**9)
            ):
                partner[blk.b[0]] = blk.a[0]
        for seed in range(1, seeds + 1):
            rng = random.Random(f"textdiff-moves/{name}/{seed}")
            text, moved = plant(tb, sb, sorted(partner), k, rng, shape)
            path = tmp / f"{name.replace('/', '-')}-s{seed}.txt"
            path.write_text(text, encoding="utf-8")
            moves = [
                Planted(sa[partner[i]], span, len(text[span.start : span.end].split()), "planted")
                for i, span in moved
            ]
            out.append(Pair(f"{name} s{seed}", a_path, path, moves, frozenset(_moved_pairs(base))))
    return out


def _kinds(c: Comparison) -> tuple[dict[int, BlockKind], dict[int, BlockKind]]:
    by_a: dict[int, BlockKind] = {}
    by_b: dict[int, BlockKind] = {}
    for blk in c.blocks:
        for i in blk.a:
            by_a[i] = blk.kind
        for j in blk.b:
            by_b[j] = blk.kind
    return by_a, by_b


def score(pair: Pair) -> Score:
    t0 = time.perf_counter()
    c = textdiff.compare(str(pair.a), str(pair.b))
    seconds = time.perf_counter() - t0
    sa, sb = _spans(c, "a"), _spans(c, "b")
    moved = [blk for blk in c.blocks if blk.kind is BlockKind.MOVED]
    kind_a, kind_b = _kinds(c)
    found, otherwise, misses = 0, Counter[str](), []
    hit: set[int] = set()
    for m in pair.moves:
        pa, pb = _covering(sa, m.a), _covering(sb, m.b)
        blk_hits = [k for k, blk in enumerate(moved) if pa & set(blk.a) and pb & set(blk.b)]
        if blk_hits:
            found += 1
            hit.update(blk_hits)
            continue
        ka = "+".join(sorted({kind_a[i].value for i in pa}))
        kb = "+".join(sorted({kind_b[j].value for j in pb}))
        label = ka if ka == kb else f"{ka}/{kb}"
        otherwise[label] += 1
        text = c.b.document.text[m.b.start : m.b.end]
        misses.append(f"{label}: {m.words} words, {m.note}: {text[:70]!r}")
    unplanted = 0
    extras = []
    for k, blk in enumerate(moved):
        if k in hit:
            continue
        texts = _block_text(c, blk.a, blk.b)
        if texts in pair.unplanted:
            unplanted += 1
            continue
        extras.append(f"sim {blk.similarity}: {texts[1][:70]!r}")
    return Score(
        pair.name,
        len(pair.moves),
        found,
        otherwise,
        len(moved),
        len(hit),
        unplanted,
        seconds,
        misses,
        extras,
    )


def _row(s: Score) -> str:
    counted = s.reported - s.unplanted
    prec = f"{s.true / counted:.3f}" if counted else "-"
    other = ", ".join(f"{n} {k}" for k, n in sorted(s.otherwise.items())) or "-"
    return (
        f"| {s.name} | {s.planted} | {s.found} | {other} | {s.reported} | {s.unplanted} "
        f"| {prec} | {s.seconds:.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated pair names (kcna, or a planted pair's name)")
    ap.add_argument("--seeds", type=int, default=3, help="seeded plantings per real pair")
    ap.add_argument(
        "--kcna-seeds",
        type=int,
        default=0,
        help="also N generated 1 MB pairs with seeds 1..N (one move each; cached in .cache/)",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and extra moves")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        "| pair | planted | found moved | found otherwise | moved blocks | unplanted "
        "| precision | compare s |"
    )
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    scores = []
    with tempfile.TemporaryDirectory(prefix="moves-recall-") as tmp:
        pairs = []
        if only is None or "kcna" in only:
            pairs += kcna_pairs()
            for seed in range(1, args.kcna_seeds + 1):
                pairs += kcna_pairs((1.0,), seed)
        if only is None or only - {"kcna"}:
            pairs += planted_pairs(args.seeds, Path(tmp), None if only is None else only)
        for pair in pairs:
            s = score(pair)
            scores.append(s)
            print(_row(s), flush=True)
            if args.verbose:
                for line in s.misses:
                    print(f"    missed  {line}")
                for line in s.extras:
                    print(f"    extra   {line}")
    planted = sum(s.planted for s in scores)
    found = sum(s.found for s in scores)
    counted = sum(s.reported - s.unplanted for s in scores)
    true = sum(s.true for s in scores)
    print(
        f"\nall: {found}/{planted} planted moves found as moved ({found / planted:.1%})"
        if planted
        else "\nall: nothing planted",
        end="",
    )
    print(f"; precision {true}/{counted}" if counted else "; no moved blocks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
