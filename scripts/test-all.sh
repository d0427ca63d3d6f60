#!/usr/bin/env bash
# Runs every test: native CTest (Release; Debug with AddressSanitizer + UBSan; ARM64 cross-built and
# run under qemu-user) and every xunit project. Installs what it needs first (scripts/setup.sh test).
# Ends with one line: "tests: N passed, N failed, N skipped", summed over every runner.
set -uo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
bash scripts/setup.sh test || exit 1

out="$root/artifacts/test-results"
rm -rf "$out"
mkdir -p "$out"
passed=0 failed=0 skipped=0 broken=0

note() { printf '\n=== %s ===\n' "$*"; }

# attr NAME FILE: the first NAME="N" attribute in FILE.
attr() { grep -o "$1=\"[0-9]*\"" "$2" | head -n 1 | grep -o '[0-9]*' || echo 0; }

add_junit() { # CTest's JUnit report
  local f="$1" t fl sk ds
  if [ ! -s "$f" ]; then echo "no test report at $f: counting the run as one failure"; failed=$((failed + 1)); return; fi
  t=$(attr tests "$f"); fl=$(attr failures "$f"); sk=$(attr skipped "$f"); ds=$(attr disabled "$f")
  passed=$((passed + t - fl - sk - ds)); failed=$((failed + fl)); skipped=$((skipped + sk + ds))
}

add_xunit() { # xunit v3 XML report: <assembly total= passed= failed= skipped= ...>
  local f="$1" p fl sk
  if [ ! -s "$f" ]; then echo "no test report at $f: counting the run as one failure"; failed=$((failed + 1)); return; fi
  read -r p fl sk < <(grep -o '<assembly [^>]*' "$f" | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
        if (kv[1] == "passed") p += kv[2]; else if (kv[1] == "failed") f += kv[2]; else if (kv[1] == "skipped") s += kv[2] } }
    END { print p + 0, f + 0, s + 0 }')
  passed=$((passed + p)); failed=$((failed + fl)); skipped=$((skipped + sk))
}

ctest_suite() { # name, build dir, extra cmake args...
  local name="$1" dir="$2"; shift 2
  note "native: $name"
  if ! cmake -S native -B "$dir" -DGW_BUILD_BENCH=OFF "$@" >"$out/$name-configure.log" 2>&1 \
     || ! cmake --build "$dir" --parallel >"$out/$name-build.log" 2>&1; then
    cat "$out/$name-configure.log" "$out/$name-build.log" 2>/dev/null | tail -n 40
    echo "native $name build failed: counting it as one failure"; failed=$((failed + 1)); broken=1; return
  fi
  ctest --test-dir "$dir" --output-on-failure --output-junit "$out/$name.xml" --timeout 600 || broken=1
  add_junit "$out/$name.xml"
}

ctest_suite ctest-release "$root/artifacts/native/ctest-release" -DCMAKE_BUILD_TYPE=Release
ctest_suite ctest-sanitizers "$root/artifacts/native/ctest-asan" -DCMAKE_BUILD_TYPE=Debug -DGW_SANITIZE=ON
GW_TEST_QUICK=1 ctest_suite ctest-arm64-qemu "$root/artifacts/native/ctest-arm64" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_TOOLCHAIN_FILE="$root/native/cmake/aarch64-linux-gnu.cmake"

note "dotnet build"
if ! dotnet build Gateway.sln -c Release -nologo -v quiet; then
  echo "dotnet build failed: counting it as one failure"; failed=$((failed + 1)); broken=1
else
  for proj in tests/*/*.csproj; do
    name="$(basename "$proj" .csproj)"
    asm="$(sed -n 's:.*<AssemblyName>\(.*\)</AssemblyName>.*:\1:p' "$proj")"
    dll="$(dirname "$proj")/bin/Release/net10.0/${asm:-$name}.dll"
    note "xunit: $name"
    dotnet "$dll" -noLogo -noColor -xml "$out/$name.xml" || broken=1
    add_xunit "$out/$name.xml"
  done

  # The benchmark suites must keep running: a dry in-process pass of a few cases (seconds), counted as one test.
  # Full runs are not part of CI; see docs/performance.md.
  note "benchmarks: smoke"
  if dotnet benchmarks/Gateway.Benchmarks/bin/Release/net10.0/Gateway.Benchmarks.dll --quick \
       --filter '*AesGcmBenchmarks.Seal*' '*SrtpProtect*' '*RtpParse*' >"$out/benchmark-smoke.log" 2>&1; then
    echo "benchmark smoke: ok"; passed=$((passed + 1))
  else
    tail -n 40 "$out/benchmark-smoke.log"; echo "benchmark smoke: failed"; failed=$((failed + 1))
  fi

  # The end-to-end relay benchmark (gateway and C ceiling as separate processes, load generator): a short pass of
  # every mode that fails if a mode forwards nothing or delivers packets that do not decrypt. One test.
  note "benchmarks: relay smoke"
  if bash benchmarks/relay/run.sh --quick --out "$out/relay-quick" >"$out/relay-smoke.log" 2>&1; then
    echo "relay benchmark smoke: ok"; passed=$((passed + 1))
  else
    tail -n 40 "$out/relay-smoke.log"; echo "relay benchmark smoke: failed"; failed=$((failed + 1))
  fi
fi

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
