"""scan: find every version of every text in a collection (``textdiff scan``).

    readers      inputs -> sources -> partitions (path + byte range) -> document records
    shingles     words -> sampled, hashed 5-word shingles
    candidates   inverted index -> pairs ranked by rarity-weighted containment
    verify       candidate -> ``compare_documents`` -> relation
    index        the SQLite index: documents, shingles, candidates, pairs
    engines      in-process, process pool, Dask: one interface, the same results
    families     kept pairs -> connected families
    runner       the phases, each unit of work committed as it finishes
    report       JSON Lines (textdiff.scan/1), terminal summary, HTML index
    progress     the status line on a terminal's stderr

Everything a worker runs (``read_partition``, ``verify_batch``) is a pure
function of a small picklable description of its work, so the same code runs
in this process, in a pool or on a Dask cluster.
"""

from __future__ import annotations

from .candidates import Thresholds
from .engines import make_executor
from .index import Index
from .runner import Collection, ScanConfig, ScanResult, ScanStats, collect, run_scan, scan
from .verify import Relation, Rules

__all__ = [
    "Collection",
    "Index",
    "Relation",
    "Rules",
    "ScanConfig",
    "ScanResult",
    "ScanStats",
    "Thresholds",
    "collect",
    "make_executor",
    "run_scan",
    "scan",
]
