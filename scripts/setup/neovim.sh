#!/usr/bin/env bash
# Debian's `neovim` package: a second LSP client for the language server's integration test
# (test/integration/neovim.test.ts runs `nvim --headless` with the built-in LSP client).
# Idempotent: a no-op when nvim is already installed.
set -euo pipefail
if command -v nvim >/dev/null; then exit 0; fi
echo "setup: apt-get install neovim"
export DEBIAN_FRONTEND=noninteractive
# One apt at a time: the other setup steps may be installing theirs in parallel.
apt_lock=(flock "${TW_APT_LOCK:-/tmp/tw-setup-apt.lock}")
"${apt_lock[@]}" apt-get update -qq
"${apt_lock[@]}" apt-get install -y -qq --no-install-recommends neovim >/dev/null
