#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine; each step is a fast no-op when done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# npm install (from the lockfile) only when it changed since the last install. Not `npm ci`: the
# lockfile npm 11 writes here lacks other platforms' optional binaries, which `npm ci` rejects.
stamp=node_modules/.package-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: npm install"
  npm install --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
bash scripts/setup/temporal.sh
bash scripts/setup/postgres.sh
bash scripts/setup/nginx.sh
bash scripts/setup/codeServer.sh
