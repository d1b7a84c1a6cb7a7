#!/usr/bin/env bash
# Installs Debian's nginx (HTTP/2 + gRPC proxy + TLS) and openssl for the TLS/mTLS/API-key
# integration tests. The tests run their own nginx masters (own prefix/config on loopback ports),
# so the system nginx service must stay stopped and disabled.
# Idempotent: a fast no-op when both tools are present and nginx has the modules we need.
set -euo pipefail

sudo_cmd=()
if [[ "$(id -u)" != 0 ]]; then
  sudo_cmd=(sudo)
fi

nginx_bin() {
  command -v nginx 2>/dev/null || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true
}

# http2, ssl and grpc_pass are what the test proxy config uses.
nginx_ok() {
  local bin
  bin="$(nginx_bin)"
  [[ -n "$bin" ]] || return 1
  local flags
  flags="$("$bin" -V 2>&1)" || return 1
  [[ "$flags" == *--with-http_v2_module* && "$flags" == *--with-http_ssl_module* &&
    "$flags" != *--without-http_grpc_module* ]]
}

if nginx_ok && command -v openssl >/dev/null 2>&1; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Wait for the dpkg lock instead of failing when another setup script installs at the same time.
apt_get() {
  # One apt at a time: the other setup steps may be installing theirs in parallel.
  "${sudo_cmd[@]}" flock "${TW_APT_LOCK:-/tmp/tw-setup-apt.lock}" apt-get -q "$@" >/dev/null
}
apt_install() {
  apt_get install -y --no-install-recommends "$@"
}

# Keep the package's maintainer scripts from starting the system service. Images built for
# containers often ship this policy already; only add (and later remove) our own.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod 755 "$policy"
  own_policy=1
fi
cleanup() {
  if [[ "$own_policy" == 1 ]]; then
    "${sudo_cmd[@]}" rm -f "$policy"
  fi
}
trap cleanup EXIT

# Install only what is missing, so an existing openssl is not upgraded as a side effect.
packages=()
nginx_ok || packages+=(nginx)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)

# Only refresh package lists when they do not know the packages yet (a fresh image has none);
# retry once after a refresh when the lists are stale.
if ! apt-cache show "${packages[@]}" >/dev/null 2>&1; then
  apt_get update
fi
if ! apt_install "${packages[@]}"; then
  apt_get update
  apt_install "${packages[@]}"
fi

# Make sure the distro service is neither running nor started at boot.
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
  "${sudo_cmd[@]}" systemctl disable --now nginx >/dev/null 2>&1 || true
elif command -v update-rc.d >/dev/null 2>&1; then
  "${sudo_cmd[@]}" update-rc.d nginx disable >/dev/null 2>&1 || true
  if [[ -s /run/nginx.pid ]]; then
    "${sudo_cmd[@]}" service nginx stop >/dev/null 2>&1 || true
  fi
fi

if ! nginx_ok; then
  echo "nginx.sh: installed nginx lacks http2/ssl/grpc support:" >&2
  "$(nginx_bin)" -V >&2 || true
  exit 1
fi
command -v openssl >/dev/null 2>&1 || {
  echo "nginx.sh: openssl missing after install" >&2
  exit 1
}
echo "nginx.sh: $("$(nginx_bin)" -v 2>&1), $(openssl version)"
