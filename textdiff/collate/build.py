"""build: N documents -> a Collation (the composer, as ``pipeline`` is for a pair).

    collate_documents(docs, options, reference)   the whole collation
    Collation                                     the finished result renderers read
    Collation.project(a, b)                       the pair as ``compare`` sees it

Steps, each a function below:

1. *Witnesses in content order.* Sorted by content hash, then path, so that
   nothing downstream can depend on the order the inputs were given in.
2. *Prepare and align every pair* with compare's stages (``stages``).
3. *Exclude* a witness that shares too little with every other one.
4. *Reference and columns.* The reference is the witness most similar to all
   the others (center-star); ``reference=`` names one instead. Columns: the
   reference, then each next the witness most like the one before it
   (seriation: families sit together).
5. *Regions.* A host (a bulletin: most of it other articles) takes part
   through its region, as in ``compare``; the rest is reported, not collated.
6. *Rows* (``rows``), then inside each row the *sites* (``sites``).
7. *Summaries*: each witness against the reference is compare's own verdict
   (its projection), so the summary and ``textdiff compare`` never disagree.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import classify
from ..align import Aligned
from ..align.keys import joined, similarity
from ..errors import OptionsError
from ..model import Block, Category, Comparison, Document, Role, Segment, Span, Verdict
from ..normalize import classify_text, fold_typography
from ..options import Options
from . import sites as _sites
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
    alignments: dict[tuple[int, int], PairAlignment]  # (a, b), a < b: every pair's alignment
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
        aligned = work.alignments[(min(a, b), max(a, b))].oriented_as(a, pa, pb)
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


def _pair_similarity(blocks: Sequence[Aligned], wa: Sequence[int], wb: Sequence[int]) -> float:
    matched = _matched(blocks, wa, wb)
    total = sum(wa) + sum(wb)
    return round(min(1.0, 2 * matched / total), 4) if total else 0.0


def _siglum(path: str, taken: set[str]) -> str:
    import os

    stem = os.path.splitext(os.path.basename(path))[0] or "witness"
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem}-{n}", n + 1
    taken.add(name)
    return name


def collate_documents(
    docs: Sequence[Document], options: Options | None = None, reference: str | None = None
) -> Collation:
    """Collate decoded documents; the result does not depend on their order."""
    options = options or Options()
    if len(docs) < 2:
        raise OptionsError("collate needs at least two witnesses")
    # 1. Content order.
    docs = sorted(docs, key=lambda d: (d.sha256, d.path))
    prepared, shared = prepare(docs)
    n = len(prepared)
    words = [p.words for p in prepared]

    # 2. Every pair, aligned as compare aligns it.
    alignments: dict[tuple[int, int], PairAlignment] = {}
    pairs: dict[tuple[int, int], list[Aligned]] = {}
    for i in range(n):
        for j in range(i + 1, n):
            pa = alignments[(i, j)] = PairAlignment.of(i, prepared[i], j, prepared[j])
            pairs[(i, j)] = pa.blocks if pa.first == i else [mirror(b) for b in pa.blocks]
    sim = [[1.0] * n for _ in range(n)]
    for (i, j), blocks in pairs.items():
        sim[i][j] = sim[j][i] = _pair_similarity(blocks, words[i], words[j])

    # 3. Coverage: what share of each witness aligns with some other one. A witness related
    # to no other (as compare would call the pair unrelated) is left out.
    aligned_paras: list[set[int]] = [set() for _ in range(n)]
    related = [False] * n
    for (i, j), blocks in pairs.items():
        got_i = {p for blk in blocks if blk.kind.aligned for p in blk.a}
        got_j = {q for blk in blocks if blk.kind.aligned for q in blk.b}
        aligned_paras[i] |= got_i
        aligned_paras[j] |= got_j
        both = max(_coverage(prepared[i], got_i), _coverage(prepared[j], got_j))
        if both >= classify.UNRELATED_COVERAGE and _matched(blocks, words[i], words[j]) >= min(
            classify.UNRELATED_MIN_WORDS, min(sum(words[i]), sum(words[j])) / 2
        ):
            related[i] = related[j] = True
    coverage = [_coverage(p, aligned_paras[k]) for k, p in enumerate(prepared)]
    keep = [k for k in range(n) if related[k]]
    excluded: list[Excluded] = []
    if len(keep) >= 2 and len(keep) < n:
        excluded = [
            Excluded(prepared[k].document.path, "unrelated", coverage[k])
            for k in range(n)
            if k not in keep
        ]
    else:
        keep = list(range(n))

    # 4. Reference and column order.
    centrality = {k: sum(sim[k][j] for j in keep if j != k) for k in keep}
    host = {
        k: coverage[k] <= classify.HOST_MAX_COVERAGE
        and coverage[k] + classify.HOST_MARGIN < max(coverage[j] for j in keep if j != k)
        for k in keep
    }
    if reference is not None:
        ref = _named(reference, [prepared[k].document.path for k in keep], keep)
    else:
        # The center; never a host (a bulletin) when a witness of the text alone is there.
        ref = max(keep, key=lambda k: (not host[k], centrality[k], coverage[k], -k))
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

    cprep = tuple(prepared[k] for k in columns)
    cpairs: dict[tuple[int, int], list[Aligned]] = {}
    calign: dict[tuple[int, int], PairAlignment] = {}
    for (i, j), blocks in pairs.items():
        if i in col and j in col:
            ci, cj = col[i], col[j]
            pa = alignments[(i, j)]
            calign[(min(ci, cj), max(ci, cj))] = PairAlignment(col[pa.first], pa.blocks)
            if ci < cj:
                cpairs[(ci, cj)] = blocks
            else:
                cpairs[(cj, ci)] = [mirror(b) for b in blocks]
    rank = [rank_of[k] for k in columns]

    # 5. Regions of hosts.
    cov = [_coverage(cprep[c], _aligned_with(cpairs, c)) for c in range(len(columns))]
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

    # 6. Rows and sites.
    plans = build_rows([len(p.paragraphs) for p in cprep], cpairs, included, rank)
    work = _Work(cprep, shared, options, calign)
    rows, all_sites = _rows_and_sites(plans, cprep, rank, work)

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
    summary = _summarize(partial, sim, columns)
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


def _rows_and_sites(
    plans: Sequence[RowPlan], prepared: Sequence[Prepared], rank: Sequence[int], work: _Work
) -> tuple[list[Row], list[Site]]:
    rows: list[Row] = []
    out_sites: list[Site] = []
    n = len(prepared)
    for r, plan in enumerate(plans):
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
        for w in present:
            paras = mine[w]
            pw = prepared[w]
            span = _span(pw, paras)
            role = pw.paragraphs[paras[0]].role
            if w == base:
                cells[w] = Cell(paras, span, CellStatus.BASE, 1.0, role)
                continue
            roles = [pb.paragraphs[i].role for i in base_paras] + [
                pw.paragraphs[i].role for i in paras
            ]
            segs = diff_cells(pb, bspan, pw, span, work.shared, all_boilerplate(roles))
            work.diffs.setdefault((base, w), []).append((base_paras, paras, segs))
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
            s = (
                1.0
                if same
                else round(similarity(base_codes, joined([pw.keys[i] for i in paras])), 4)
            )
            cells[w] = Cell(paras, span, status, s, role)

        spans = _sites.site_spans([e.spans() for e in edits.values()])
        row_sites: list[int] = []
        worst: Category | None = None
        most_groups = 1
        for s0, s1 in spans:
            for site in _sites_at(
                len(out_sites), r, base, (s0, s1), bspan, prepared, edits, cells, work
            ):
                row_sites.append(len(out_sites))
                out_sites.append(site)
                if worst is None or site.category > worst:
                    worst = site.category
                most_groups = max(most_groups, len(site.groups))
        if len(present) == 1:
            kind = RowKind.SINGULAR
        elif len(present) < n:
            kind = RowKind.PARTIAL
        elif row_sites or any(c is not None and c.status is CellStatus.MOVED for c in cells):
            kind = RowKind.VARIANT
        else:
            kind = RowKind.INVARIANT
        rows.append(
            Row(
                f"r{r + 1:04d}",
                kind,
                pb.paragraphs[base_paras[0]].role,
                base,
                tuple(cells),
                tuple(row_sites),
                worst,
                most_groups,
            )
        )
    return rows, out_sites


def _sites_at(
    number: int,
    row: int,
    base: int,
    span: tuple[int, int],
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
        where[w] = Span(*edits[w].reading(s0, s1))
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
    site = _site(number, row, base, where, bspan, prepared, edits, cells, work.options.ignored)
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
            cat = edits[w].category(s0, s1)
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


def _summarize(c: Collation, sim: list[list[float]], columns: list[int]) -> Summary:
    n = len(c.witnesses)
    departures: list[Counter[Category]] = [Counter() for _ in range(n)]
    singular: list[Counter[Category]] = [Counter() for _ in range(n)]
    differ: dict[tuple[int, int], Counter[Category]] = {}
    for site in c.sites:
        row = c.rows[site.row]
        present = sum(cell is not None for cell in row.cells)
        for rd in site.readings:
            if rd.category is not None:
                for w in rd.witnesses:
                    departures[w][rd.category] += 1
            if len(rd.witnesses) == 1 and present >= 3:
                singular[rd.witnesses[0]][rd.category or site.category] += 1
        base_cell = row.cells[row.base]
        assert base_cell is not None
        left, right = _sites.context(
            c.witnesses[row.base].document.text,
            site.base.start,
            site.base.end,
            base_cell.span.start,
            base_cell.span.end,
        )
        rds = site.readings
        for x in range(len(rds)):
            for y in range(x + 1, len(rds)):
                if x == 0:
                    cat = rds[y].category
                else:
                    cat = classify_text(left + rds[x].text + right, left + rds[y].text + right)
                assert cat is not None
                for a in rds[x].witnesses:
                    for b in rds[y].witnesses:
                        key = (a, b) if a < b else (b, a)
                        differ.setdefault(key, Counter())[cat] += 1
    per_witness = []
    for w in range(n):
        if w == c.reference:
            verdict, similarity_ = Verdict.IDENTICAL, 1.0
        else:
            proj = c.project(c.reference, w)
            verdict, similarity_ = proj.summary.verdict, proj.similarity
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
