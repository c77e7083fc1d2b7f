// The sync worker in real Chromium against the real server: the IndexedDB migration keeps what the
// PWA stored, trees come back from IndexedDB after a reload, another user's commits are pulled,
// calls can be aborted, and file bytes go up in chunks and come back whole.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { call, signUp } from '../support/test-server.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp({ serve: 'sync-harness' });

const password = 'correct horse battery';

async function commit(token: string, ns: string, ops: unknown[]) {
  const res = await call(app.url, 'POST', `/api/ns/${ns}/ops`, { token, body: { ops } });
  expect(res.status).toBe(200);
  expect(res.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
  return res.body.results.map((r: { node: { id: number } }) => r.node.id) as number[];
}

/** Runs `script` in the page (this file has no DOM types: page code is a string). */
function inPage<T>(page: Page, script: string): Promise<T> {
  return page.evaluate(script) as Promise<T>;
}

/** The PWA's database as version 1 left it: the four stores, and an account in one of them. */
const version1Database = `new Promise((resolve, reject) => {
  const open = indexedDB.open('cubby', 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('account');
    db.createObjectStore('client');
    db.createObjectStore('inbox', { keyPath: 'id' }).createIndex('by-read', 'read');
    db.createObjectStore('follows', { keyPath: 'key' });
  };
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction('account', 'readwrite');
    tx.objectStore('account').put({ userId: 'u_x', username: 'alice' }, 'current');
    tx.oncomplete = () => { db.close(); resolve(undefined); };
    tx.onerror = () => reject(tx.error);
  };
  open.onerror = () => reject(open.error);
})`;

const databaseState = `new Promise((resolve, reject) => {
  const open = indexedDB.open('cubby');
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['account', 'trees', 'treeChunks']);
    const account = tx.objectStore('account').get('current');
    const trees = tx.objectStore('trees').getAll();
    const chunks = tx.objectStore('treeChunks').count();
    tx.oncomplete = () => {
      resolve({ version: db.version, account: account.result, trees: trees.result, chunks: chunks.result });
      db.close();
    };
  };
  open.onerror = () => reject(open.error);
})`;

interface TreeSummary {
  namespaceId: string;
  role: string;
  nodes: number;
  cursor: number;
  generation: number;
  segments: number;
  logBytes: number;
  rootDiffValue: string;
}

interface DatabaseState {
  version: number;
  account: { username: string } | undefined;
  trees: { name: string; cursor: number; chunks: number }[];
  chunks: number;
}

describe('the sync worker in Chromium', () => {
  it('loads its trees back from IndexedDB after a reload and pulls what another user commits', async () => {
    const alice = await signUp(app.url, 'alice', password);
    const bob = await signUp(app.url, 'bob', password);
    const team = (
      await call(app.url, 'POST', '/api/namespaces', {
        token: alice.token,
        body: { name: 'Team' },
      })
    ).body as NamespaceInfo;
    const invite = await call(app.url, 'POST', `/api/ns/${team.id}/members`, {
      token: alice.token,
      body: { username: 'bob', role: 'editor' },
    });
    await call(app.url, 'POST', `/api/invites/${invite.body.id}/accept`, { token: bob.token });
    const [photos] = await commit(bob.token, team.id, [
      { op: 'add', parentId: team.rootId, name: 'photos', kind: 'dir' },
    ]);
    await commit(bob.token, team.id, [
      { op: 'add', parentId: photos, name: 'beach.jpg', kind: 'file' },
    ]);

    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/sync-harness.html`);
    await inPage(page, version1Database);
    const signedIn = await inPage<number>(
      page,
      `fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: ${JSON.stringify(password)} }) }).then((r) => r.status)`,
    );
    expect(signedIn).toBe(200);

    const first = await inPage<{ trees: unknown[] }>(page, 'cubbySync.start()');
    expect(first.trees).toEqual([]);
    const synced = await inPage<{ namespaceId: string; via: string }[]>(
      page,
      'cubbySync.syncAll()',
    );
    expect(synced.map((r) => r.via)).toEqual(['snapshot', 'snapshot']);
    const listTeam = (folderId?: number) =>
      inPage<{ name: string }[]>(
        page,
        `cubbySync.listFolder(${JSON.stringify({ namespaceId: team.id, role: 'remote', folderId })})`,
      ).then((entries) => entries.map((e) => e.name).sort());
    expect(await listTeam()).toEqual(['photos']);

    // Version 3 kept what version 1 stored, and holds the trees as a few chunks each.
    const stored = await inPage<DatabaseState>(page, databaseState);
    expect(stored.version).toBe(3);
    expect(stored.account?.username).toBe('alice');
    expect(stored.trees).toHaveLength(6); // remote, local and sync of two namespaces
    expect(stored.chunks).toBe(12); // a header and one node chunk each

    // A reload: a new worker restores the trees from IndexedDB, without the network.
    await page.reload();
    await context.setOffline(true);
    const restarted = await inPage<{
      trees: { namespaceId: string; role: string; nodes: number; cursor: number }[];
      dropped: string[];
    }>(page, 'cubbySync.start({ compactAtLogBytes: 1 })'); // every save compacts: see below
    expect(restarted.dropped).toEqual([]);
    expect(
      restarted.trees.find((t) => t.namespaceId === team.id && t.role === 'remote'),
    ).toMatchObject({
      nodes: 3,
      cursor: 2,
    });
    expect(await listTeam(photos)).toEqual(['beach.jpg']);
    await context.setOffline(false);

    // Bob commits; Alice's worker pulls the journal after its cursor.
    await commit(bob.token, team.id, [
      { op: 'add', parentId: team.rootId, name: 'notes.txt', kind: 'file' },
      { op: 'move', id: photos, rev: 1, name: 'pictures' },
    ]);
    const pulled = await inPage<{ via: string; applied: number; cursor: number; digest: string }>(
      page,
      `cubbySync.pull(${JSON.stringify(team.id)})`,
    );
    expect(pulled).toMatchObject({ via: 'journal', applied: 2, cursor: 4 });
    expect(await listTeam()).toEqual(['notes.txt', 'pictures']);

    // The pull's segment passed the (tiny) threshold: the tree was compacted in the background
    // into a new generation, and the old one's buffers are gone.
    const teamRemote = async () =>
      (await inPage<TreeSummary[]>(page, 'cubbySync.trees()')).find(
        (t) => t.namespaceId === team.id && t.role === 'remote',
      )!;
    await expect.poll(async () => (await teamRemote()).generation).toBe(2);
    expect(await teamRemote()).toMatchObject({ segments: 0, logBytes: 0, nodes: 4, cursor: 4 });
    const compacted = await inPage<DatabaseState>(page, databaseState);
    expect(compacted.chunks).toBe(12);
    await page.reload();
    const reloaded = await inPage<{ trees: TreeSummary[] }>(page, 'cubbySync.start()');
    expect(
      reloaded.trees.find((t) => t.namespaceId === team.id && t.role === 'remote'),
    ).toMatchObject({ generation: 2, nodes: 4, cursor: 4, rootDiffValue: pulled.digest });

    // An aborted call rejects with the caller's reason at once.
    expect(await inPage(page, `cubbySync.abortedPull(${JSON.stringify(team.id)})`)).toBe(
      'AbortError',
    );
    await context.close();
  });

  it('uploads a file in resumable chunks from the worker and downloads it back whole', async () => {
    await signUp(app.url, 'carol', password);
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/sync-harness.html`);
    await inPage(
      page,
      `fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'carol', password: ${JSON.stringify(password)} }) })`,
    );
    await inPage(
      page,
      'cubbySync.start({ transfer: { wholeUploadBytes: 65536, chunkBytes: 262144 } })',
    );
    const trip = await inPage<{
      up: { sha256: string; size: number; uploadId?: string };
      downloaded: string;
      size: number;
    }>(page, 'cubbySync.roundTrip(1000000)');
    expect(trip.up.size).toBe(1_000_000);
    expect(trip.up.uploadId).toMatch(/^up/);
    expect(trip.downloaded).toBe(trip.up.sha256);
    await context.close();
  });
});
