import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from './database.ts';
import { SqliteAccountStore } from './sqlite-account-store.ts';
import { SqliteNotificationStore } from './sqlite-notification-store.ts';

let dir: string;
let db: SqliteDatabase;
let store: SqliteNotificationStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cubby-store-'));
  db = openDatabase(join(dir, 'cubby.sqlite'));
  store = new SqliteNotificationStore(db);
  await new SqliteAccountStore(db).createUser({
    id: 'u1',
    username: 'u1',
    passwordHash: 'x',
    now: 0,
  });
  await store.defineKey({ key: 'folder:a', description: '', ownerId: 'u1', push: 'none', now: 0 });
  await store.defineKey({ key: 'folder:b', description: '', ownerId: 'u1', push: 'none', now: 0 });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const append = (key: string, at = Date.now()) =>
  store.append({ key, at, build: (id) => JSON.stringify({ id, key }) }).then((r) => {
    if (r.kind !== 'appended') throw new Error(r.kind);
    return r.notification.id;
  });

describe('SqliteNotificationStore', () => {
  it('writes one row per notification however many clients are registered', async () => {
    const insert = db.prepare(
      `INSERT INTO clients (id, user_id, name, created_at, last_seen_at) VALUES (?, 'u1', '', 0, 0)`,
    );
    const register = db.prepare(
      `INSERT INTO registrations (client_id, key, from_id) VALUES (?, 'folder:a', 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        insert.run(`c${i}`);
        register.run(`c${i}`);
      }
    })();
    const before = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    await append('folder:a');
    const after = db.prepare('SELECT total_changes() AS n').get() as { n: number };
    expect(after.n - before.n).toBe(1);
  });

  it('derives what a client missed from its registrations and cursor', async () => {
    const a1 = await append('folder:a');
    await store.createClient({ id: 'c1', userId: 'u1', name: '', keys: ['folder:a'], now: 0 });
    const a2 = await append('folder:a');
    const b1 = await append('folder:b');
    await store.updateClientKeys('c1', { add: ['folder:b'] });
    const b2 = await append('folder:b');
    await store.updateClientKeys('c1', { remove: ['folder:a'] });
    const a3 = await append('folder:a');
    const ids = (await store.missedSince('c1', 0, 100)).map((n) => n.id);
    expect(ids).toEqual([a2, b2]);
    expect(ids).not.toContain(a1);
    expect(ids).not.toContain(b1);
    expect(ids).not.toContain(a3);
    expect((await store.missedSince('c1', a2, 100)).map((n) => n.id)).toEqual([b2]);
    expect(await store.countMissed('c1', 0, b2)).toBe(2);
    expect((await store.getKey('folder:a'))?.activeRegistrations).toBe(0);
    expect((await store.getKey('folder:b'))?.activeRegistrations).toBe(1);
  });

  it('purges by TTL and by cap, and reports what a client lost to it', async () => {
    await store.createClient({ id: 'c1', userId: 'u1', name: '', keys: ['folder:a'], now: 0 });
    const old = await append('folder:a', 1000);
    const newer = await append('folder:a', 5000);
    expect(await store.purgeNotifications(2000, 1_000_000)).toBe(1);
    expect((await store.missedSince('c1', 0, 10)).map((n) => n.id)).toEqual([newer]);
    expect(await store.purgedSince('c1', 0)).toBe(true);
    expect(await store.purgedSince('c1', old)).toBe(false);

    const third = await append('folder:a', 6000);
    expect(await store.purgeNotifications(0, 1)).toBe(1); // the cap keeps only the newest
    expect((await store.missedSince('c1', 0, 10)).map((n) => n.id)).toEqual([third]);
    expect(await store.purgedSince('c1', old)).toBe(true);
    // Ids are never reused after a purge.
    expect(await append('folder:a')).toBe(third + 1);
  });

  it('removes clients not seen since the cutoff, with their registrations', async () => {
    await store.createClient({ id: 'old', userId: 'u1', name: '', keys: ['folder:a'], now: 1000 });
    await store.createClient({ id: 'new', userId: 'u1', name: '', keys: ['folder:a'], now: 9000 });
    expect(await store.removeStaleClients(5000)).toBe(1);
    expect(await store.getClient('old')).toBeNull();
    expect(await store.getClient('new')).not.toBeNull();
    expect((await store.getKey('folder:a'))?.activeRegistrations).toBe(1);
  });

  it('answers a repeated idempotency key with the first answer, and a different body with a conflict', async () => {
    const claim = {
      userId: 'u1',
      idemKey: 'k',
      requestHash: 'h1',
      answer: (id: number) => `{"id":${id}}`,
      now: 0,
    };
    const build = (id: number) => JSON.stringify({ id });
    const first = await store.append({ key: 'folder:a', at: 0, build }, claim);
    expect(first.kind).toBe('appended');
    expect(await store.append({ key: 'folder:a', at: 0, build }, claim)).toEqual({
      kind: 'replayed',
      answer: '{"id":1}',
    });
    expect(
      await store.append({ key: 'folder:a', at: 0, build }, { ...claim, requestHash: 'h2' }),
    ).toEqual({ kind: 'conflict' });
    expect(await store.head()).toBe(1);
    expect(await store.expireIdempotency(1)).toBe(1);
  });

  it('flags every count as uncertain after a run that did not stop cleanly', async () => {
    await store.createClient({ id: 'c1', userId: 'u1', name: '', keys: [], now: 0 });
    expect(await store.beginRun()).toBe(false);
    expect(await store.beginRun()).toBe(true); // no endRun in between: the process died
    expect((await store.getClient('c1'))?.countsUncertain).toBe(true);
    await store.endRun();
    expect(await store.beginRun()).toBe(false);
  });
});
