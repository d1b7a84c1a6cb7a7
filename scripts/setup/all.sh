#!/usr/bin/env bash
# Installs what the project needs on a fresh machine; each step is a fast no-op when done.
#   bash scripts/setup/all.sh [npm] [temporal] [postgres] [neovim] [nginx] [codeServer]   (no argument: all of them)
# Only nginx and codeServer need root (apt); npm and temporal install into the repository.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(npm temporal postgres neovim nginx codeServer)
run_step() {
  case "$1" in
    npm)
      # npm install (from the lockfile) only when it changed since the last install. Not `npm ci`:
      # the lockfile npm 11 writes here lacks other platforms' optional binaries, which `npm ci`
      # rejects.
      stamp=node_modules/.package-lock.sha256
      want="$(sha256sum package-lock.json | cut -d' ' -f1)"
      if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        echo "setup: npm install"
        npm install --no-audit --no-fund --loglevel=error
        echo "$want" >"$stamp"
      fi
      ;;
    temporal | postgres | neovim | nginx | codeServer) bash "scripts/setup/$1.sh" ;;
    *)
      echo "setup: unknown step '$1'" >&2
      return 2
      ;;
  esac
}

if ((${#steps[@]} == 1)); then
  run_step "${steps[0]}"
  exit
fi
# Several steps run side by side (downloads, apt and compiles overlap; apt itself takes turns
# through the lock in each script); each one's output is shown whole once it ends.
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
declare -A pids
for step in "${steps[@]}"; do
  run_step "$step" >"$logs/$step" 2>&1 &
  pids[$step]=$!
done
failed=()
for step in "${steps[@]}"; do
  rc=0
  wait "${pids[$step]}" || rc=$?
  cat "$logs/$step"
  if ((rc)); then
    echo "setup: $step failed (exit $rc)" >&2
    failed+=("$step")
  fi
done
((${#failed[@]} == 0)) || exit 1
