#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine; each step is a fast no-op when done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.package-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
bash scripts/setup/temporal.sh
bash scripts/setup/nginx.sh
bash scripts/setup/codeServer.sh
