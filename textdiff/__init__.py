"""textdiff: compare variant publications of the same text.

    compare(a, b, options)   two paths -> Comparison (find, align, diff, classify)
    compare_texts(a, b)      the same for two strings
    load(path)               bytes -> Document, with the encoding and how it was chosen
    Options                  the profile and settings threaded through every stage
    RuleSet                  rules of the user's own (Options(rules=RuleSet.from_table(...)))

The model (Comparison, Block, Segment, ...) and the errors (TextdiffError and
its leaves) are re-exported here; nothing else is public.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import BinaryInputError, DecodeError, InputError, OptionsError, TextdiffError
from .load import load, load_bytes
from .model import (
    Block,
    BlockKind,
    Category,
    Comparison,
    Document,
    Op,
    Paragraph,
    Reason,
    ReasonKind,
    Role,
    Segment,
    Side,
    Span,
    Summary,
    Verdict,
)
from .options import Options
from .userrules import RuleSet

if TYPE_CHECKING:
    from .pipeline import compare, compare_documents, compare_texts

# The pipeline (and rapidfuzz, diff-match-patch with it) is imported on first
# use, so a command that needs none of it (a fully cached `textdiff check`)
# starts without paying for it.
_LAZY = {
    "compare": "pipeline",
    "compare_documents": "pipeline",
    "compare_texts": "pipeline",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'textdiff' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__version__ = "0.2.0"

__all__ = [
    "BinaryInputError",
    "Block",
    "BlockKind",
    "Category",
    "Comparison",
    "DecodeError",
    "Document",
    "InputError",
    "Op",
    "Options",
    "OptionsError",
    "Paragraph",
    "Reason",
    "ReasonKind",
    "Role",
    "RuleSet",
    "Segment",
    "Side",
    "Span",
    "Summary",
    "TextdiffError",
    "Verdict",
    "__version__",
    "compare",
    "compare_documents",
    "compare_texts",
    "load",
    "load_bytes",
]
