#!/usr/bin/env bash
# Runs the thalinano CLI (tools/ThaliNano.Cli) with the given arguments, building it first when its sources are newer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli=$root/tools/ThaliNano.Cli/bin/Release/net10.0/thalinano.dll
if [ ! -f "$cli" ] || [ -n "$(find "$root/tools/ThaliNano.Cli" "$root/tools/ThaliNano.Client" "$root/tools/ThaliNano.Simulator" "$root/boards/host" "$root/libs" "$root/firmware" "$root/drivers/Host" \
    -newer "$cli" \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]; then
  dotnet build "$root/tools/ThaliNano.Cli/ThaliNano.Cli.csproj" -c Release -nologo -clp:ErrorsOnly -v:q >&2
fi
exec dotnet "$cli" "$@"
