"""build: N documents -> a Collation (the composer, as ``pipeline`` is for a pair).

    collate_documents(docs, options, reference, jobs)   the whole collation
    Collation                                           the finished result renderers read
    Collation.project(a, b)                             the pair as ``compare`` sees it

Steps, each a function below:

1. *Witnesses in content order.* Sorted by content hash, then path, so that
   nothing downstream can depend on the order the inputs were given in.
2. *The reference* (center-star): the witness that shares the most word
   trigrams with all the others, never a host (a bulletin) while a witness of
   the text alone is there; ``reference=`` names one instead.
3. *Each witness aligned with the reference* by compare's own stages
   (``stages``). One that compare would call unrelated is left out; a host
   takes part through its region, as in ``compare``.
4. *Columns*: the reference, then each next the witness most like the one
   before it (seriation: families sit together).
5. *Residues*: paragraphs the reference lacks, aligned among the witnesses
   that have them (gap by gap), so a paragraph several witnesses add is one row.
6. *Rows* (``rows``), then inside each row the *sites* (``sites``).
7. *Summaries*: each witness against the reference is compare's own verdict
   (its projection), so the summary and ``textdiff compare`` never disagree.

Why a star and not every pair: every pair's alignment (N·(N−1)/2 of them)
made 20 witnesses of a novel cost ten times as much for rows that differ
only where two witnesses that are not the reference align a paragraph
differently from how each aligns with the reference; a pair projected with
``--pair`` is aligned on its own anyway, so it always agrees with compare.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import classify
from ..align import Aligned
from ..align.keys import joined, similarity
from ..errors import OptionsError
from ..model import Block, BlockKind, Category, Comparison, Document, Role, Segment, Span, Verdict
from ..normalize import classify_text, fold_typography
from ..options import Options
from . import sites as _sites
from . import workers as _workers
from .model import (
    Cell,
    CellStatus,
    Excluded,
    Group,
    PairSummary,
    Reading,
    Row,
    RowKind,
    Site,
    SiteKind,
    SiteType,
    Summary,
    Witness,
    WitnessSummary,
)
from .rows import RowPlan, build_rows
from .stages import (
    PairAlignment,
    Prepared,
    Shared,
    all_boilerplate,
    block_from,
    comparison,
    diff_cells,
    mirror,
    oriented,
    prepare,
)

_VERDICT_ORDER = (Verdict.IDENTICAL, Verdict.EQUIVALENT, Verdict.VARIANT, Verdict.UNRELATED)


_Diffed = tuple[tuple[int, ...], tuple[int, ...], tuple[Segment, ...]]


@dataclass(frozen=True, slots=True)
class _Work:
    """What the collation keeps to project pairs: the prepared witnesses and their diffs."""

    prepared: tuple[Prepared, ...]  # in column order
    shared: Shared
    options: Options
    # (a, b), a < b: pairs aligned so far (each witness with the reference; others on demand)
    alignments: dict[tuple[int, int], PairAlignment]

    def alignment(self, a: int, b: int) -> list[Aligned]:
        """compare's alignment of witnesses a and b, a on side a; made once."""
        key = (min(a, b), max(a, b))
        pa = self.alignments.get(key)
        if pa is None:
            i, j = key
            pa = self.alignments[key] = PairAlignment.of(i, self.prepared[i], j,
                                                         self.prepared[j])  # fmt: skip
        return pa.oriented_as(a, self.prepared[a], self.prepared[b])

    # (row base, witness) -> (base paragraphs, witness paragraphs, segments), one per row
    diffs: dict[tuple[int, int], list[_Diffed]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Collation:
    witnesses: tuple[Witness, ...]  # column order: the reference first
    excluded: tuple[Excluded, ...]
    reference: int
    rows: tuple[Row, ...]
    sites: tuple[Site, ...]
    summary: Summary
    options: dict[str, object]
    work: _Work = field(repr=False, compare=False)

    @property
    def profile(self) -> str:
        return self.work.options.profile

    @property
    def ignored(self) -> frozenset[Category]:
        """The categories the profile ignores: readings differing only in these share a group."""
        return self.work.options.ignored

    def index(self, name: str) -> int:
        """The column of a witness given by id (w2), siglum or path."""
        for k, w in enumerate(self.witnesses):
            if name in (w.id, w.siglum, w.document.path):
                return k
        raise OptionsError(f"no witness {name!r} in the collation")

    def project(self, a: int, b: int) -> Comparison:
        """The pair (a, b) as ``compare`` sees it: its own paragraph alignment, which nests in the
        rows, with the word diff and classification of each block (reused from the rows where a
        row diffed the same two spans)."""
        work = self.work
        if a == b or not (0 <= a < len(self.witnesses) and 0 <= b < len(self.witnesses)):
            raise OptionsError("a pair is two different witnesses of the collation")
        pa, pb = work.prepared[a], work.prepared[b]
        aligned = work.alignment(a, b)
        known = _Reuse(work, a, b)
        return comparison(pa, pb, aligned, work.shared, work.options, known)


class _Reuse:
    """Blocks of a projection whose word diff a row already made (same base, same spans)."""

    def __init__(self, work: _Work, a: int, b: int) -> None:
        self.by_first: dict[int, _Diffed] = {}
        entries = work.diffs.get((a, b))
        if entries:
            for paras_a, paras_b, segments in entries:
                self.by_first[paras_a[0]] = (paras_a, paras_b, segments)

    def __call__(self, al: Aligned) -> Block | None:
        if not al.a or not al.b:
            return None
        hit = self.by_first.get(al.a[0])
        if hit is None or hit[0] != al.a or hit[1] != al.b:
            return None
        return block_from(al, hit[2])


def _matched(blocks: Sequence[Aligned], wa: Sequence[int], wb: Sequence[int]) -> float:
    """Words the alignment matches (as classify counts them for the similarity)."""
    matched = 0.0
    for blk in blocks:
        if blk.kind.aligned:
            matched += blk.similarity * (sum(wa[i] for i in blk.a) + sum(wb[j] for j in blk.b)) / 2
    return matched


def _siglum(path: str, taken: set[str]) -> str:
    import os

    stem = os.path.splitext(os.path.basename(path))[0] or "witness"
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}-{n}", n + 1
    taken.add(name)
    return name


def collate_documents(
    docs: Sequence[Document],
    options: Options | None = None,
    reference: str | None = None,
    jobs: int = 1,
) -> Collation:
    """Collate decoded documents; the result depends neither on their order nor on ``jobs``
    (processes for aligning the witnesses and diffing the rows)."""
    options = options or Options()
    if len(docs) < 2:
        raise OptionsError("collate needs at least two witnesses")
    # 1. Content order.
    docs = sorted(docs, key=lambda d: (d.sha256, d.path))
    prepared, shared = prepare(docs)
    n = len(prepared)
    words = [p.words for p in prepared]

    # 2. The center: the witness whose words most others share (multisets of word keys).
    sim, contained = _vocabulary_similarity(prepared)
    if reference is not None:
        ref = _named(reference, [p.document.path for p in prepared], list(range(n)))
    else:
        # Never a host (a bulletin: little of it is in any other witness, which it contains)
        # while a witness of the text alone is there, as compare's host rule has it.
        def hosting(k: int) -> bool:
            best = max(contained[k][j] for j in range(n) if j != k)
            return best <= classify.HOST_MAX_COVERAGE and any(
                contained[j][k] > best + classify.HOST_MARGIN for j in range(n) if j != k
            )

        ref = max(range(n), key=lambda k: (not hosting(k), sum(sim[k]), sum(contained[k]), -k))

    # 3. Each witness aligned with the reference, as compare aligns the pair.
    others = [k for k in range(n) if k != ref]
    star = dict(zip(others, _workers.run(_align_with, others, jobs, (prepared, ref), 12),
                    strict=True))  # fmt: skip
    blocks_of = {
        k: pa.blocks if pa.first == ref else [mirror(b) for b in pa.blocks]
        for k, pa in star.items()
    }  # fmt: skip  (side a: the reference)

    # 4. Left out: a witness compare would call unrelated to the reference. Hosts: a witness
    # that holds the text among other material takes part through its region.
    pr = prepared[ref]
    keep, excluded, host = [ref], [], {ref: False}
    for k in others:
        blocks = blocks_of[k]
        got_r = {p for b in blocks if b.kind.aligned for p in b.a}
        got_k = {q for b in blocks if b.kind.aligned for q in b.b}
        cov_r, cov_k = _coverage(pr, got_r), _coverage(prepared[k], got_k)
        matched = _matched(blocks, words[ref], words[k])
        floor = min(classify.UNRELATED_MIN_WORDS, min(sum(words[ref]), sum(words[k])) / 2)
        if max(cov_r, cov_k) < classify.UNRELATED_COVERAGE or matched < floor:
            excluded.append(Excluded(prepared[k].document.path, "unrelated", cov_k))
            continue
        keep.append(k)
        host[k] = cov_k <= classify.HOST_MAX_COVERAGE and cov_k + classify.HOST_MARGIN < cov_r
    if len(keep) < 2:  # nothing is related to the reference: collate them all the same
        keep, excluded = [ref, *others], []
        host = dict.fromkeys(keep, False)

    # 5. Columns: the reference, then each next the witness most like the one before it.
    centrality = {k: sum(sim[k][j] for j in keep if j != k) for k in keep}
    columns = [ref]
    rest = [k for k in keep if k != ref]
    while rest:
        last = columns[-1]
        nxt = max(rest, key=lambda k: (sim[last][k], centrality[k], -k))
        columns.append(nxt)
        rest.remove(nxt)
    col = {k: c for c, k in enumerate(columns)}
    rank_of = {
        k: r for r, k in enumerate(sorted(keep, key=lambda k: (k != ref, -centrality[k], k)))
    }
    rank = [rank_of[k] for k in columns]
    cprep = tuple(prepared[k] for k in columns)
    cpairs: dict[tuple[int, int], list[Aligned]] = {(0, col[k]): blocks_of[k] for k in keep[1:]}
    calign = {(0, col[k]): PairAlignment(0 if star[k].first == ref else col[k], star[k].blocks)
              for k in keep[1:]}  # fmt: skip

    # 6. Regions of hosts.
    included: list[list[bool]] = []
    regions: list[Span | None] = []
    for c, p in enumerate(cprep):
        inside = [True] * len(p.paragraphs)
        region = None
        if host[columns[c]]:
            region = _region(p, _aligned_with(cpairs, c))
            if region is not None:
                inside = [region.start <= q.start and q.end <= region.end for q in p.paragraphs]
        included.append(inside)
        regions.append(region)

    # 7. What the reference lacks, aligned among the witnesses that have it.
    cpairs.update(_residues(cprep, cpairs, included))
    cov = [_coverage(cprep[c], _aligned_with(cpairs, c)) for c in range(len(columns))]

    # 8. Rows and sites.
    plans = build_rows([len(p.paragraphs) for p in cprep], cpairs, included, rank)
    work = _Work(cprep, shared, options, calign)
    rows, all_sites = _rows_and_sites(plans, cprep, rank, work, jobs)

    taken: set[str] = set()
    witnesses = tuple(
        Witness(
            id=f"w{c + 1}",
            siglum=_siglum(p.document.path, taken),
            document=p.document,
            paragraphs=p.paragraphs,
            region=regions[c],
            coverage=cov[c],
            outside=tuple(i for i, ok in enumerate(included[c]) if not ok),
        )
        for c, p in enumerate(cprep)
    )
    partial = Collation(
        witnesses,
        tuple(excluded),
        0,
        tuple(rows),
        tuple(all_sites),
        Summary(Verdict.IDENTICAL, {}, {}, (), ()),
        options.as_dict(),
        work,
    )
    summary = _summarize(partial, sim, columns, jobs)
    return Collation(
        witnesses,
        tuple(excluded),
        0,
        tuple(rows),
        tuple(all_sites),
        summary,
        {**options.as_dict(), "reference": reference or "auto"},
        work,
    )


def _align_with(k: int) -> PairAlignment:
    prepared, ref = _workers.state()
    return PairAlignment.of(ref, prepared[ref], k, prepared[k])


def _vocabulary_similarity(
    prepared: Sequence[Prepared],
) -> tuple[list[list[float]], list[list[float]]]:
    """Per pair: 2·|a∩b|/(|a|+|b|) over multisets of word trigrams, and |a∩b|/|a|.

    Trigrams of word keys, not single words: two unrelated texts share most of
    their commonest words, hardly any of their trigrams. Every trigram is
    numbered once across the witnesses (numpy), so the N² pairs cost N²
    vector minima, not N² walks over the texts.

    >>> from textdiff.load import load_bytes
    >>> docs = [load_bytes(t.encode(), n) for t, n in (("a b c d e", "x"), ("a b c d f", "y"))]
    >>> _vocabulary_similarity(prepare(docs)[0])[0]
    [[1.0, 0.6667], [0.6667, 1.0]]
    """
    import numpy as np

    grams = []
    for p in prepared:
        c = np.frombuffer("".join(k.codes for k in p.keys).encode("utf-32-le"), dtype="<u4")
        c = c.astype(np.uint64)
        if len(c) >= 3:
            # Word codes fit in 21 bits, so three of them make one 63-bit number.
            grams.append((c[:-2] << np.uint64(42)) | (c[1:-1] << np.uint64(21)) | c[2:])
        else:
            grams.append(c)
    _, inverse = np.unique(np.concatenate(grams), return_inverse=True)
    top = int(inverse.max()) + 1 if len(inverse) else 1
    counts = []
    at = 0
    for g in grams:
        counts.append(np.bincount(inverse[at : at + len(g)], minlength=top))
        at += len(g)
    matrix = np.stack(counts)
    totals = matrix.sum(axis=1)
    n = len(prepared)
    sim = [[1.0] * n for _ in range(n)]
    contained = [[1.0] * n for _ in range(n)]
    for i in range(n):
        shared = np.minimum(matrix[i], matrix).sum(axis=1)
        for j in range(n):
            if i != j:
                both = int(totals[i] + totals[j])
                sim[i][j] = round(2 * int(shared[j]) / both, 4) if both else 0.0
                contained[i][j] = round(int(shared[j]) / int(totals[i]), 4) if totals[i] else 0.0
    return sim, contained


def _residues(
    prepared: Sequence[Prepared],
    star: dict[tuple[int, int], list[Aligned]],
    included: Sequence[Sequence[bool]],
) -> dict[tuple[int, int], list[Aligned]]:
    """Paragraphs the reference (column 0) lacks, aligned among the witnesses that have them.

    Each such paragraph falls in a gap: after the last paragraph of its witness
    aligned with the reference paragraph g. Residues of one gap are aligned
    pair by pair with compare's aligner (on those paragraphs alone), so a
    paragraph added in several witnesses is one row.
    """
    gaps: dict[int, dict[int, list[int]]] = {}  # gap -> witness -> residue paragraphs
    for (_, c), blocks in star.items():
        anchor: dict[int, int] = {}
        moved: set[int] = set()
        for blk in blocks:
            if blk.kind is BlockKind.MOVED:
                moved.update(blk.b)
            elif blk.kind.aligned:
                for q in blk.b:
                    anchor[q] = blk.a[-1]
        g = -1
        for q in range(len(prepared[c].paragraphs)):
            if q in anchor:
                g = max(g, anchor[q])
            elif q not in moved and included[c][q]:
                gaps.setdefault(g, {}).setdefault(c, []).append(q)
    out: dict[tuple[int, int], list[Aligned]] = {}
    for g in sorted(gaps):
        have = gaps[g]
        wits = sorted(have)
        for x in range(len(wits)):
            for y in range(x + 1, len(wits)):
                wx, wy = wits[x], wits[y]
                got = _align_subset(prepared[wx], have[wx], prepared[wy], have[wy])
                out.setdefault((wx, wy), []).extend(got)
    return out


def _align_subset(a: Prepared, pa: list[int], b: Prepared, pb: list[int]) -> list[Aligned]:
    """compare's paragraph aligner on some paragraphs of each side, indices mapped back."""
    from ..align import ParaKey, align

    ka = [ParaKey(i, a.keys[p].role, a.keys[p].codes, a.keys[p].chars) for i, p in enumerate(pa)]
    kb = [ParaKey(i, b.keys[p].role, b.keys[p].codes, b.keys[p].chars) for i, p in enumerate(pb)]

    def back(blk: Aligned) -> Aligned:
        return Aligned(
            blk.kind, tuple(pa[i] for i in blk.a), tuple(pb[j] for j in blk.b), blk.similarity,
            tuple(back(p) for p in blk.parts), blk.found,
        )  # fmt: skip

    out = [back(blk) for blk in align(ka, kb, swap=oriented(a.document, b.document))]
    return out


def _named(name: str, paths: list[str], keep: list[int]) -> int:
    import os

    for k, path in zip(keep, paths, strict=True):
        if name == path or name == os.path.splitext(os.path.basename(path))[0]:
            return k
    raise OptionsError(f"--reference {name!r} is not one of the witnesses")


def _coverage(p: Prepared, aligned: set[int]) -> float:
    """Share of the non-space characters in aligned paragraphs, as compare counts coverage."""
    total = p.nonspace
    if not total:
        return 0.0
    got = sum(p.para_nonspace[i] for i in aligned)
    return round(got / total, 4)


def _aligned_with(pairs: dict[tuple[int, int], list[Aligned]], c: int) -> set[int]:
    out: set[int] = set()
    for (i, j), blocks in pairs.items():
        if c not in (i, j):
            continue
        for blk in blocks:
            if blk.kind.aligned:
                out.update(blk.a if i == c else blk.b)
    return out


def _region(p: Prepared, aligned: set[int]) -> Span | None:
    """First to last aligned paragraph of text (of any role if it has no text), as compare."""
    roles = {Role.TEXT} if any(q.role is Role.TEXT for q in p.paragraphs) else set(Role)
    idx = [i for i in aligned if p.paragraphs[i].role in roles]
    if not idx:
        return None
    return Span(p.paragraphs[min(idx)].start, p.paragraphs[max(idx)].end)


def _span(p: Prepared, paras: Sequence[int]) -> Span:
    return Span(p.paragraphs[paras[0]].start, p.paragraphs[paras[-1]].end)


class _RowState(NamedTuple):
    plans: Sequence[RowPlan]
    prepared: Sequence[Prepared]
    rank: Sequence[int]
    work: _Work


# One row's result: the row (its sites numbered within the row), its sites, and the word
# diffs made (base witness, witness, diff) for projections to reuse.
_RowResult = tuple[Row, list[Site], list[tuple[int, int, _Diffed]]]


def _rows_and_sites(
    plans: Sequence[RowPlan],
    prepared: Sequence[Prepared],
    rank: Sequence[int],
    work: _Work,
    jobs: int,
) -> tuple[list[Row], list[Site]]:
    """Every row's cells, word diffs and sites (rows are independent: a pool may share them),
    then sites numbered in row order."""
    results = _workers.run(
        _row_work, range(len(plans)), jobs, _RowState(plans, prepared, rank, work), min_items=64
    )
    rows: list[Row] = []
    sites: list[Site] = []
    for r, (row, row_sites, diffs) in enumerate(results):
        first = len(sites)
        for k, site in enumerate(row_sites):
            sites.append(site._replace(id=f"s{first + k + 1:04d}", row=r))
        rows.append(row._replace(sites=tuple(range(first, len(sites)))))
        for base, w, diff in diffs:
            work.diffs.setdefault((base, w), []).append(diff)
    return rows, sites


def _row_work(r: int) -> _RowResult:
    st: _RowState = _workers.state()
    plan, prepared, rank, work = st.plans[r], st.prepared, st.rank, st.work
    n = len(prepared)
    mine = {w: c for w, c in enumerate(plan.cells) if c is not None}
    present = sorted(mine)
    # The most central witness that reads the row in its own order (not a moved cell).
    base = min(present, key=lambda w: (w in plan.moved, rank[w]))
    pb = prepared[base]
    base_paras = mine[base]
    bspan = _span(pb, base_paras)
    btext = pb.document.text
    base_codes = joined([pb.keys[i] for i in base_paras])
    edits: dict[int, _sites.Edits] = {}
    cells: list[Cell | None] = [None] * n
    diffs: list[tuple[int, int, _Diffed]] = []
    for w in present:
        paras = mine[w]
        pw = prepared[w]
        span = _span(pw, paras)
        role = pw.paragraphs[paras[0]].role
        if w == base:
            cells[w] = Cell(paras, span, CellStatus.BASE, 1.0, role)
            continue
        roles = [pb.paragraphs[i].role for i in base_paras] + [pw.paragraphs[i].role for i in paras]
        segs = diff_cells(pb, bspan, pw, span, work.shared, all_boilerplate(roles))
        diffs.append((base, w, (base_paras, paras, segs)))
        edits[w] = _sites.Edits.of(segs, span.end)
        same = btext[bspan.start : bspan.end] == pw.document.text[span.start : span.end]
        if w in plan.moved:
            status = CellStatus.MOVED
        elif len(paras) > len(base_paras):
            status = CellStatus.SPLIT
        elif len(paras) < len(base_paras):
            status = CellStatus.MERGED
        else:
            status = CellStatus.EQUAL if same else CellStatus.CHANGED
        s = 1.0 if same else round(similarity(base_codes, joined([pw.keys[i] for i in paras])), 4)
        cells[w] = Cell(paras, span, status, s, role)

    row_sites: list[Site] = []
    prev_end = -1
    for s0, s1 in _sites.site_spans([e.spans() for e in edits.values()]):
        after_prev = prev_end == s0 < s1
        row_sites.extend(
            _sites_at(0, r, base, (s0, s1), after_prev, bspan, prepared, edits, cells, work)
        )
        prev_end = s1
    worst = max((site.category for site in row_sites), default=None)
    most_groups = max((len(site.groups) for site in row_sites), default=1)
    if len(present) == 1:
        kind = RowKind.SINGULAR
    elif len(present) < n:
        kind = RowKind.PARTIAL
    elif row_sites or any(c is not None and c.status is CellStatus.MOVED for c in cells):
        kind = RowKind.VARIANT
    else:
        kind = RowKind.INVARIANT
    role = pb.paragraphs[base_paras[0]].role
    row = Row(f"r{r + 1:04d}", kind, role, base, tuple(cells), (), worst, most_groups)
    return row, row_sites, diffs


def _sites_at(
    number: int,
    row: int,
    base: int,
    span: tuple[int, int],
    joined: bool,
    bspan: Span,
    prepared: Sequence[Prepared],
    edits: dict[int, _sites.Edits],
    cells: Sequence[Cell | None],
    work: _Work,
) -> list[Site]:
    """The site(s) of one merged span of edits.

    Where three or more different readings meet (the edits of several
    witnesses overlapped), the span is cut again at the words every reading
    shares, so that a rewrite in one witness does not swallow a comma
    another witness added inside it: the finest detail of agreement.
    """
    s0, s1 = span
    where: dict[int, Span] = {base: Span(s0, s1)}
    for w in edits:
        where[w] = Span(*edits[w].reading(s0, s1, joined))
    texts = {prepared[w].document.text[sp.start : sp.end] for w, sp in where.items()}
    if len(texts) < 2:
        return []  # every witness reads the base's text here after all
    if len(texts) >= 3:
        pieces = _sites.split_common(
            {w: (prepared[w].document.text, sp.start, sp.end) for w, sp in where.items()},
            base,
            work.shared.tokens,
        )
        if len(pieces) > 1 or (pieces and pieces[0] != where):
            out: list[Site] = []
            for piece in pieces:
                site = _site(number + len(out), row, base, piece, bspan, prepared, None, cells,
                             work.options.ignored)  # fmt: skip
                if site is not None:
                    out.append(site)
            return out
    site = _site(
        number, row, base, where, bspan, prepared, edits, cells, work.options.ignored, joined
    )
    return [] if site is None else [site]


def _site(
    number: int,
    row: int,
    base: int,
    where: dict[int, Span],
    bspan: Span,
    prepared: Sequence[Prepared],
    edits: dict[int, _sites.Edits] | None,
    cells: Sequence[Cell | None],
    ignored: frozenset[Category],
    joined: bool = False,
) -> Site | None:
    """One site from each witness's span; categories from the edits (the cells' word diffs
    against the base) when given, else by classifying each reading against the base's."""
    s0, s1 = where[base]
    btext = prepared[base].document.text
    left, right = _sites.context(btext, s0, s1, bspan.start, bspan.end)
    texts: dict[str, _sites.Candidate] = {}
    texts[btext[s0:s1]] = _sites.Candidate(btext[s0:s1], [base], None)
    for w in sorted(where):
        if w == base:
            continue
        sp = where[w]
        text = prepared[w].document.text[sp.start : sp.end]
        if edits is not None:
            cat = edits[w].category(s0, s1, joined)
        elif text != btext[s0:s1]:
            cat = classify_text(left + btext[s0:s1] + right, left + text + right)
        else:
            cat = None
        got = texts.get(text)
        if got is None:
            texts[text] = _sites.Candidate(text, [w], cat)
        else:
            got.witnesses.append(w)
            if got.category is not None and cat is not None and cat > got.category:
                texts[text] = got._replace(category=cat)
    cands = list(texts.values())
    if len(cands) == 1:
        return None
    first, others = cands[0], sorted(cands[1:], key=lambda c: (-len(c.witnesses), c.witnesses[0]))
    cands = [first, *others]
    for k, c in enumerate(cands[1:], 1):
        if c.category is None:  # read differently, yet no edit recorded: classify it here
            cands[k] = c._replace(
                category=classify_text(left + first.text + right, left + c.text + right)
            )
    groups = _sites.group(cands, ignored, left, right)
    category = max(c.category for c in cands[1:] if c.category is not None)
    readings = tuple(
        Reading(tuple(c.witnesses), tuple(where[w] for w in c.witnesses), c.text, g, c.category)
        for c, g in zip(cands, groups, strict=True)
    )
    group_list = tuple(
        Group(tuple(k for k, g in enumerate(groups) if g == gi), cands[groups.index(gi)].text)
        for gi in range(max(groups) + 1)
    )
    kind = SiteKind.TEXT
    if all(not c.text.strip() for c in cands) and any(
        _breaks(prepared[w], cells[w], where[w]) for w in where if cells[w] is not None
    ):
        kind = SiteKind.BOUNDARY
    ctx = btext[max(bspan.start, s0 - 40) : min(bspan.end, s1 + 40)]
    digest = hashlib.blake2b(digest_size=8)
    for part in (fold_typography(" ".join(ctx.split())).casefold(), *sorted(c.text for c in cands)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return Site(
        id=f"s{number + 1:04d}",
        row=row,
        base=Span(s0, s1),
        kind=kind,
        type=SiteType.SUBSTANTIVE if category is Category.SUBSTANTIVE else SiteType.ACCIDENTAL,
        category=category,
        readings=readings,
        groups=group_list,
        fingerprint=digest.hexdigest(),
    )


def _breaks(p: Prepared, cell: Cell | None, span: Span) -> bool:
    """Does the witness's reading cover the break between two of its paragraphs?"""
    if cell is None:
        return False
    paras = cell.paragraphs
    return any(
        span.start <= p.paragraphs[b].start and span.end >= p.paragraphs[a].end
        for a, b in itertools.pairwise(paras)
    )


def _against_reference(w: int) -> tuple[Verdict, float]:
    """What compare(reference, w) says: its verdict and similarity."""
    c: Collation = _workers.state()
    if w == c.reference:
        return Verdict.IDENTICAL, 1.0
    proj = c.project(c.reference, w)
    return proj.summary.verdict, proj.similarity


def _summarize(c: Collation, sim: list[list[float]], columns: list[int], jobs: int) -> Summary:
    n = len(c.witnesses)
    departures: list[Counter[Category]] = [Counter() for _ in range(n)]
    singular: list[Counter[Category]] = [Counter() for _ in range(n)]
    differ: defaultdict[tuple[int, int], Counter[Category]] = defaultdict(Counter)
    for site in c.sites:
        row = c.rows[site.row]
        present = sum(cell is not None for cell in row.cells)
        for rd in site.readings:
            if rd.category is not None:
                for w in rd.witnesses:
                    departures[w][rd.category] += 1
            if len(rd.witnesses) == 1 and present >= 3:
                singular[rd.witnesses[0]][rd.category or site.category] += 1
        rds = site.readings
        for x in range(len(rds)):
            for y in range(x + 1, len(rds)):
                cx, cy = rds[x].category, rds[y].category
                cat = cy if cx is None else cx if cy is None else max(cx, cy)
                assert cat is not None
                for a in rds[x].witnesses:
                    for b in rds[y].witnesses:
                        key = (a, b) if a < b else (b, a)
                        differ[key][cat] += 1
    judged = _workers.run(_against_reference, range(n), jobs, c, min_items=4)
    per_witness = []
    for w in range(n):
        verdict, similarity_ = judged[w]
        per_witness.append(
            WitnessSummary(
                verdict,
                similarity_,
                sum(r.cells[w] is not None for r in c.rows),
                _ordered(departures[w]),
                _ordered(singular[w]),
            )
        )
    pairs = tuple(
        PairSummary(a, b, sim[columns[a]][columns[b]], _ordered(differ.get((a, b), Counter())))
        for a in range(n)
        for b in range(a + 1, n)
    )
    verdict = max((ws.verdict for ws in per_witness), key=_VERDICT_ORDER.index)
    if len(c.witnesses) > 1 and all(ws.verdict is Verdict.IDENTICAL for ws in per_witness):
        verdict = Verdict.IDENTICAL
    kinds = Counter(r.kind for r in c.rows)
    cats = Counter(s.category for s in c.sites)
    return Summary(
        verdict,
        {k: kinds[k] for k in RowKind if kinds[k]},
        _ordered(cats),
        tuple(per_witness),
        pairs,
    )


def _ordered(counts: Counter[Category]) -> dict[Category, int]:
    return {cat: counts[cat] for cat in Category if counts[cat]}
