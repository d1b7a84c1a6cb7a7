#!/usr/bin/env bash
# The one command that runs the tests on a fresh clone: installs what the chosen suites use,
# builds, and runs them.
#   bash scripts/test.sh [all|unit|integration|substrate|e2e|<file>...]
# unit needs npm packages only (no root, no apt); integration adds the Temporal CLI + Python SDK
# venv, PostgreSQL (duroxide stores), Neovim (a second LSP client) and nginx (TLS proxy); substrate and e2e add code-server and Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
server=0 nginx=0 editor=0
for arg in "${@:-all}"; do
  case "$arg" in
    unit | test/unit/* | */test/unit/*) ;;
    integration | test/integration/* | */test/integration/*) server=1 nginx=1 ;;
    *) server=1 nginx=1 editor=1 ;;
  esac
done
steps=()
((server)) && steps+=(temporal postgres neovim)
((nginx)) && steps+=(nginx)
((editor)) && steps+=(codeServer)
# The rest of the set-up (downloads, apt, code-server's native compile) starts first and goes on
# meanwhile: none of it needs the project's npm packages, and the build and checks below need
# nothing else.
setup_pid=
if ((${#steps[@]})); then
  bash scripts/setup/all.sh "${steps[@]}" &
  setup_pid=$!
  trap 'kill "$setup_pid" 2>/dev/null || true' EXIT
fi
bash scripts/setup/all.sh npm
# Three independent jobs side by side once the protos are generated: one format (Prettier) for
# the whole tree; types (tsx and esbuild strip them without checking); the build.
npm run --silent gen:proto >/dev/null
npm run --silent format:check &
format_pid=$!
npm run --silent typecheck &
types_pid=$!
if ((editor)); then
  # The .vsix (which also builds dist/) is what the e2e tests install.
  npm run --silent package >/dev/null
else
  npm run --silent build >/dev/null
fi
wait "$format_pid"
wait "$types_pid"
if [[ -n "$setup_pid" ]]; then
  wait "$setup_pid"
  trap - EXIT
fi
exec node scripts/runTests.mjs "$@"
