"""Subcommands beyond compare and inspect, each in its own module.

``textdiff.cli`` imports these lazily (see ``LAZY_COMMANDS``) so that
``textdiff compare`` never pays for their imports.
"""
