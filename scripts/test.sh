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
# The rest of the set-up (downloads, apt) starts first and goes on meanwhile: none of it needs the
# project's npm packages, and the build below needs nothing else.
setup_pid=
trap 'kill $setup_pid $(jobs -p) 2>/dev/null || true' EXIT
if ((${#steps[@]})); then
  bash scripts/setup/all.sh "${steps[@]}" &
  setup_pid=$!
fi
# Jobs the runner waits for only where it needs them (TW_BACKGROUND: a folder where each job
# writes <name>.log and, once done, <name>.exit): code-server's set-up (a download and a native
# compile, used only by the substrate checks and the e2e files) and the checks below.
TW_BACKGROUND="$(mktemp -d)"
export TW_BACKGROUND
background() {
  local name="$1"
  shift
  (
    rc=0
    "$@" >"$TW_BACKGROUND/$name.log" 2>&1 || rc=$?
    echo "$rc" >"$TW_BACKGROUND/$name.exit"
  ) &
}
# Niced: until the substrate checks start, the build and the first tests come first.
((editor)) && background codeServer nice -n 5 bash scripts/setup/all.sh codeServer
bash scripts/setup/all.sh npm
npm run --silent gen:proto >/dev/null
# One format (Prettier) for the whole tree, and the types (tsx and esbuild strip them without
# checking): they need no test process, so the runner reports them after the first phase.
export TW_CHECKS=format:check,typecheck
background format:check npm run --silent format:check
background typecheck npm run --silent typecheck
if ((editor)); then
  # The .vsix (which also builds dist/) is what the e2e tests install.
  npm run --silent package >/dev/null
else
  npm run --silent build >/dev/null
fi
if [[ -n "$setup_pid" ]]; then
  wait "$setup_pid"
fi
# The background jobs go on under the runner (its process takes this one's place).
trap - EXIT
exec node scripts/runTests.mjs "$@"
