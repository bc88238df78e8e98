'use strict';
// One phase of the replication benchmark (tools/ThaliNano.Benchmarks, mode "replication"): PouchDB 9 pushing `count`
// small documents from a local LevelDB database to a remote one, or pulling them into a fresh local database.
// The remote is a ThaliNano hub (mTLS, pinned) or a plain-HTTP peer (pouchdb-server). Requests are counted here, on
// the client side, the same way for both.
//
// stdin: { phase: "push"|"pull", count, db, localDir, hub?, cert?, key?, peer?, batchSize? }
// stdout: { ms, docs, requests, batches, byKind: { "_bulk_docs POST": n, ... }, msByKind: { kind: total ms until the
// response head arrived } }
const fs = require('fs');
const path = require('path');
const PouchDB = require('pouchdb');
const { connect } = require('./hub-client');

async function main() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  const o = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  fs.mkdirSync(o.localDir, { recursive: true });

  const byKind = {};
  const msByKind = {};
  let requests = 0;
  const counting = (inner) => (url, options) => {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    const kind = (segments.find(s => s.startsWith('_')) || (segments.length > 1 ? 'doc' : segments.length ? 'db' : 'root'))
      + ' ' + ((options && options.method) || 'GET');
    byKind[kind] = (byKind[kind] || 0) + 1;
    requests++;
    const t = process.hrtime.bigint();
    const done = () => { msByKind[kind] = (msByKind[kind] || 0) + Number(process.hrtime.bigint() - t) / 1e6; };
    return inner(url, options).then(r => { done(); return r; }, e => { done(); throw e; });
  };
  let remote;
  let agent;
  if (o.hub) {
    const hub = await connect(PouchDB, { hub: o.hub, certPath: o.cert, keyPath: o.key });
    agent = hub.agent;
    remote = new PouchDB(`${hub.url}/${o.db}`, { fetch: counting(hub.fetch) });
  } else {
    remote = new PouchDB(`${o.peer}/${o.db}`, { fetch: counting((u, opts) => PouchDB.fetch(u, opts)) });
  }

  const options = { batch_size: o.batchSize || 100 };
  let result;
  let t0;
  if (o.phase === 'push') {
    const source = new PouchDB(path.join(o.localDir, 'source'));
    const info = await source.info();
    for (let i = info.doc_count; i < o.count; i += 1000) {
      const docs = [];
      for (let j = i; j < Math.min(o.count, i + 1000); j++) {
        docs.push({ _id: 'doc-' + String(j).padStart(6, '0'), n: j, text: 'a small document of about one hundred bytes' });
      }
      await source.bulkDocs(docs);
    }
    t0 = process.hrtime.bigint();
    result = await PouchDB.replicate(source, remote, options);
    await source.close();
  } else {
    const target = new PouchDB(path.join(o.localDir, 'target-' + Date.now()));
    t0 = process.hrtime.bigint();
    result = await PouchDB.replicate(remote, target, options);
    await target.destroy();
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (agent) agent.destroy();
  const batches = o.phase === 'push' ? (byKind['_bulk_docs POST'] || 0) : (byKind['_bulk_get POST'] || 0);
  for (const k of Object.keys(msByKind)) msByKind[k] = Math.round(msByKind[k]);
  return { ms, docs: result.docs_written, failures: result.doc_write_failures, requests, batches, byKind, msByKind };
}

main().then(
  out => { process.stdout.write(JSON.stringify(out) + '\n'); process.exit(0); },
  e => { process.stdout.write(JSON.stringify({ error: String(e && e.stack || e) }) + '\n'); process.exit(1); },
);
