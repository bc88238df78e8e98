#!/usr/bin/env bash
# The main job: builds and starts a virtual ThaliNano device hub (the host board) on 127.0.0.1 with mutual TLS.
# First run: creates the hub's identity and a demo client identity paired as the hub's owner, under the data folder.
# Prints the httpkey URL and the command that replicates with the hub from PouchDB; serves until Ctrl-C.
#   THALI_HUB_DATA  data folder (default artifacts/hub-data)      THALI_HUB_PORT  port (default 6985)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/prerequisites.sh

data=${THALI_HUB_DATA:-artifacts/hub-data}
port=${THALI_HUB_PORT:-6985}
client=$data/demo-client
board=boards/host/ThaliNano.Boards.Host/bin/Release/net10.0/ThaliNano.Boards.Host.dll

dotnet build boards/host/ThaliNano.Boards.Host/ThaliNano.Boards.Host.csproj -c Release -nologo -clp:ErrorsOnly
hub() { dotnet "$board" --data "$data" "$@"; }
# A key id (SHA-256 of the SubjectPublicKeyInfo, base64url: libs/ThaliNano.Identity/README.md) of a PEM certificate.
keyid() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | basenc --base64url | tr -d '='; }

# The demo client: a self-signed leaf certificate (a hub pairs no CA). A demo client made by an older hub.sh is a CA
# (openssl's default): it is replaced, and its key unpaired, on this run.
replaced=()
if [ -f "$client/client.cert.pem" ] && openssl x509 -in "$client/client.cert.pem" -noout -ext basicConstraints 2>/dev/null | grep -q 'CA:TRUE'; then
  replaced=(--unpair "$(keyid "$client/client.cert.pem")")
  rm -f "$client/client.cert.pem"
fi
if [ ! -f "$client/client.cert.pem" ]; then
  mkdir -p "$client"
  chmod 700 "$client"
  openssl req -x509 -newkey rsa:2048 -nodes -days 7300 -subj "/CN=ThaliNano demo client" \
    -addext basicConstraints=critical,CA:FALSE -addext keyUsage=critical,digitalSignature,keyEncipherment \
    -addext extendedKeyUsage=clientAuth -keyout "$client/client.key.pem" -out "$client/client.cert.pem" 2>/dev/null
  chmod 600 "$client/client.key.pem"
  hub --owner "$client/client.cert.pem" --secret-out "$client/client.secret" "${replaced[@]}" --no-serve
fi

# The PouchDB side of the demo comes from npm, pinned by tests/interop/package-lock.json.
if [ ! -d tests/interop/node_modules/pouchdb ]; then
  npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error
fi

hubkey=$(keyid "$data/identity/hub.cert.pem")
cat <<INFO

Replicate with this hub from PouchDB (another terminal):

  node tools/replicate-demo.js --hub httpkey://127.0.0.1:$port/sha256:$hubkey \\
       --cert $client/client.cert.pem --key $client/client.key.pem

or with curl:

  curl -k --pinnedpubkey "sha256//$(printf %s "$hubkey" | tr -- '-_' '+/')=" \\
       --cert $client/client.cert.pem --key $client/client.key.pem https://127.0.0.1:$port/_all_dbs

Pair more clients while it runs (as the owner; body: the client's certificate, PEM or DER in base64url):

  curl -k --pinnedpubkey "sha256//$(printf %s "$hubkey" | tr -- '-_' '+/')=" \\
       --cert $client/client.cert.pem --key $client/client.key.pem -H 'Content-Type: application/json' \\
       --data "{\\"certificate\\":\\"\$(openssl x509 -in friend.cert.pem -outform DER | basenc --base64url -w0 | tr -d =)\\"}" \\
       https://127.0.0.1:$port/_pairing

INFO
exec dotnet "$board" --data "$data" --port "$port"
