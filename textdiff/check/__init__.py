"""textdiff check: CI checks that copies of a text agree with their reference in substance.

    config     discover() and load_config(): textdiff.toml, .textdiff.toml, [tool.textdiff]
    pairing    resolve(config) -> pairs: explicit paths, globs, reference-dir/copy-dir by name
    evaluate   a Comparison -> PairOutcome: counted edits, omissions, coverage (cacheable)
    cache      outcomes keyed by both files' sha256, the options and the textdiff version
    runner     compute() in parallel with the cache, judge() against settings and baseline
    baseline   accepted differences keyed by content; match(), build(), dumps()
    human, github, junit, jsonl   the output formats
    errors     ConfigError, BaselineError (leaves of TextdiffError: one line, exit 2)

A client of the public API only (``textdiff.compare_documents``, ``load``, ``Options``, the
model); it never reaches into the pipeline's stages. ``textdiff.commands.check`` is the CLI.
"""

from __future__ import annotations

from .baseline import Baseline
from .config import Config, Settings, discover, load_config
from .errors import BaselineError, ConfigError
from .pairing import Pair, resolve
from .runner import PairResult, Report, Status, compute, judge_all

__all__ = [
    "Baseline",
    "BaselineError",
    "Config",
    "ConfigError",
    "Pair",
    "PairResult",
    "Report",
    "Settings",
    "Status",
    "compute",
    "discover",
    "judge_all",
    "load_config",
    "resolve",
]
