#!/usr/bin/env bash
# The end-to-end relay benchmark: builds the gateway, the C ceiling relay and the driver (Release), then runs
# every mode (C ceiling with and without GRO/GSO, gateway native and managed transports) and scenario, and
# writes benchmarks/results/relay.md, relay.json and relay.png.
#
#   benchmarks/relay/run.sh                      # the full run (8 cases of about 13 s)
#   benchmarks/relay/run.sh --quick              # smoke test: 2 s per case, small meetings (writes relay-quick.*)
#   benchmarks/relay/run.sh --modes ceiling,ceiling-plain --sweep 1,2,4,8
#   benchmarks/relay/run.sh --help               # every option
#
# Needs: the .NET SDK, cmake and a C compiler (scripts/setup.sh installs them), Linux.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
  dotnet build -c Release -v quiet -nologo benchmarks/Gateway.RelayBench/Gateway.RelayBench.csproj >/dev/null
  exec dotnet benchmarks/Gateway.RelayBench/bin/Release/net10.0/Gateway.RelayBench.dll run --help
fi

echo "relay-bench: building the C relay (benchmarks/relay -> artifacts/relay-ceiling)"
cmake -S benchmarks/relay -B artifacts/relay-ceiling -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build artifacts/relay-ceiling --parallel 2 >/dev/null

needs_gateway=1
for arg in "$@"; do
  case "$arg" in
    --modes=*) modes="${arg#--modes=}" ;;
  esac
done
prev=""
for arg in "$@"; do
  if [[ "$prev" == "--modes" ]]; then modes="$arg"; fi
  prev="$arg"
done
if [[ -n "${modes:-}" && "$modes" != *native* && "$modes" != *managed* ]]; then needs_gateway=0; fi

if [[ $needs_gateway == 1 ]]; then
  echo "relay-bench: building the gateway (Release)"
  dotnet build -c Release -v quiet -nologo src/Gateway/Gateway.csproj 2>&1 | sort -u | tail -n 30
fi
echo "relay-bench: building the driver (Release)"
dotnet build -c Release -v quiet -nologo benchmarks/Gateway.RelayBench/Gateway.RelayBench.csproj 2>&1 | sort -u | tail -n 30

exec dotnet benchmarks/Gateway.RelayBench/bin/Release/net10.0/Gateway.RelayBench.dll run "$@"
