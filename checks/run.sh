#!/usr/bin/env bash
# `make check-site` from a clean checkout: installs the outside checkers (npm tools from the
# committed lock, sqlmap into the venv), makes sure PostgreSQL runs, then runs site_checks.py.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

make --no-print-directory install browser >/dev/null
command -v java >/dev/null || {
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
}
command -v npm >/dev/null || { echo "check-site needs node 20 and npm" >&2; exit 1; }
[ -x .venv/bin/sqlmap ] || .venv/bin/pip install --quiet sqlmap==1.10.10

# --ignore-scripts: postinstall steps download (chromedriver, browsers, the Observatory's HSTS
# preload and TLD lists); the lists are stubbed below, the browser is Debian's chromium.
if [ ! -f checks/node_modules/.installed ] || [ checks/package-lock.json -nt checks/node_modules/.installed ]; then
  (cd checks && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  observatory_conf=checks/node_modules/@mdn/mdn-http-observatory/conf
  echo '{}' >"$observatory_conf/hsts-preload.json"
  echo '[]' >"$observatory_conf/tld-list.json"
  touch checks/node_modules/.installed
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "PostgreSQL is down; starting it"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

exec .venv/bin/python checks/site_checks.py "$@"
