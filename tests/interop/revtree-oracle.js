#!/usr/bin/env node
// Reads revision-tree cases as JSON on stdin and prints what PouchDB 9 (pouchdb-merge) makes of them.
//
// Input:  [{"revsLimit": N, "merges": [{"path": ["3-c", "2-b", "1-a"], "deleted": false}, ...]}, ...]
//         Each merge is a new_edits=false write: a "_revisions" path, leaf first, and the leaf's _deleted.
// Output: [{"applied": [true, false, ...], "winner": "3-c", "deleted": false,
//           "leaves": [{"rev": "3-c", "deleted": false}, ...], "conflicts": [...], "revs": [...]}, ...]
//
// A merge is applied the way pouchdb-adapter-utils' updateDoc does with new_edits=false: a leaf revision that
// already exists is a no-op; otherwise the path becomes a one-branch tree (leaf status "available" with the
// deleted flag, ancestors "missing") and pouchdb-merge's merge(tree, path, revsLimit) inserts and stems it.
'use strict';

const { merge, winningRev, collectLeaves, collectConflicts, isDeleted, revExists, traverseRevTree } =
  require('pouchdb-merge');

function pathToTree(path, deleted) {
  // path is newest first; the tree goes from the oldest revision down to the leaf.
  let node = null;
  for (let i = 0; i < path.length; i++) {
    const id = path[i].substring(path[i].indexOf('-') + 1);
    const opts = i === 0 ? (deleted ? { status: 'available', deleted: true } : { status: 'available' })
      : { status: 'missing' };
    node = [id, opts, node ? [node] : []];
  }
  const leafPos = parseInt(path[0], 10);
  return { pos: leafPos - path.length + 1, ids: node };
}

function run(testCase) {
  let tree = [];
  const applied = [];
  for (const m of testCase.merges) {
    if (tree.length && revExists(tree, m.path[0])) {
      applied.push(false);
      continue;
    }
    tree = merge(tree, pathToTree(m.path, m.deleted), testCase.revsLimit).tree;
    applied.push(true);
  }
  const metadata = { id: 'doc', rev_tree: tree };
  const revs = [];
  traverseRevTree(tree, (isLeaf, pos, id) => { revs.push(pos + '-' + id); });
  return {
    applied,
    winner: winningRev(metadata),
    deleted: !!isDeleted(metadata),
    leaves: collectLeaves(tree).map((l) => ({ rev: l.rev, deleted: !!l.opts.deleted })),
    conflicts: collectConflicts(metadata),
    revs,
  };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const cases = JSON.parse(input);
  process.stdout.write(JSON.stringify(cases.map(run)) + '\n');
});
