#!/usr/bin/env bash
# Runs one Gateway node on the embedded defaults (control API on http://127.0.0.1:8080).
# Extra arguments go to `gateway run` (see: scripts/run-node.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
dotnet build src/Gateway/Gateway.csproj -c Release -nologo -v quiet
exec dotnet src/Gateway/bin/Release/net10.0/gateway.dll run "$@"
