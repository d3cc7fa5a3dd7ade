"""collate: N witnesses of one text at once (``textdiff collate``).

collate(paths, options)            files -> Collation
collate_documents(docs, options)   decoded documents -> Collation
Collation.project(a, b)            one pair, exactly as ``textdiff compare`` sees it

model      the records: Witness, Row, Cell, Site, Reading, Group, Summary
stages     the pipeline's stages, once per witness and once per pair
rows       every pair's paragraph alignment -> rows across all witnesses
sites      word diffs against each row's base -> variant sites, readings, groups
build      the composer
"""

from __future__ import annotations

from collections.abc import Sequence

from ..load import load
from ..options import Options
from .build import Collation, collate_documents

__all__ = ["Collation", "collate", "collate_documents"]


def collate(
    paths: Sequence[str],
    options: Options | None = None,
    reference: str | None = None,
    jobs: int = 1,
) -> Collation:
    """Load and collate files (their order does not matter)."""
    return collate_documents([load(p) for p in paths], options, reference, jobs)
