#!/usr/bin/env bash
# The main job. Placeholder until the hub process exists: builds all device code for net10.0 and the
# nanoFramework type-check, and lints the nanoFramework IL.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf artifacts/nano
dotnet build ThaliNano.sln -c Release -nologo -clp:ErrorsOnly
dotnet tools/NanoLint/bin/Release/net10.0/NanoLint.dll artifacts/nano
