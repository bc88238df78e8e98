'use strict';
// Connecting PouchDB 9 (Node) to a ThaliNano hub: mutual TLS with the client's certificate, the hub accepted only if
// its certificate carries the key the httpkey URL names (key pinning), and optionally the ThaliKey per-request proof
// that an ESP32 hub needs (libs/ThaliNano.Identity/README.md). Used by the interop tests, the benchmark and
// tools/replicate-demo.js.
const crypto = require('crypto');
const fs = require('fs');
const https = require('https');
const tls = require('tls');

/** The key id of a certificate (PEM text or DER bytes): SHA-256 of its SubjectPublicKeyInfo, base64url. */
function keyId(certificate) {
  const spki = new crypto.X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64url');
}

/** Parses `httpkey://host:port/sha256:<key id>[/path]` (the compact form) into { host, port, pin, path }. */
function parseHttpKey(url) {
  const m = /^httpkey:\/\/([^/:]+|\[[^\]]+\]):(\d+)\/sha256:([A-Za-z0-9_-]{43})(\/.*)?$/.exec(url);
  if (!m) {
    throw new Error('not a compact httpkey URL (httpkey://host:port/sha256:<key id>/...): ' + url);
  }
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]), pin: m[3], path: m[4] || '/' };
}

function pinCheck(pin) {
  return (host, peer) => {
    const actual = keyId(peer.raw);
    return actual === pin ? undefined : new Error('hub key ' + actual + ' is not the pinned key ' + pin);
  };
}

function pemOf(der) {
  return '-----BEGIN CERTIFICATE-----\n' + der.toString('base64').match(/.{1,64}/g).join('\n') + '\n-----END CERTIFICATE-----\n';
}

/**
 * Fetches the hub's self-signed certificate and checks it carries the pinned key, so that it can serve as the only
 * trusted CA: then Node verifies the chain as usual and calls checkServerIdentity, which checks the pin on every
 * connection. (With rejectUnauthorized:false Node would never call checkServerIdentity: the pin would be skipped.)
 */
function fetchPinnedCertificate({ host, port, pin, cert, key }) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, cert, key, rejectUnauthorized: false, servername: undefined }, () => {
      const peer = socket.getPeerCertificate(false);
      socket.destroy();
      if (!peer || !peer.raw) {
        reject(new Error('the hub sent no certificate'));
      } else if (keyId(peer.raw) !== pin) {
        reject(new Error('hub key ' + keyId(peer.raw) + ' is not the pinned key ' + pin));
      } else {
        resolve(pemOf(peer.raw));
      }
    });
    socket.on('error', reject);
  });
}

/**
 * An https.Agent for one hub: client certificate and key, the hub's certificate as the only CA, and a
 * checkServerIdentity comparing the hub's key id with the pin. `ca` may be given (the hub's PEM); else it is fetched
 * and checked against the pin first.
 */
async function pinnedAgent({ host, port, pin, cert, key, ca, maxSockets }) {
  const trusted = ca || await fetchPinnedCertificate({ host, port, pin, cert, key });
  return new https.Agent({
    cert, key, ca: trusted, checkServerIdentity: pinCheck(pin), keepAlive: true, maxSockets: maxSockets || 6,
  });
}

/** The bytes a fetch body sends: a string as UTF-8, a Buffer or typed array as is; nothing for no body. */
function bodyBytes(body) {
  if (body == null) {
    return Buffer.alloc(0);
  }
  if (typeof body === 'string') {
    return Buffer.from(body, 'utf8');
  }
  if (body instanceof Uint8Array) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  throw new Error('cannot sign a request body of type ' + (body.constructor ? body.constructor.name : typeof body) + ': pass a string or a Buffer');
}

/**
 * The ThaliKey v2 Authorization header (libs/ThaliNano.Identity/README.md): the MAC covers the hub's key id (the pin),
 * the epoch, the counter, method, target and the SHA-256 of the exact body bytes, which the header also carries.
 */
function proofHeader({ id, secret, hub, epoch, ctr, method, target, body }) {
  const digest = crypto.createHash('sha256').update(bodyBytes(body)).digest('base64url');
  const input = ['ThaliKey-v2', hub, epoch, id, String(ctr), method, target, digest, ''].join('\n');
  const mac = crypto.createHmac('sha256', secret).update(input, 'ascii').digest('base64url');
  return `ThaliKey id="${id}", epoch="${epoch}", ctr="${ctr}", body="${digest}", mac="${mac}"`;
}

/**
 * A fetch for PouchDB's `fetch` option: sends through the agent and, given the proof ({ id, secret, hub }), signs every
 * request with a ThaliKey Authorization header. The epoch comes from the hub's WWW-Authenticate challenge; a 401
 * carrying a new one restarts the counter and retries once.
 */
function hubFetch(PouchDB, agent, proof) {
  const state = { epoch: null, counter: 0 };
  const sign = (url, options) => {
    if (!proof || !state.epoch) {
      return;
    }
    const u = new URL(url);
    options.headers.set('Authorization', proofHeader({
      ...proof, epoch: state.epoch, ctr: ++state.counter, method: (options.method || 'GET').toUpperCase(),
      target: u.pathname + u.search, body: options.body,
    }));
  };
  const learn = (response) => {
    const m = /^\s*ThaliKey\s+epoch="([A-Za-z0-9_-]+)"\s*$/i.exec(response.headers.get('www-authenticate') || '');
    if (m && m[1] !== state.epoch) {
      state.epoch = m[1];
      state.counter = 0;
      return true;
    }
    return false;
  };
  return async (url, options) => {
    options = options || {};
    options.headers = options.headers || new (require('node-fetch').Headers)();
    sign(url, options);
    let response = await PouchDB.fetch(url, { ...options, agent });
    if (learn(response) && proof && response.status === 401) {
      sign(url, options);
      response = await PouchDB.fetch(url, { ...options, agent });
      learn(response);
    }
    return response;
  };
}

/**
 * Everything a script needs to talk to a hub: { url (https base), agent, fetch, db(name, opts) }.
 * `hub` is a compact httpkey URL; `certPath`/`keyPath` the client's PEM files; `secretPath` (optional) its ThaliKey
 * proof secret (base64url text); `caPath` (optional) the hub's certificate.
 */
async function connect(PouchDB, { hub, certPath, keyPath, secretPath, caPath, maxSockets }) {
  const target = parseHttpKey(hub);
  const cert = fs.readFileSync(certPath);
  const key = fs.readFileSync(keyPath);
  const ca = caPath ? fs.readFileSync(caPath) : undefined;
  const agent = await pinnedAgent({ ...target, cert, key, ca, maxSockets });
  const proof = secretPath
    ? { id: keyId(cert), secret: Buffer.from(fs.readFileSync(secretPath, 'utf8').trim(), 'base64url'), hub: target.pin }
    : null;
  const fetch = hubFetch(PouchDB, agent, proof);
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const url = `https://${host}:${target.port}`;
  return { url, agent, fetch, db: (name, opts) => new PouchDB(`${url}/${name}`, { ...opts, fetch }) };
}

module.exports = { keyId, parseHttpKey, pinnedAgent, fetchPinnedCertificate, proofHeader, hubFetch, connect };
