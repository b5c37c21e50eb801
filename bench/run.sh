#!/usr/bin/env bash
# Page benchmark from a clean checkout: installs what it needs, then runs bench/run.py.
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory install >/dev/null
command -v wrk >/dev/null || {
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
}
exec .venv/bin/python bench/run.py "$@"
