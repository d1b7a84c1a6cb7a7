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
setup_pid= editor_pid=
trap 'kill $setup_pid $editor_pid 2>/dev/null || true' EXIT
if ((${#steps[@]})); then
  bash scripts/setup/all.sh "${steps[@]}" &
  setup_pid=$!
fi
# code-server (a download and a native compile) is used only by the substrate checks and the e2e
# files: the runner waits for it before those (TW_EDITOR_SETUP), and the first phase starts
# without it.
if ((editor)); then
  TW_EDITOR_SETUP="$(mktemp -d)"
  export TW_EDITOR_SETUP
  (
    rc=0
    bash scripts/setup/all.sh codeServer >"$TW_EDITOR_SETUP/log" 2>&1 || rc=$?
    echo "$rc" >"$TW_EDITOR_SETUP/exit"
  ) &
  editor_pid=$!
fi
bash scripts/setup/all.sh npm
npm run --silent gen:proto >/dev/null
if ((editor)); then
  # The .vsix (which also builds dist/) is what the e2e tests install.
  npm run --silent package >/dev/null
else
  npm run --silent build >/dev/null
fi
if [[ -n "$setup_pid" ]]; then
  wait "$setup_pid"
fi
# The editor's set-up goes on under the runner (its process takes this one's place).
trap - EXIT
# One format (Prettier) for the whole tree, and the types (tsx and esbuild strip them without
# checking): checks that need no test process, run beside the first phase.
export TW_CHECKS=format:check,typecheck
exec node scripts/runTests.mjs "$@"
