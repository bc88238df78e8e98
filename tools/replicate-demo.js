#!/usr/bin/env node
'use strict';
// Replicates with a ThaliNano hub from PouchDB 9 in a few lines: mutual TLS with your client certificate, the hub's
// key pinned from its httpkey URL. Needs the npm packages of tests/interop (`npm ci --prefix tests/interop`).
//
//   node tools/replicate-demo.js --hub httpkey://127.0.0.1:6985/sha256:<hub key id> \
//        --cert client.cert.pem --key client.key.pem [--secret client.secret] [--db demo] [--local DIR]
//
// It writes one document into a local PouchDB database, syncs it both ways with the hub's database, and prints
// what the hub holds. --secret adds the ThaliKey per-request proof an ESP32 hub needs (the host hub accepts it too).
const fs = require('fs');
const path = require('path');
const interop = path.join(__dirname, '..', 'tests', 'interop');
const PouchDB = require(path.join(interop, 'node_modules', 'pouchdb'));
const { connect } = require(path.join(interop, 'hub-client'));

function options(argv) {
  const o = { db: 'demo', local: path.join(__dirname, '..', 'artifacts', 'demo-local') };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!['hub', 'cert', 'key', 'secret', 'db', 'local'].includes(name) || argv[i + 1] === undefined) {
      throw new Error('usage: replicate-demo.js --hub <httpkey URL> --cert <pem> --key <pem> [--secret <file>] [--db <name>] [--local <dir>]');
    }
    o[name] = argv[i + 1];
  }
  if (!o.hub || !o.cert || !o.key) throw new Error('--hub, --cert and --key are required (see the header of this script)');
  return o;
}

async function main() {
  const o = options(process.argv.slice(2));
  // The three lines that matter: connect (mTLS + pin), a local database, sync.
  const hub = await connect(PouchDB, { hub: o.hub, certPath: o.cert, keyPath: o.key, secretPath: o.secret });
  fs.mkdirSync(o.local, { recursive: true });
  const local = new PouchDB(path.join(o.local, o.db));
  await local.put({ _id: 'hello-' + new Date().toISOString(), text: 'hello from PouchDB ' + PouchDB.version });
  const result = await PouchDB.sync(local, hub.db(o.db));

  const remote = await hub.db(o.db).allDocs({ include_docs: true });
  console.log(JSON.stringify({
    hub: hub.url,
    pushed: result.push.docs_written,
    pulled: result.pull.docs_written,
    hub_docs: remote.rows.map(r => r.doc),
  }, null, 2));
  hub.agent.destroy();
}

main().catch(e => { console.error('replicate-demo: ' + (e && e.message || e)); process.exit(1); });
