'use strict';
// The memory benchmark's steady replication (tools/ThaliNano.Benchmarks/Memory): PouchDB 9 in Node, run with the
// working directory tests/interop (where PouchDB is installed), against a hub on plain HTTP that authenticates every
// request by its ThaliKey proof (hub-client.js's hubFetch with an http.Agent). Each round writes new documents and
// updates earlier ones in a local LevelDB database, pushes it to the hub, then pulls the hub's database into a second
// local one. Prints one line {"phase": ...} as each step starts, then one line { results } (or { error }).
//
// stdin: { url, id, secret (base64url), hub (key id), localDir, rounds, docs, size, maxSockets, batchSize }
const fs = require('fs');
const http = require('http');
const path = require('path');
const { createRequire } = require('module');

const requireInterop = createRequire(path.join(process.cwd(), 'package.json'));
const PouchDB = requireInterop('pouchdb');
const { hubFetch } = requireInterop('./hub-client');

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const phase = (name) => process.stdout.write(JSON.stringify({ phase: name }) + '\n');

async function main() {
  const input = await readStdin();
  fs.mkdirSync(input.localDir, { recursive: true });
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.maxSockets });
  const fetch = hubFetch(PouchDB, agent, { id: input.id, secret: Buffer.from(input.secret, 'base64url'), hub: input.hub });
  const remote = new PouchDB(`${input.url}/steady`, { fetch });
  const source = new PouchDB(path.join(input.localDir, 'source'));
  const target = new PouchDB(path.join(input.localDir, 'target'));
  const filler = 'x'.repeat(input.size);
  const options = { batch_size: input.batchSize };
  let pushed = 0;
  let pulled = 0;
  for (let round = 1; round <= input.rounds; round++) {
    const docs = [];
    for (let i = 0; i < input.docs; i++) {
      docs.push({ _id: `r${String(round).padStart(3, '0')}-${String(i).padStart(4, '0')}`, round, n: i, text: filler });
    }
    if (round > 1) {
      const earlier = await source.allDocs({ include_docs: true, limit: Math.ceil(input.docs / 2), skip: (round - 2) * input.docs });
      for (const row of earlier.rows) docs.push({ ...row.doc, updated: round });
    }
    await source.bulkDocs(docs);
    phase(`push ${round}`);
    const push = await PouchDB.replicate(source, remote, options);
    phase(`pull ${round}`);
    const pull = await PouchDB.replicate(remote, target, options);
    if (push.doc_write_failures || pull.doc_write_failures) {
      throw new Error(`round ${round}: ${push.doc_write_failures} push and ${pull.doc_write_failures} pull write failures`);
    }
    pushed += push.docs_written;
    pulled += pull.docs_written;
  }
  const info = await remote.info();
  agent.destroy();
  process.stdout.write(JSON.stringify({ results: { pushed, pulled, hubDocs: info.doc_count } }) + '\n');
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n');
  process.exit(1);
});
