#!/usr/bin/env bash
# Runs gateway-loadgen (src/LoadGen) against a node, by default the one scripts/run-node.sh started
# (http://127.0.0.1:8080, API secret in ./data). Arguments go to `gateway-loadgen run`; with none, a short
# E2EE run: 5 meetings x 4 participants for 20 s with a live view, a table, JSON and a PNG plot in artifacts/.
#   bash scripts/loadgen.sh --meetings 10 --participants 5 --duration 60s --e2ee on
#   bash scripts/loadgen.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/LoadGen/LoadGen.csproj -c Release -nologo -v quiet >/dev/null
if [ $# -eq 0 ]; then
  mkdir -p artifacts
  set -- --meetings 5 --participants 4 --duration 20s --e2ee on --json artifacts/loadgen.json --plot artifacts/loadgen.png
fi
case "${1:-}" in
  -h|--help|-\?) exec dotnet src/LoadGen/bin/Release/net10.0/gateway-loadgen.dll "$@" ;;
esac
exec dotnet src/LoadGen/bin/Release/net10.0/gateway-loadgen.dll run "$@"
