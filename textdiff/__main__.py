"""The ``textdiff`` command's entry point (also ``python -m textdiff``).

A plain ``textdiff compare A B [options]`` runs without importing click: it is
the command scripts call once per pair, and click's import costs more than
comparing two articles. Anything else, and any ``compare`` whose arguments
``commands._args.parse`` leaves to click (help, mistakes, unusual spellings),
goes through ``textdiff.cli``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    # Shell completion (click's _TEXTDIFF_COMPLETE) is click's business.
    if args[:1] == ["compare"] and "_TEXTDIFF_COMPLETE" not in os.environ:
        from .commands._args import COMPARE_OPTIONS, parse

        values = parse(args[1:], COMPARE_OPTIONS, ("a", "b"))
        if values is not None:
            from .commands._shared import error_boundary
            from .commands.compare import run

            with error_boundary():
                sys.exit(run(**values))  # type: ignore[arg-type]
    from .cli import main as click_main

    click_main(args)


if __name__ == "__main__":
    main()
