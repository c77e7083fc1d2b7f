import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseHashKey, TreeStore } from '../../shared/tree/index.ts';
import { SqliteAccountStore } from '../store/sqlite-account-store.ts';
import { useTempDatabase } from '../store/temp-database.fixture.ts';
import { BlobCollector } from './blob-collector.ts';
import { BlobStore } from './blob-store.ts';
import { SqliteContentStore } from './sqlite-content-store.ts';

const temp = useTempDatabase('cubby-gc-');

describe('BlobCollector', () => {
  it('removes blobs no file uses once the grace period passed, and keeps the ones in use', async () => {
    const { db, dir, path } = temp;
    await new SqliteAccountStore(db).createUser({
      id: 'u1',
      username: 'u1',
      passwordHash: 'x',
      now: 0,
    });
    const store = new SqliteContentStore(db, path);
    const blobs = new BlobStore(dir);
    const put = async (text: string) => {
      const sha = createHash('sha256').update(text).digest('hex');
      await blobs.put(sha, Readable.from([Buffer.from(text)]), 1000);
      await store.addBlob(sha, text.length, 'u1', 1000);
      return sha;
    };
    const used = await put('in a file');
    const orphan = await put('nobody uses me');
    const ns = await store.createNamespace({
      id: 'n1',
      name: 'n',
      kind: 'root',
      ownerId: 'u1',
      diffKey: '0'.repeat(32),
      now: 0,
    });
    const tree = new TreeStore({ rootId: ns.rootId, key: parseHashKey(ns.diffKey) });
    const [added] = await store.commit(
      ns.id,
      [{ op: 'add', parentId: ns.rootId, name: 'f', kind: 'file', size: 9, hash: used }],
      { userId: 'u1', now: 0, tree, caseSensitive: false },
    );
    expect(added!.result.ok).toBe(true);

    let now = 1000 + 3600_000 - 1;
    const collector = new BlobCollector(store, blobs, 3600_000, () => now);
    expect(await collector.run()).toEqual({ blobs: 0, uploads: 0 }); // still in its grace period
    now += 2;
    expect(await collector.run()).toEqual({ blobs: 1, uploads: 0 });
    expect(existsSync(blobs.path(orphan))).toBe(false);
    expect(existsSync(blobs.path(used))).toBe(true);
    expect(await store.blobSize(orphan)).toBeNull();
  });
});
