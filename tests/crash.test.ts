// kill -9 during a publishing run: after a restart, every notification the publisher got a 202 for
// reaches every registered client exactly once (after de-duplication), and retried publishes with the
// same Idempotency-Key are not stored twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SseClient } from './support/sse-client.ts';
import { call, signUp } from './support/test-server.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'cubby-crash-'));
let child: ChildProcess | undefined;
/** Resolves when the current child has exited; made at spawn so an early exit is never missed. */
let exited: Promise<void> = Promise.resolve();

function startChild(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/serve-for-test.ts'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      COUNTS_FLUSH_MS: '250',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  exited = new Promise((resolve) => child!.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child!.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('crash recovery', () => {
  it('loses no accepted notification and duplicates none across kill -9', async () => {
    let url = await startChild();
    const { token } = await signUp(url, 'publisher');
    await call(url, 'POST', '/api/keys', { token, body: { key: 'folder:crash' } });
    const offline: string[] = [];
    for (let i = 0; i < 4; i++) {
      offline.push(
        (await call(url, 'POST', '/api/clients', { token, body: { keys: ['folder:crash'] } })).body
          .clientId,
      );
    }
    const liveId = (
      await call(url, 'POST', '/api/clients', { token, body: { keys: ['folder:crash'] } })
    ).body.clientId as string;
    const stream = await SseClient.open(`${url}/api/clients/${liveId}/events?after=0`, {
      authorization: `Bearer ${token}`,
    });

    const accepted = new Set<number>();
    const unanswered: string[] = [];
    let seq = 0;
    let killed = false;
    const publisher = async () => {
      while (!killed) {
        const idem = `evt-${++seq}`;
        try {
          const res = await call(url, 'POST', '/api/events', {
            token,
            body: { key: 'folder:crash', command: 'EDIT', change: { seq } },
            headers: { 'idempotency-key': idem },
          });
          if (res.status === 202) accepted.add(res.body.id);
          else unanswered.push(idem);
        } catch {
          unanswered.push(idem); // the connection died with the server: no answer, so retry later
        }
      }
    };
    const publishers = [publisher(), publisher(), publisher()];
    await new Promise((r) => setTimeout(r, 700));
    child!.kill('SIGKILL');
    killed = true;
    await Promise.all(publishers);
    await exited;
    expect(accepted.size).toBeGreaterThan(50);

    // What the live client processed before the crash.
    const live = { seen: new Set<number>(), count: 0, lastId: 0 };
    for (const n of stream.notifications()) {
      if (!live.seen.has(n.id)) {
        live.seen.add(n.id);
        live.count++;
        live.lastId = Math.max(live.lastId, n.id);
      }
    }
    stream.close();

    url = await startChild();
    // The publisher retries what got no answer, with the same keys; already-stored ones are not stored twice.
    for (const idem of unanswered) {
      const n = Number(idem.slice(4));
      const res = await call(url, 'POST', '/api/events', {
        token,
        body: { key: 'folder:crash', command: 'EDIT', change: { seq: n } },
        headers: { 'idempotency-key': idem },
      });
      expect(res.status).toBe(202);
      accepted.add(res.body.id);
    }

    const seqs = new Map<number, number>(); // notification id → the publisher's sequence number
    const collect = async (
      clientId: string,
      state: { seen: Set<number>; count: number; lastId: number },
    ) => {
      for (;;) {
        const res = await call(url, 'POST', `/api/clients/${clientId}/reconnect`, {
          token,
          body: { receivedCount: state.count, lastId: state.lastId },
        });
        expect(res.body.verdict).not.toBe('resync');
        for (const n of res.body.notifications as { id: number; change: { seq: number } }[]) {
          seqs.set(n.id, n.change.seq);
          if (state.seen.has(n.id)) continue;
          state.seen.add(n.id);
          state.count++;
          state.lastId = Math.max(state.lastId, n.id);
        }
        if (!res.body.more) return state;
      }
    };
    for (const id of [...offline, liveId]) {
      const state = id === liveId ? live : { seen: new Set<number>(), count: 0, lastId: 0 };
      await collect(id, state);
      expect([...state.seen].sort((a, b) => a - b)).toEqual([...accepted].sort((a, b) => a - b));
    }
    // Each publish is stored once: no two records carry the same publisher sequence number.
    const offlineSeqs = [...seqs].filter(([id]) => accepted.has(id)).map(([, seq]) => seq);
    expect(new Set(offlineSeqs).size).toBe(accepted.size);
  }, 60_000);
});
