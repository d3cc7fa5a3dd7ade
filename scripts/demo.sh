#!/usr/bin/env bash
# Set up textdiff in .venv and run it on the samples: the README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
set +e
.venv/bin/textdiff compare samples/closing-address.txt samples/embassy-bulletin.txt
echo "exit status $? (0: identical or equivalent, 1: variant or unrelated)"
.venv/bin/textdiff compare samples/cell-secretaries-2013.txt samples/cell-secretaries-opening-2021.txt | tail -n 1
echo "exit status $?"
exit 0
