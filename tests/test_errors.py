"""errors: one root, leaves that are also the builtins they refine."""

from __future__ import annotations

from textdiff import BinaryInputError, DecodeError, InputError, OptionsError, TextdiffError


def test_hierarchy() -> None:
    for cls, builtin in [
        (InputError, OSError),
        (BinaryInputError, ValueError),
        (DecodeError, UnicodeError),
        (OptionsError, ValueError),
    ]:
        assert issubclass(cls, TextdiffError) and issubclass(cls, builtin)
