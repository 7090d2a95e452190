#!/usr/bin/env bash
# Runs the whole suite against a real Neo4j (the session fixture starts the test server) and real
# Chromium. Fails on any failure, and when no test ran (pytest exits 5).
set -euo pipefail
cd "$(dirname "$0")/.."
export DASH_TEST_CHROMEPATH=${DASH_TEST_CHROMEPATH:-/usr/bin/chromium}
export PATH="$PWD/.venv/bin:$PATH"
.venv/bin/ruff check .
# The layering contract (.importlinter): pages reach personal data only through queries.gate,
# layers import one way, only the runner imports the driver.
.venv/bin/lint-imports
# The slowest tests are listed so that a slow CI run can be told from a slow machine.
.venv/bin/python -m pytest -p no:cacheprovider --headless --durations=25 "$@"
