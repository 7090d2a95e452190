#!/usr/bin/env bash
# Runs the whole suite against a real Neo4j (the session fixture starts the test server) and real
# Chromium. Fails on any failure, and when no test ran (pytest exits 5).
#
# Without arguments the suite runs as two processes at once, each with its own Neo4j
# (tests/conftest.py: JSS_TEST_PART). On a 2-core machine one process leaves the other core idle
# most of the time: it waits on the database, the browser or a server restart.
#   preset: the browser tests and the tests on the loaded jeju preset, on a second test server
#           (data dir "<JSS_DATA_DIR>-preset", Bolt and HTTP ports one above the test server's);
#   rest:   everything else, on the test server (JSS_DATA_DIR, default .data/test).
# With arguments (or NEO4J_URI naming one external server) it is one pytest run, as given.
set -euo pipefail
cd "$(dirname "$0")/.."
export DASH_TEST_CHROMEPATH=${DASH_TEST_CHROMEPATH:-/usr/bin/chromium}
export PATH="$PWD/.venv/bin:$PATH"
.venv/bin/ruff check .
# The layering contract (.importlinter): pages reach personal data only through queries.gate,
# layers import one way, only the runner imports the driver.
.venv/bin/lint-imports
# The slowest tests are listed so that a slow CI run can be told from a slow machine.
pytest=(.venv/bin/python -m pytest -p no:cacheprovider --headless --durations=25)

if [ $# -gt 0 ] || [ -n "${NEO4J_URI:-}" ]; then
    exec "${pytest[@]}" "$@"
fi

data=${JSS_DATA_DIR:-$PWD/.data/test}
bolt=${JSS_NEO4J_BOLT_PORT:-7688}
http=${JSS_NEO4J_HTTP_PORT:-7475}
log=$(mktemp "${TMPDIR:-/tmp}/jss-tests-preset.XXXXXX")
JSS_TEST_PART=preset JSS_DATA_DIR="$data-preset" \
    JSS_NEO4J_BOLT_PORT=$((bolt + 1)) JSS_NEO4J_HTTP_PORT=$((http + 1)) "${pytest[@]}" >"$log" 2>&1 &
preset=$!
trap 'kill "$preset" 2>/dev/null || true' INT TERM
echo "run_tests: the preset part (browser and jeju tests) runs beside this one; its output follows at the end"

rest_rc=0
JSS_TEST_PART=rest "${pytest[@]}" || rest_rc=$?
preset_rc=0
wait "$preset" || preset_rc=$?
trap - INT TERM

echo
echo "================================ preset part ================================="
cat "$log"
rm -f "$log"
echo "run_tests: rest part exited $rest_rc, preset part exited $preset_rc"
[ "$rest_rc" -eq 0 ] || exit "$rest_rc"
exit "$preset_rc"
