#!/usr/bin/env bash
# Installs what Gateway needs on Debian 12 with the .NET 10 SDK, idempotently.
#   scripts/setup.sh run     cmake + C compiler (builds native/ for the node)
#   scripts/setup.sh test    + ARM64 cross compiler, qemu-user, and the interop peers the tests use
#   scripts/setup.sh bench   + OpenSSL headers (the EVP peer in the benchmarks)
# As root it installs missing Debian packages with apt-get; otherwise it says what to install.
set -euo pipefail

profile="${1:-run}"
packages=(cmake make gcc libc6-dev)
case "$profile" in
  run) ;;
  test) packages+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user libssl-dev libsrtp2-1 libsrtp2-dev ffmpeg) ;;
  bench) packages+=(libssl-dev) ;;
  *) echo "usage: scripts/setup.sh [run|test|bench]" >&2; exit 2 ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is not on PATH. Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run this again." >&2
  exit 1
fi
sdk_major="$(dotnet --version 2>/dev/null | cut -d. -f1)"
if [ "${sdk_major:-0}" -lt 10 ]; then
  echo "error: Gateway needs the .NET 10 SDK; 'dotnet --version' says $(dotnet --version 2>/dev/null)." >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing Debian packages: ${missing[*]}" >&2
  echo "       install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
