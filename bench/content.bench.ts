// Content service benchmarks (issue 5): batched commit throughput, journal read, blob upload and
// download over HTTP — each beside a plain baseline measured in the same run.
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { BenchFigure } from './figure.ts';
import { startBenchServer } from './support/bench-server.ts';

const commitOps = 20_000;
const batch = 500;
const blobBytes = 64 * 1024 * 1024;

export default async function contentBench(): Promise<BenchFigure[]> {
  const bench = await startBenchServer();
  const { server, dir, token, user } = bench;
  try {
    const { content } = server.services;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const ns = await content.createShared(user, 'bench');

    // Commits: batches of folder adds over HTTP (each op its own transaction, journal row and notification).
    let t = performance.now();
    for (let b = 0; b < commitOps / batch; b++) {
      const ops = Array.from({ length: batch }, (_, i) => ({
        op: 'add',
        parentId: ns.rootId,
        name: `d${b}-${i}`,
        kind: 'dir',
      }));
      const res = await fetch(`${server.url}/api/ns/${ns.id}/ops`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ ops }),
      });
      const body = (await res.json()) as { results: { ok: boolean }[] };
      if (!body.results.every((r) => r.ok)) throw new Error('commit failed');
    }
    const commitRate = commitOps / ((performance.now() - t) / 1000);

    // Baseline: the same rows inserted into a bare table, one transaction per batch.
    const raw = new Database(join(dir, 'baseline.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec(
      'CREATE TABLE nodes (id INTEGER PRIMARY KEY, parent_id INTEGER, name TEXT, UNIQUE (parent_id, name))',
    );
    const insert = raw.prepare('INSERT INTO nodes (parent_id, name) VALUES (1, ?)');
    t = performance.now();
    for (let b = 0; b < commitOps / batch; b++)
      raw.transaction(() => {
        for (let i = 0; i < batch; i++) insert.run(`d${b}-${i}`);
      })();
    const rawInsertRate = commitOps / ((performance.now() - t) / 1000);

    // Journal read over HTTP, pages of 10,000.
    t = performance.now();
    let cursor = 0;
    let read = 0;
    for (let more = true; more;) {
      const res = await fetch(
        `${server.url}/api/ns/${ns.id}/changes?cursor=${cursor}&limit=10000`,
        { headers: auth },
      );
      const page = (await res.json()) as { changes: unknown[]; cursor: number; more: boolean };
      read += page.changes.length;
      ({ cursor, more } = page);
    }
    const journalRate = read / ((performance.now() - t) / 1000);
    const rows = raw.prepare('SELECT id, parent_id, name FROM nodes ORDER BY id');
    t = performance.now();
    JSON.stringify(rows.all());
    const rawReadRate = commitOps / ((performance.now() - t) / 1000);
    raw.close();

    // Blobs: 64 MB up and down over HTTP, beside a plain file copy of the same bytes.
    const bytes = randomBytes(blobBytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    t = performance.now();
    const put = await fetch(`${server.url}/api/blobs/${sha}`, {
      method: 'PUT',
      headers: { authorization: auth.authorization },
      body: bytes,
    });
    if (put.status !== 201) throw new Error(`upload failed: ${put.status}`);
    const upMBs = blobBytes / 1048576 / ((performance.now() - t) / 1000);
    t = performance.now();
    const got = await fetch(`${server.url}/api/blobs/${sha}`, {
      headers: { authorization: auth.authorization },
    });
    const back = Buffer.from(await got.arrayBuffer());
    const downMBs = blobBytes / 1048576 / ((performance.now() - t) / 1000);
    if (!back.equals(bytes)) throw new Error('download differs');
    const source = join(dir, 'copy-source');
    writeFileSync(source, bytes);
    t = performance.now();
    copyFileSync(source, join(dir, 'copy-target'));
    const copyMBs = blobBytes / 1048576 / ((performance.now() - t) / 1000);

    return [
      {
        name: `commit throughput over HTTP, batches of ${batch} adds (journal, tree digest and a notification per op)`,
        value: commitRate,
        unit: 'ops/s',
        target: 'measured (no target set)',
        met: commitRate > 0,
        baseline: {
          name: 'bare SQLite inserts, a transaction per batch',
          value: rawInsertRate,
          unit: 'rows/s',
        },
      },
      {
        name: 'journal read over HTTP, pages of 10,000',
        value: journalRate,
        unit: 'changes/s',
        target: 'measured (no target set)',
        met: journalRate > 0,
        baseline: {
          name: 'bare SQLite read and JSON of the same rows',
          value: rawReadRate,
          unit: 'rows/s',
        },
      },
      {
        name: '64 MB blob upload over HTTP (hashed and verified while streamed)',
        value: upMBs,
        unit: 'MB/s',
        target: 'measured (no target set)',
        met: upMBs > 0,
        baseline: { name: 'plain file copy of the same bytes', value: copyMBs, unit: 'MB/s' },
      },
      {
        name: '64 MB blob download over HTTP',
        value: downMBs,
        unit: 'MB/s',
        target: 'measured (no target set)',
        met: downMBs > 0,
        baseline: { name: 'plain file copy of the same bytes', value: copyMBs, unit: 'MB/s' },
      },
    ];
  } finally {
    await bench.stop();
  }
}
