#!/usr/bin/env bash
# Installs what the project needs on a fresh machine; each step is a fast no-op when done.
#   bash scripts/setup/all.sh [npm] [temporal] [postgres] [neovim] [nginx] [codeServer]   (no argument: all of them)
# Only nginx and codeServer need root (apt); npm and temporal install into the repository.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(npm temporal postgres neovim nginx codeServer)
for step in "${steps[@]}"; do
  case "$step" in
    npm)
      # npm install (from the lockfile) only when it changed since the last install. Not `npm ci`:
      # the lockfile npm 11 writes here lacks other platforms' optional binaries, which `npm ci`
      # rejects.
      stamp=node_modules/.package-lock.sha256
      want="$(sha256sum package-lock.json | cut -d' ' -f1)"
      if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        echo "setup: npm install"
        npm install --no-audit --no-fund --loglevel=error
        echo "$want" > "$stamp"
      fi
      ;;
    temporal | postgres | neovim | nginx | codeServer) bash "scripts/setup/$step.sh" ;;
    *) echo "setup: unknown step '$step'" >&2; exit 2 ;;
  esac
done
