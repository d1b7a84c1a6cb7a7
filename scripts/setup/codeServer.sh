#!/usr/bin/env bash
# Installs code-server (a real VS Code served to a browser) for the e2e tests and
# scripts/openEditor.mjs:
#   <repo>/.tools/code-server-<version>/node_modules/code-server/out/node/entry.js
# Also makes sure Debian's chromium and ripgrep are present.
# Idempotent: a marker file with the version makes a second run a fast no-op.
#
# A plain `npm i code-server` fails here: its postinstall refuses root and then downloads `rg`
# from GitHub in a nested install. So install with scripts off and redo the postinstall's work
# by hand, feeding @vscode/ripgrep Debian's rg so it never downloads anything.
set -euo pipefail

version="${CODE_SERVER_VERSION:-4.100.3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="$root/.tools/code-server-$version"
pkg="$dir/node_modules/code-server"
marker="$dir/.installed"

say() { echo "codeServer.sh: $*"; }
die() {
  echo "codeServer.sh: error: $*" >&2
  exit 1
}

need_cmd() { command -v "$1" >/dev/null 2>&1; }

if [[ -f "$marker" && "$(cat "$marker")" == "$version" && -f "$pkg/out/node/entry.js" ]] &&
  need_cmd chromium && need_cmd rg; then
  exit 0
fi

started=$SECONDS
log="$(mktemp -t codeServer.XXXXXX.log)"
trap 'rm -f "$log"' EXIT

# Runs one step quietly; on failure shows the end of its output.
step() {
  local title="$1"
  shift
  say "$title"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "step failed: $title (command: $*)"
  fi
}

# --- 1. system packages -------------------------------------------------------------------
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" ||
  die "node not found on PATH"
if [[ "$node_major" != 20 ]]; then
  # 4.100.x is the last code-server line that runs on Node 20; its native modules are built for
  # the running Node, so another major may fail in odd ways.
  say "warning: Node $node_major found; code-server $version expects Node 20"
fi

missing=()
need_cmd chromium || missing+=(chromium)
need_cmd rg || missing+=(ripgrep)
need_cmd make || missing+=(make)
need_cmd g++ || missing+=(g++)
need_cmd python3 || missing+=(python3) # node-gyp
if ((${#missing[@]})); then
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    need_cmd sudo || die "need root (or sudo) to install: ${missing[*]}"
    sudo=(sudo)
  fi
  # One apt at a time: the other setup steps may be installing theirs in parallel.
  apt_lock=(flock "${TW_APT_LOCK:-/tmp/tw-setup-apt.lock}")
  step "[1/6] apt-get update" "${sudo[@]}" "${apt_lock[@]}" apt-get update
  step "[1/6] apt-get install ${missing[*]}" env DEBIAN_FRONTEND=noninteractive \
    "${sudo[@]}" "${apt_lock[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  say "[1/6] system packages present (chromium, ripgrep, build tools)"
fi
rg_bin="$(command -v rg)"

# node-gyp must use the local Node headers: fetching them from nodejs.org is not possible here.
node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [[ -f "$node_prefix/include/node/node_version.h" ]]; then
  export npm_config_nodedir="$node_prefix"
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# --- 2. code-server itself, scripts off ------------------------------------------------------
# A half-finished install (no marker) is not trusted: start over.
rm -rf "$dir"
mkdir -p "$dir"
# Own package.json so npm does not walk up and install into the repo's node_modules.
printf '{ "name": "code-server-tools", "private": true }\n' >"$dir/package.json"
cd "$dir"
step "[2/6] npm install code-server@$version (scripts off)" \
  npm install --no-save --ignore-scripts --no-package-lock "code-server@$version"
step "[2/6] npm rebuild argon2" npm rebuild argon2

# --- 3. VS Code's own dependencies -----------------------------------------------------------
cd "$pkg/lib/vscode"
step "[3/6] lib/vscode: npm install --omit=dev (scripts off)" \
  npm install --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall skips its download when bin/rg already exists.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$rg_bin" node_modules/@vscode/ripgrep/bin/rg
# Only the native modules a Linux server uses: kerberos (proxy Negotiate auth, loaded on demand)
# and the Windows-only modules would take ~20 s of the compile for nothing. JOBS=max lets
# node-gyp's make use every core (spdlog alone is ~45 s on one).
step "[4/6] lib/vscode: npm rebuild (native modules from source)" \
  env npm_config_yes=true JOBS=max npm rebuild \
  @vscode/spdlog node-pty native-watchdog @vscode/deviceid @parcel/watcher @vscode/ripgrep

# --- 5. links the upstream postinstall would create ------------------------------------------
say "[5/6] links (node_modules.asar, remote-cli, helpers)"
ln -sfn node_modules node_modules.asar
ln -sfn code-linux.sh bin/remote-cli/code-server
ln -sfn browser-linux.sh bin/helpers/browser.sh

# --- 6. built-in extensions' dependencies ----------------------------------------------------
cd "$pkg/lib/vscode/extensions"
step "[6/6] lib/vscode/extensions: npm install --omit=dev" npm install --omit=dev

got="$(node "$pkg/out/node/entry.js" --config /dev/null --version 2>/dev/null | head -n 1)" ||
  die "installed code-server does not run: node $pkg/out/node/entry.js --version"
[[ "$got" == "$version"* ]] || die "unexpected version from code-server: $got"
echo "$version" >"$marker"
say "code-server $got ready in ${dir#"$root/"} ($((SECONDS - started)) s, $(du -sh "$dir" | cut -f1))"
