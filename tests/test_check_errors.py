"""check.errors: leaves of TextdiffError that are also ValueErrors, as the CLI expects."""

from __future__ import annotations

from textdiff import TextdiffError
from textdiff.check.errors import BaselineError, ConfigError


def test_hierarchy() -> None:
    for cls in (ConfigError, BaselineError):
        assert issubclass(cls, TextdiffError) and issubclass(cls, ValueError)
