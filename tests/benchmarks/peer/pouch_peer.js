// The PouchDB side of the peer benchmark (tests/benchmarks/bench_peer.py).
//
//   node pouch_peer.js server PORT DIR
//       express-pouchdb (mode minimumForPouchDB) on 127.0.0.1:PORT, databases in DIR
//       (LevelDB, the Node adapter); prints "listening" once ready.
//   node pouch_peer.js push REMOTE DOCS.json LOCALDIR BATCH
//       loads the documents into a local PouchDB (not timed), then replicates it to REMOTE
//       (timed): PouchDB's initial push.
//   node pouch_peer.js pull REMOTE LOCALDIR BATCH
//       replicates REMOTE into a new local PouchDB (timed): PouchDB's initial pull.
//
// Each run prints one JSON line: {"docs": N, "seconds": S, "load_seconds": L}.
'use strict';

const fs = require('fs');
const path = require('path');
const PouchDB = require('pouchdb');

function seconds(start) {
  const [s, ns] = process.hrtime(start);
  return s + ns / 1e9;
}

async function server(port, dir) {
  const express = require('express');
  fs.mkdirSync(dir, { recursive: true });
  const Local = PouchDB.defaults({ prefix: dir + path.sep });
  const app = express();
  app.use('/', require('express-pouchdb')(Local, {
    mode: 'minimumForPouchDB',
    logPath: path.join(dir, 'log.txt'),
    configPath: path.join(dir, 'config.json'),
  }));
  app.listen(Number(port), '127.0.0.1', () => console.log('listening'));
}

async function push(remote, docsFile, localDir, batch) {
  const docs = JSON.parse(fs.readFileSync(docsFile, 'utf8'));
  const local = new PouchDB(localDir);
  let start = process.hrtime();
  for (let i = 0; i < docs.length; i += 1000) {
    await local.bulkDocs(docs.slice(i, i + 1000));
  }
  const load = seconds(start);
  start = process.hrtime();
  const result = await local.replicate.to(remote, { batch_size: batch });
  const took = seconds(start);
  await local.close();
  console.log(JSON.stringify({ docs: result.docs_written, seconds: took, load_seconds: load }));
}

async function pull(remote, localDir, batch) {
  const local = new PouchDB(localDir);
  const start = process.hrtime();
  const result = await local.replicate.from(remote, { batch_size: batch });
  const took = seconds(start);
  await local.close();
  console.log(JSON.stringify({ docs: result.docs_written, seconds: took, load_seconds: 0 }));
}

const [mode, ...args] = process.argv.slice(2);
const run = { server, push, pull }[mode];
if (!run) {
  console.error('usage: pouch_peer.js server|push|pull ...');
  process.exit(2);
}
run(...args).catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
