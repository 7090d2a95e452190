#!/usr/bin/env bash
# Set up everything JSS Graph needs on a fresh machine of this kind, idempotently:
# a Python 3.11 venv with the project installed, Neo4j 5.26 jars resolved from Maven Central into
# .neo4j/ (git-ignored), and Debian's chromium + chromium-driver + CJK fonts for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
stamp=.venv/.jss-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: installing Python dependencies"
  .venv/bin/python -m pip install -q --upgrade pip
  # --no-compile: byte-compiling every installed file took over half of the 58 s install; the
  # modules actually imported are compiled (and cached) on first import instead.
  .venv/bin/python -m pip install -q --no-compile -e '.[test]'
  touch "$stamp"
fi

need=()
# The Hangul font is needed by the meeting-pack PDF (and its tests) as well as by the browser.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ "${JSS_SKIP_BROWSER:-}" != "1" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "bootstrap: installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -z "${NEO4J_URI:-}" ]; then
  .venv/bin/jss db install
fi
