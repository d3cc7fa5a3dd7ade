"""The ``textdiff`` command's entry point (also ``python -m textdiff``): ``textdiff.cli``."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> None:
    from .cli import main as cli_main

    cli_main(argv)


if __name__ == "__main__":
    main()
