'use strict';
// Runs a list of PouchDB 9 steps against a ThaliNano hub (mTLS, pinned), local LevelDB databases and a plain-HTTP peer
// (pouchdb-server), and prints one JSON object { results: [...] } (or { error }) on stdout. The C# interop tests
// (tests/ThaliNano.Boards.Host.Tests) write the steps and assert on the results.
//
// stdin: { hub, cert, key, secret?, localDir, peer?, steps: [...] }
// Databases are named "hub:<db>", "local:<db>" (LevelDB under localDir) or "peer:<db>" (peer URL + db).
// Steps ({ op, ... }):
//   put { db, doc }                     -> { id, rev }
//   bulk { db, docs, options? }         -> [{ id, rev } | { error }]   (options.new_edits=false writes given revs)
//   generate { db, count, prefix, size? } -> { written }        (small docs in batches of 500)
//   get { db, id, options? }            -> the document, or { status, error }
//   remove { db, id, rev }              -> { id, rev }
//   allDocs { db, options? }            -> { total_rows, rows: [{ id, rev, deleted? }] }  (include_docs adds doc)
//   changes { db, options? }            -> { results: [{ id, revs (sorted), deleted?, doc? }] }  (no seqs: peers differ)
//   info { db }                         -> db.info()
//   replicate { from, to, options? }    -> { ok, docs_read, docs_written, doc_write_failures, ms, errors }
//   sync { a, b, options? }             -> { push: {...}, pull: {...}, ms }
//   liveStart { from, to, name }        -> { started }            (live replication, retry on)
//   waitFor { db, id, rev?, timeoutMs } -> { found, ms, rev }
//   liveStop { name }                   -> { docs_read, docs_written }
//   request { db, method, path, body? } -> { status, body }      (a raw request through the same mTLS fetch)
const fs = require('fs');
const path = require('path');
const PouchDB = require('pouchdb');
const { connect } = require('./hub-client');

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function stats(r, ms) {
  return {
    ok: r.ok, status: r.status, docs_read: r.docs_read, docs_written: r.docs_written,
    doc_write_failures: r.doc_write_failures, ms, errors: (r.errors || []).map(String),
  };
}

async function main() {
  const input = await readStdin();
  if (input.localDir) fs.mkdirSync(input.localDir, { recursive: true });
  const hub = input.hub ? await connect(PouchDB, {
    hub: input.hub, certPath: input.cert, keyPath: input.key, secretPath: input.secret, caPath: input.ca,
  }) : null;
  const open = new Map();
  const db = (name) => {
    if (open.has(name)) return open.get(name);
    const [kind, dbName] = [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)];
    let d;
    if (kind === 'hub') d = hub.db(dbName);
    else if (kind === 'local') d = new PouchDB(path.join(input.localDir, dbName));
    else if (kind === 'peer') d = new PouchDB(`${input.peer}/${dbName}`);
    else throw new Error('unknown database ' + name);
    open.set(name, d);
    return d;
  };
  const live = new Map();
  const results = [];
  for (const step of input.steps) {
    const t0 = Date.now();
    let r;
    switch (step.op) {
      case 'put': {
        const x = await db(step.db).put(step.doc);
        r = { id: x.id, rev: x.rev };
        break;
      }
      case 'bulk':
        r = (await db(step.db).bulkDocs(step.docs, step.options || {})).map(x => x.error ? { id: x.id, error: x.name || x.error } : { id: x.id, rev: x.rev });
        break;
      case 'generate': {
        const d = db(step.db);
        const filler = 'x'.repeat(step.size || 40);
        for (let i = 0; i < step.count; i += 500) {
          const docs = [];
          for (let j = i; j < Math.min(step.count, i + 500); j++) {
            docs.push({ _id: `${step.prefix}${String(j).padStart(6, '0')}`, n: j, text: filler });
          }
          await d.bulkDocs(docs);
        }
        r = { written: step.count, ms: Date.now() - t0 };
        break;
      }
      case 'get':
        try {
          r = await db(step.db).get(step.id, step.options || {});
        } catch (e) {
          r = { status: e.status, error: e.name };
        }
        break;
      case 'remove': {
        const x = await db(step.db).remove(step.id, step.rev);
        r = { id: x.id, rev: x.rev };
        break;
      }
      case 'allDocs': {
        const x = await db(step.db).allDocs(step.options || {});
        r = {
          total_rows: x.total_rows,
          rows: x.rows.map(row => ({ id: row.id, rev: row.value && row.value.rev, deleted: row.value && row.value.deleted, doc: row.doc })),
        };
        break;
      }
      case 'changes': {
        const x = await db(step.db).changes(step.options || {});
        r = { results: x.results.map(c => ({ id: c.id, revs: c.changes.map(ch => ch.rev).sort(), deleted: c.deleted, doc: c.doc })) };
        break;
      }
      case 'info':
        r = await db(step.db).info();
        break;
      case 'replicate': {
        const x = await PouchDB.replicate(db(step.from), db(step.to), step.options || {});
        r = stats(x, Date.now() - t0);
        break;
      }
      case 'sync': {
        const x = await PouchDB.sync(db(step.a), db(step.b), step.options || {});
        r = { push: stats(x.push, 0), pull: stats(x.pull, 0), ms: Date.now() - t0 };
        break;
      }
      case 'liveStart': {
        const rep = PouchDB.replicate(db(step.from), db(step.to), { live: true, retry: true, ...(step.options || {}) });
        const entry = { rep, last: null, errors: [] };
        rep.on('change', info => { entry.last = info; });
        rep.on('error', e => entry.errors.push(String(e)));
        rep.on('denied', e => entry.errors.push('denied ' + String(e)));
        live.set(step.name, entry);
        r = { started: true };
        break;
      }
      case 'waitFor': {
        const d = db(step.db);
        const deadline = Date.now() + (step.timeoutMs || 10000);
        r = { found: false };
        while (Date.now() < deadline) {
          try {
            const doc = await d.get(step.id);
            if (!step.rev || doc._rev === step.rev) {
              r = { found: true, ms: Date.now() - t0, rev: doc._rev };
              break;
            }
          } catch (e) {
            if (e.status !== 404) throw e;
          }
          await new Promise(res => setTimeout(res, 50));
        }
        break;
      }
      case 'liveStop': {
        const entry = live.get(step.name);
        entry.rep.cancel();
        await new Promise(res => { entry.rep.on('complete', res); setTimeout(res, 2000); });
        r = { docs_read: entry.last && entry.last.docs_read, docs_written: entry.last && entry.last.docs_written, errors: entry.errors };
        live.delete(step.name);
        break;
      }
      case 'request': {
        const base = step.db.startsWith('peer') ? input.peer : hub.url;
        const response = await (step.db.startsWith('peer') ? PouchDB.fetch : hub.fetch)(base + step.path, {
          method: step.method || 'GET',
          headers: new (require('node-fetch').Headers)({ 'Content-Type': 'application/json', Accept: 'application/json' }),
          body: step.body == null ? undefined : JSON.stringify(step.body),
        });
        const text = await response.text();
        let body;
        try { body = JSON.parse(text); } catch { body = text; }
        r = { status: response.status, body };
        break;
      }
      default:
        throw new Error('unknown op ' + step.op);
    }
    results.push(r);
  }
  for (const entry of live.values()) entry.rep.cancel();
  for (const d of open.values()) {
    try { await d.close(); } catch { /* closing is best effort */ }
  }
  if (hub) hub.agent.destroy();
  return { results };
}

main().then(
  out => { process.stdout.write(JSON.stringify(out) + '\n'); process.exit(0); },
  e => { process.stdout.write(JSON.stringify({ error: String(e && e.stack || e), status: e && e.status, name: e && e.name }) + '\n'); process.exit(1); },
);
