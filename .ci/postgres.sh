#!/usr/bin/env bash
# CI: install Debian's PostgreSQL server binaries so the store tests can run a throwaway cluster.
# The tests start their own server (initdb with trust auth, pg_ctl on 127.0.0.1 and a free port,
# as the `postgres` user when run as root), so nothing is started here and no service is enabled.
# After this script, run the suite with EVENTWIRE_REQUIRE_POSTGRES=1 so that a server that cannot
# start fails the PostgreSQL tests instead of skipping them.
set -euo pipefail

find_initdb() {
  command -v initdb 2>/dev/null && return 0
  ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(find_initdb || true)" ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

INITDB="$(find_initdb)"
if [ -z "$INITDB" ]; then
  echo "postgres.sh: PostgreSQL could not be installed (no initdb found)" >&2
  exit 1
fi
echo "postgres.sh: $("$INITDB" --version) at $(dirname "$INITDB")"
