"""One exception root. Leaves also subclass the builtin they refine, so callers
who think in builtins (``except UnicodeError``) still catch them.

The CLI turns any ``TextdiffError`` into a one-line message and exit status 2.
"""

from __future__ import annotations


class TextdiffError(Exception):
    """Root of every error textdiff raises on purpose."""


class InputError(TextdiffError, OSError):
    """A file that cannot be read: missing, a directory, unreadable."""


class BinaryInputError(TextdiffError, ValueError):
    """Input that is not text (NUL bytes, PDF/PNG/ZIP signatures)."""


class DecodeError(TextdiffError, UnicodeError):
    """Bytes that no plausible encoding decodes strictly."""


class OptionsError(TextdiffError, ValueError):
    """An option value that makes no sense (unknown profile or category, bad codec)."""


class FormatError(BinaryInputError):
    """A PDF, Word file or web page that cannot be read: broken, encrypted, no text layer."""


class MissingExtraError(TextdiffError, ImportError):
    """Reading this format needs an optional extra (``pip install 'textdiff[pdf]'``)."""
