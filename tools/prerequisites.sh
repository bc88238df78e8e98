#!/usr/bin/env bash
# Installs what the hub and the tests need beyond the .NET SDK, from Debian's packages, when it is missing.
# Sourced by tools/test.sh and tools/hub.sh.
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# The status page's browser tests drive Debian's Chromium with Playwright (tests/ThaliNano.Boards.Host.Tests/Status).
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 1; }
