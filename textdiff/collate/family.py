"""family: the witnesses of one family that ``textdiff scan`` found, read from its index.

    family_documents(index_path, number)   -> the family's documents, as Documents

Families are numbered as ``textdiff scan`` prints them (``collect``: largest
first, from 1). The index is opened with the scan's own reader; nothing here
writes to it, and a path that is not there is refused rather than created.
"""

from __future__ import annotations

import os

from ..errors import InputError, OptionsError
from ..model import Document


def family_documents(index_path: str, number: int) -> list[Document]:
    """The documents of family ``number`` in the scan index at ``index_path``."""
    if not os.path.isfile(index_path):
        raise InputError(f"{index_path}: no such scan index")
    from ..scan import Index, collect
    from ..scan.index import read_documents

    index = Index(index_path)
    try:
        families = collect(index).families
    finally:
        index.close()
    if not families:
        raise OptionsError(f"{index_path}: the index holds no family (run textdiff scan first)")
    if not 1 <= number <= len(families):
        raise OptionsError(f"--family {number}: the index has families 1 to {len(families)}")
    members = families[number - 1].members
    stored = read_documents(index_path, members)
    return [
        Document(s.name, s.text, s.encoding, s.confidence, s.method, s.sha256, s.size, s.format)
        for s in (stored[m] for m in members)
    ]
