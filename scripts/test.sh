#!/usr/bin/env bash
# The one command that runs every test on a fresh clone: installs what the tests need
# (npm packages, the Temporal CLI + Python SDK venv, nginx, code-server, Chromium), builds, and
# runs unit, integration (real dev server + real workers) and e2e (real editor) tests.
#   bash scripts/test.sh [all|unit|integration|e2e|<file>...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup/all.sh
# The .vsix (which also builds dist/ with the generated protos) is what the e2e tests install.
npm run --silent package >/dev/null
exec node scripts/runTests.mjs "$@"
