#!/usr/bin/env bash
# The test command: restores, builds every project for net10.0 and type-checks the device code against
# nanoFramework, lints the nanoFramework IL, checks style and naming (.editorconfig), then runs every test. CI runs
# exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
log=artifacts/test-output.txt

source tools/prerequisites.sh

# Real peers for the interop tests come from npm, pinned by tests/interop/package-lock.json.
npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error

rm -rf artifacts/nano
mkdir -p artifacts
dotnet build ThaliNano.sln -c "$configuration" -nologo -clp:ErrorsOnly
dotnet tools/NanoLint/bin/$configuration/net10.0/NanoLint.dll artifacts/nano
dotnet format ThaliNano.sln --verify-no-changes --no-restore

set +e
dotnet test ThaliNano.sln -c "$configuration" --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies.
sed -nE 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/p' "$log" |
  awk '{ f += $1; p += $2; s += $3 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0) exit 1 }' || status=1
exit "$status"
