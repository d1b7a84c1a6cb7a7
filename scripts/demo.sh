#!/usr/bin/env bash
# Main job on a fresh clone: install, build the .vsix, start a dev server + sample workers and a
# real VS Code (code-server) with the extension on the sample workspace; prints the URL.
#   bash scripts/demo.sh [--port 8080]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup/all.sh
npm run --silent package >/dev/null
exec node scripts/demo.mjs "$@"
