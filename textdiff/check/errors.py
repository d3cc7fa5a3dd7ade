"""Errors of ``textdiff check``: leaves of ``TextdiffError``, so the CLI prints one line, exit 2.

ConfigError     an unusable configuration: unknown key, bad value, missing file, bad glob
BaselineError   a baseline file that is not a textdiff baseline
"""

from __future__ import annotations

from ..errors import TextdiffError


class ConfigError(TextdiffError, ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


class BaselineError(TextdiffError, ValueError):
    """A baseline file that cannot be read as a textdiff baseline."""
