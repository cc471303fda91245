#!/usr/bin/env bash
# CI: what the browser tests of the dashboard need: Debian's Chromium (never a browser downloaded
# by Playwright) and the Python packages of the API tests. Idempotent; run before `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
fi
/usr/bin/chromium --version 2>/dev/null || echo "chromium installed at /usr/bin/chromium"

PY=.venv/bin/python
if [ -x "$PY" ]; then
    # The lead pins these in the constraints file; installing with it keeps CI reproducible.
    if [ -f constraints.txt ]; then
        $PY -m pip install -q -c constraints.txt fastapi uvicorn httpx playwright schemathesis
    else
        $PY -m pip install -q fastapi uvicorn httpx playwright schemathesis
    fi
fi
# With CI=true in the environment the browser tests fail, not skip, when Chromium is missing.
