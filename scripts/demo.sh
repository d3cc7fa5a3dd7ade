#!/usr/bin/env bash
# Set up textdiff in .venv and run it on the samples: the README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
set +e
# The sample HTML reports, into reports/.
.venv/bin/textdiff report samples/closing-address.txt samples/embassy-bulletin.txt
R06=$(ls -d ../shared/corpora/kcna-revisions-2024/groups/R06-* 2>/dev/null | head -n 1)
[ -n "$R06" ] && .venv/bin/textdiff report "$R06/v1.txt" "$R06/v2.txt" -o reports/kcna-r06-v1-vs-v2.html
.venv/bin/textdiff compare samples/closing-address.txt samples/embassy-bulletin.txt
echo "exit status $? (0: identical or equivalent, 1: variant or unrelated)"
.venv/bin/textdiff compare samples/cell-secretaries-2013.txt samples/cell-secretaries-opening-2021.txt | tail -n 1
echo "exit status $?"
exit 0
