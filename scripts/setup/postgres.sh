#!/usr/bin/env bash
# PostgreSQL server binaries (initdb, pg_ctl) for the duroxide integration tests, from Debian's
# `postgresql` package. The tests start their own throwaway cluster; no service is enabled here.
# Idempotent: a no-op when initdb is already installed.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
echo "setup: apt-get install postgresql"
export DEBIAN_FRONTEND=noninteractive
# One apt at a time: the other setup steps may be installing theirs in parallel.
apt_lock=(flock "${TW_APT_LOCK:-/tmp/tw-setup-apt.lock}")
"${apt_lock[@]}" apt-get update -qq
"${apt_lock[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
# Debian creates and starts a default cluster; the tests never use it.
if command -v pg_lsclusters >/dev/null; then
  pg_lsclusters -h | while read -r version name _; do pg_ctlcluster "$version" "$name" stop || true; done
fi
