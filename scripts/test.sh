#!/usr/bin/env bash
# Set up a virtual environment with textdiff and its test tools, then run
# the linters, the type checker and the whole test suite. The README's second
# command; .ci/run calls it too.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test,pdf,html]'
.venv/bin/python samples/make_encodings.py --check
.venv/bin/ruff check textdiff tests samples scripts benchmarks
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
