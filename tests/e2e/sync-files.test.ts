// The sync worker's file sync in real Chromium against the real server, below the UI: files kept in
// the browser's own storage (OPFS), two devices of one user and a second user sharing a folder
// converge; clashing offline edits end with a conflicted copy and nothing lost; an upload cut by a
// reload resumes; wiped storage is rebuilt from the server keeping local-only files.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { call, signUp } from '../support/test-server.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp({ serve: 'sync-harness' });

const password = 'correct horse battery';

interface Entry {
  id: number;
  name: string;
  kind: 'file' | 'folder';
  size: number;
  state: string;
}

interface Status {
  phase: string;
  done: number;
  total: number;
  waiting: number;
  conflicts: { id: number; name: string; path: string }[];
  message: string | null;
}

/** One browser profile (a device) signed in as `username`, with the sync worker started. */
class Device {
  private constructor(
    readonly context: BrowserContext,
    public page: Page,
  ) {}

  /** `query` `?shared` gives the page the app's shared worker; tests default to a dedicated one. */
  static async open(username: string, startOptions: object = {}, query = ''): Promise<Device> {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const device = new Device(context, page);
    await page.goto(`${app.url}/sync-harness.html${query}`);
    const status = await device.run<number>(
      `fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: ${JSON.stringify(username)}, password: ${JSON.stringify(password)} }) }).then((r) => r.status)`,
    );
    expect(status).toBe(200);
    await device.start(startOptions);
    return device;
  }

  async start(options: object = {}): Promise<void> {
    await this.run(`cubbySync.start(${JSON.stringify(options)})`);
    await this.run('cubbySync.syncAll()');
  }

  run<T>(script: string): Promise<T> {
    return this.page.evaluate(script) as Promise<T>;
  }

  call<T>(method: string, request: object = {}): Promise<T> {
    return this.run<T>(`cubbySync.call(${JSON.stringify(method)}, ${JSON.stringify(request)})`);
  }

  list(namespaceId: string, folderId?: number): Promise<Entry[]> {
    return this.call<Entry[]>('listFolder', { namespaceId, folderId });
  }

  async names(namespaceId: string, folderId?: number): Promise<string[]> {
    return (await this.list(namespaceId, folderId)).map((e) => `${e.name}:${e.state}`).sort();
  }

  status(): Promise<Status> {
    return this.call<Status>('status');
  }

  /** Adds text files: `files` maps a path under `parentId` to its text. */
  addText(namespaceId: string, parentId: number, files: Record<string, string>) {
    const list = JSON.stringify(Object.entries(files));
    return this.run<{ added: number; replaced: number }>(
      `cubbySync.call('addFiles', { namespaceId: ${JSON.stringify(namespaceId)}, parentId: ${parentId},
        files: ${list}.map(([path, text]) => ({ path, file: new Blob([text]) })) })`,
    );
  }

  readText(namespaceId: string, id: number): Promise<string> {
    return this.run<string>(
      `cubbySync.call('readFile', { namespaceId: ${JSON.stringify(namespaceId)}, id: ${id} }).then((b) => b.text())`,
    );
  }

  /** Waits until the worker has nothing left to do and its listing holds no pending entries. */
  async settled(): Promise<void> {
    await expect
      .poll(async () => (await this.status()).phase, { timeout: 20_000, interval: 100 })
      .toBe('up-to-date');
  }

  /** As a `folder:<ns>` notification makes the app do: pull, then wait for the sync to settle. */
  async pullAndSettle(namespaceId: string): Promise<void> {
    await this.run(`cubbySync.pull(${JSON.stringify(namespaceId)})`);
    await this.settled();
  }

  async byName(namespaceId: string, name: string, folderId?: number): Promise<Entry> {
    const entry = (await this.list(namespaceId, folderId)).find((e) => e.name === name);
    expect(entry, `${name} in ${folderId ?? 'root'}`).toBeDefined();
    return entry!;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

async function rootOf(token: string): Promise<NamespaceInfo> {
  const res = await call(app.url, 'GET', '/api/namespaces', { token });
  return (res.body.namespaces as NamespaceInfo[]).find((n) => n.kind === 'root')!;
}

describe('file sync in Chromium', () => {
  it('keeps two devices of one user in step: add, edit, rename, move and delete', async () => {
    const alice = await signUp(app.url, 'alice', password);
    const ns = await rootOf(alice.token);
    const a = await Device.open('alice');
    const b = await Device.open('alice');
    try {
      await a.call('createFolder', { namespaceId: ns.id, parentId: ns.rootId, name: 'docs' });
      const docs = await a.byName(ns.id, 'docs');
      await a.addText(ns.id, docs.id, { 'a.txt': 'hello', 'deep/b.txt': 'bee' });
      await a.settled();
      expect(await a.names(ns.id)).toEqual(['docs:synced']);

      await b.pullAndSettle(ns.id);
      const docsOnB = await b.byName(ns.id, 'docs');
      expect(await b.names(ns.id, docsOnB.id)).toEqual(['a.txt:synced', 'deep:synced']);
      const aOnB = await b.byName(ns.id, 'a.txt', docsOnB.id);
      expect(await b.readText(ns.id, aOnB.id)).toBe('hello');

      // B edits, renames and moves; A follows.
      await b.addText(ns.id, docsOnB.id, { 'a.txt': 'hello again' });
      await b.call('rename', { namespaceId: ns.id, id: docsOnB.id, name: 'papers' });
      const deep = await b.byName(ns.id, 'deep', docsOnB.id);
      await b.call('move', { namespaceId: ns.id, id: deep.id, parentId: ns.rootId });
      await b.settled();
      await a.pullAndSettle(ns.id);
      expect(await a.names(ns.id)).toEqual(['deep:synced', 'papers:synced']);
      const papers = await a.byName(ns.id, 'papers');
      const aOnA = await a.byName(ns.id, 'a.txt', papers.id);
      expect(await a.readText(ns.id, aOnA.id)).toBe('hello again');
      const deepOnA = await a.byName(ns.id, 'deep');
      expect(await a.names(ns.id, deepOnA.id)).toEqual(['b.txt:synced']);

      // A deletes a file and a folder with what is in it; B follows.
      await a.call('remove', { namespaceId: ns.id, id: aOnA.id });
      await a.call('remove', { namespaceId: ns.id, id: deepOnA.id });
      await a.settled();
      await b.pullAndSettle(ns.id);
      expect(await b.names(ns.id)).toEqual(['papers:synced']);
      expect(await b.names(ns.id, docsOnB.id)).toEqual([]);
      // The server holds the same: one folder, empty.
      const snapshot = await call(app.url, 'GET', `/api/ns/${ns.id}/snapshot`, {
        token: alice.token,
      });
      expect(snapshot.body.nodes.map((n: { name: string }) => n.name).sort()).toEqual([
        '',
        'papers',
      ]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('syncs a shared folder between two users', async () => {
    const owner = await signUp(app.url, 'carol', password);
    const guest = await signUp(app.url, 'dave', password);
    const team = (
      await call(app.url, 'POST', '/api/namespaces', {
        token: owner.token,
        body: { name: 'Team' },
      })
    ).body as NamespaceInfo;
    const invite = await call(app.url, 'POST', `/api/ns/${team.id}/members`, {
      token: owner.token,
      body: { username: 'dave', role: 'editor' },
    });
    await call(app.url, 'POST', `/api/invites/${invite.body.id}/accept`, { token: guest.token });
    const c = await Device.open('carol');
    const d = await Device.open('dave');
    try {
      const shared = await d.call<{ id: string; name: string; role: string }[]>('namespaces');
      expect(shared.map((n) => `${n.name}:${n.role}`)).toContain('Team:editor');
      await c.addText(team.id, team.rootId, { 'plan.md': '# Plan', 'specs/one.md': 'one' });
      await c.settled();
      await d.pullAndSettle(team.id);
      expect(await d.names(team.id)).toEqual(['plan.md:synced', 'specs:synced']);
      const plan = await d.byName(team.id, 'plan.md');
      expect(await d.readText(team.id, plan.id)).toBe('# Plan');

      await d.addText(team.id, team.rootId, { 'plan.md': '# Plan, by Dave' });
      const specs = await d.byName(team.id, 'specs');
      await d.call('rename', { namespaceId: team.id, id: specs.id, name: 'Specs 2026' });
      await d.settled();
      await c.pullAndSettle(team.id);
      expect(await c.names(team.id)).toEqual(['Specs 2026:synced', 'plan.md:synced']);
      expect(await c.readText(team.id, (await c.byName(team.id, 'plan.md')).id)).toBe(
        '# Plan, by Dave',
      );
    } finally {
      await c.close();
      await d.close();
    }
  });

  it('converges after clashing offline edits, keeping a conflicted copy and losing nothing', async () => {
    const erin = await signUp(app.url, 'erin', password);
    const ns = await rootOf(erin.token);
    const a = await Device.open('erin');
    const b = await Device.open('erin');
    try {
      await a.addText(ns.id, ns.rootId, { 'notes.txt': 'first', 'todo.txt': 'milk' });
      await a.settled();
      await b.pullAndSettle(ns.id);
      expect(await b.names(ns.id)).toEqual(['notes.txt:synced', 'todo.txt:synced']);

      await a.context.setOffline(true);
      await b.context.setOffline(true);
      await a.addText(ns.id, ns.rootId, { 'notes.txt': 'from A', 'only-a.txt': 'a' });
      await b.addText(ns.id, ns.rootId, { 'notes.txt': 'from B', 'only-b.txt': 'b' });
      const todoOnB = await b.byName(ns.id, 'todo.txt');
      await b.call('rename', { namespaceId: ns.id, id: todoOnB.id, name: 'shopping.txt' });
      await expect.poll(async () => (await a.status()).phase, { timeout: 15_000 }).toBe('offline');
      await expect.poll(async () => (await b.status()).waiting, { timeout: 15_000 }).toBe(3);
      expect(await a.names(ns.id)).toContain('only-a.txt:upload');

      // A comes back first and wins notes.txt; B comes back and keeps its version as a copy.
      await a.context.setOffline(false);
      await a.run('cubbySync.syncAll()');
      await a.settled();
      await b.context.setOffline(false);
      await b.run('cubbySync.syncAll()');
      await b.settled();
      await a.pullAndSettle(ns.id);
      await b.pullAndSettle(ns.id);

      const copy = /^notes \(conflicted copy \d{4}-\d{2}-\d{2}\)\.txt$/;
      for (const device of [a, b]) {
        const names = (await device.list(ns.id)).map((e) => e.name).sort();
        expect(names).toHaveLength(5);
        expect(names.filter((n) => copy.test(n))).toHaveLength(1);
        expect(names.filter((n) => !copy.test(n))).toEqual([
          'notes.txt',
          'only-a.txt',
          'only-b.txt',
          'shopping.txt',
        ]);
        const byName = new Map((await device.list(ns.id)).map((e) => [e.name, e.id]));
        const text = async (name: string) => device.readText(ns.id, byName.get(name)!);
        expect(await text('notes.txt')).toBe('from A');
        expect(await text(names.find((n) => copy.test(n))!)).toBe('from B');
        expect(await text('shopping.txt')).toBe('milk');
      }
      // The device that made the copy lists it as a conflict to look at, until dismissed.
      const conflicts = (await b.status()).conflicts;
      expect(conflicts.map((c) => c.name)).toEqual([expect.stringMatching(copy)]);
      await b.call('dismissConflict', { namespaceId: ns.id, id: conflicts[0]!.id });
      expect((await b.status()).conflicts).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('resumes an upload cut by a reload from where the server is', async () => {
    const frank = await signUp(app.url, 'frank', password);
    const ns = await rootOf(frank.token);
    const transfer = { transfer: { wholeUploadBytes: 64 * 1024, chunkBytes: 64 * 1024 } };
    const a = await Device.open('frank', transfer);
    try {
      // Chunks go slowly (the worker's requests pass through the test), so the reload lands midway.
      let chunks = 0;
      await a.context.route('**/api/uploads/*?offset=*', async (route) => {
        chunks++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        await route.continue().catch(() => undefined);
      });
      const size = 2 * 1024 * 1024;
      await a.run(`(() => {
        const data = new Uint8Array(${size});
        for (let i = 0; i < data.length; i++) data[i] = (i * 31 + 7) & 0xff;
        return cubbySync.call('addFiles', { namespaceId: ${JSON.stringify(ns.id)}, parentId: ${ns.rootId},
          files: [{ path: 'big.bin', file: new Blob([data]) }] });
      })()`);
      const uploadId = async () =>
        Object.values(
          (
            await a.run<{ uploads: Record<string, string> } | undefined>(`new Promise((resolve) => {
              const open = indexedDB.open('cubby');
              open.onsuccess = () => {
                const get = open.result.transaction('namespaceState').objectStore('namespaceState').get(${JSON.stringify(ns.id)});
                get.onsuccess = () => { resolve(get.result); open.result.close(); };
              };
            })`)
          )?.uploads ?? {},
        )[0];
      await expect.poll(uploadId, { timeout: 10_000, interval: 20 }).toBeDefined();
      const id = (await uploadId())!;
      await expect.poll(() => chunks, { timeout: 10_000 }).toBeGreaterThan(3);
      const first = await a.run<{ startedAt: number }>('cubbySync.start()');
      await a.page.reload();
      const cut = await call(app.url, 'GET', `/api/uploads/${id}`, { token: frank.token });
      expect(cut.status).toBe(200);
      expect(cut.body.offset).toBeGreaterThan(0);
      expect(cut.body.offset).toBeLessThan(size);
      const chunksBefore = chunks;

      await a.context.unroute('**/api/uploads/*?offset=*');
      let resumedChunks = 0;
      await a.context.route('**/api/uploads/*?offset=*', async (route) => {
        resumedChunks++;
        await route.continue();
      });
      await a.start(transfer);
      // A new worker (the reload ended the old one with its upload).
      expect((await a.run<{ startedAt: number }>('cubbySync.start()')).startedAt).toBeGreaterThan(
        first.startedAt,
      );
      await a.settled();
      // The same upload was finished (it is gone from the server's open uploads), sending only
      // what the server did not have.
      expect(
        (await call(app.url, 'GET', `/api/uploads/${id}`, { token: frank.token })).status,
      ).toBe(404);
      expect(resumedChunks).toBeLessThanOrEqual(
        size / (64 * 1024) - cut.body.offset / (64 * 1024) + 1,
      );
      expect(chunksBefore).toBeGreaterThan(0);
      const big = await a.byName(ns.id, 'big.bin');
      expect(big).toMatchObject({ size, state: 'synced' });
      const snapshot = await call(app.url, 'GET', `/api/ns/${ns.id}/snapshot`, {
        token: frank.token,
      });
      expect(snapshot.body.nodes.find((n: { name: string }) => n.name === 'big.bin')?.size).toBe(
        size,
      );
    } finally {
      await a.close();
    }
  });

  it('rebuilds from the server after storage is wiped, keeping local-only files still there', async () => {
    const gina = await signUp(app.url, 'gina', password);
    const ns = await rootOf(gina.token);
    const a = await Device.open('gina');
    let snapshots = 0;
    await a.context.route('**/api/ns/*/snapshot*', async (route) => {
      snapshots++;
      await route.continue();
    });
    const wipe = async (storageTypes: string) => {
      await a.page.goto('about:blank');
      const cdp = await a.context.newCDPSession(a.page);
      await cdp.send('Storage.clearDataForOrigin', { origin: app.url, storageTypes });
      await cdp.detach();
      // The harness page is not cached offline: back online before loading it (no worker runs).
      await a.context.setOffline(false);
      await a.page.goto(`${app.url}/sync-harness.html`);
    };
    try {
      await a.addText(ns.id, ns.rootId, { 'keep/a.txt': 'alpha', 'b.txt': 'beta' });
      await a.settled();

      // Everything wiped (IndexedDB, the browser's files, the cookie): sign in, all comes back.
      await wipe('all');
      await a.run(
        `fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'gina', password: ${JSON.stringify(password)} }) })`,
      );
      await a.start();
      await a.settled();
      expect(await a.names(ns.id)).toEqual(['b.txt:synced', 'keep:synced']);
      const keep = await a.byName(ns.id, 'keep');
      expect(await a.readText(ns.id, (await a.byName(ns.id, 'a.txt', keep.id)).id)).toBe('alpha');

      // A file made offline, then IndexedDB lost while the files stay: scanned in, uploaded,
      // the rest taken as it is (no copies, nothing downloaded twice).
      await a.context.setOffline(true);
      await a.addText(ns.id, ns.rootId, { 'offline.txt': 'made offline' });
      await wipe('indexeddb');
      const before = snapshots;
      await a.start();
      await a.settled();
      expect(await a.names(ns.id)).toEqual(['b.txt:synced', 'keep:synced', 'offline.txt:synced']);
      const server_ = await call(app.url, 'GET', `/api/ns/${ns.id}/snapshot`, {
        token: gina.token,
      });
      expect(server_.body.nodes.map((n: { name: string }) => n.name).sort()).toEqual([
        '',
        'a.txt',
        'b.txt',
        'keep',
        'offline.txt',
      ]);
      // One snapshot to rebuild, and no more once it has settled: no refetch loop.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(snapshots - before).toBeLessThanOrEqual(2);
      expect((await a.status()).conflicts).toEqual([]);
    } finally {
      await a.close();
    }
  });

  it('syncs a linked folder: scans it in, takes equal files as they are, and picks up outside changes', async () => {
    const hank = await signUp(app.url, 'hank', password);
    const ns = await rootOf(hank.token);
    const a = await Device.open('hank');
    // A folder "on this computer": the test hands the worker a directory handle of its own (File
    // System Access pickers cannot be clicked headless; the worker gets the same kind of handle).
    const writeOutside = (files: Record<string, string | null>) =>
      a.run(`(async () => {
        const root = await navigator.storage.getDirectory();
        const dir = await root.getDirectoryHandle('computer-folder', { create: true });
        for (const [name, text] of Object.entries(${JSON.stringify(files)})) {
          if (text === null) { await dir.removeEntry(name); continue; }
          const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
          await w.write(text);
          await w.close();
        }
      })()`);
    const readOutside = () =>
      a.run<Record<string, string>>(`(async () => {
        const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('computer-folder');
        const out = {};
        for await (const [name, handle] of dir.entries()) {
          if (handle.kind === 'file') out[name] = await (await handle.getFile()).text();
        }
        return out;
      })()`);
    try {
      await a.addText(ns.id, ns.rootId, {
        'same.txt': 'same',
        'differs.txt': 'server',
        'server-only.txt': 's',
      });
      await a.settled();
      await writeOutside({
        'same.txt': 'same',
        'differs.txt': 'computer',
        'computer-only.txt': 'c',
      });
      const linked = await a.run<{ linkedFolder: string }>(`(async () => {
        const handle = await (await navigator.storage.getDirectory()).getDirectoryHandle('computer-folder');
        return cubbySync.call('linkFolder', { namespaceId: ${JSON.stringify(ns.id)}, handle });
      })()`);
      expect(linked.linkedFolder).toBe('computer-folder');
      await a.settled();
      const copy = /^differs \(conflicted copy \d{4}-\d{2}-\d{2}\)\.txt$/;
      const outside = await readOutside();
      expect(
        Object.keys(outside)
          .filter((n) => !copy.test(n))
          .sort(),
      ).toEqual(['computer-only.txt', 'differs.txt', 'same.txt', 'server-only.txt']);
      expect(outside['server-only.txt']).toBe('s');
      expect(Object.entries(outside).find(([n]) => copy.test(n))?.[1]).toBe('computer');
      const names = async () =>
        (
          (await call(app.url, 'GET', `/api/ns/${ns.id}/snapshot`, { token: hank.token })).body
            .nodes as { name: string }[]
        )
          .map((n) => n.name)
          .filter((n) => n !== '')
          .sort();
      expect(await names()).toEqual(Object.keys(outside).sort());

      // Changes made outside Cubby are found by a rescan (on focus and every minute in the app).
      await writeOutside({
        'computer-only.txt': null,
        'same.txt': 'changed outside',
        'new.txt': 'n',
      });
      const found = await a.call<{ changes: number; hashed: number }>('rescan', {});
      expect(found.changes).toBe(3);
      expect(found.hashed).toBe(2); // same.txt (its size changed) and new.txt; the rest by size and date
      await a.settled();
      expect(await names()).toEqual(
        [...Object.keys(outside).filter((n) => n !== 'computer-only.txt'), 'new.txt'].sort(),
      );
      const same = (
        (await call(app.url, 'GET', `/api/ns/${ns.id}/snapshot`, { token: hank.token })).body
          .nodes as { name: string; size: number }[]
      ).find((n) => n.name === 'same.txt');
      expect(same?.size).toBe('changed outside'.length);
      expect((await a.call<{ linkedFolder: string | null }[]>('namespaces'))[0]?.linkedFolder).toBe(
        'computer-folder',
      );
    } finally {
      await a.close();
    }
  });

  it('shares one worker between the tabs of a browser', async () => {
    await signUp(app.url, 'iris', password);
    const first = await Device.open('iris', {}, '?shared');
    const second = await first.context.newPage();
    try {
      await second.goto(`${app.url}/sync-harness.html?shared`);
      const started = (page: Page) =>
        page.evaluate('cubbySync.start().then((r) => r.startedAt)') as Promise<number>;
      expect(await started(second)).toBe(await started(first.page));
      const [ns] = await first.call<{ id: string; rootId: number }[]>('namespaces');
      await first.addText(ns!.id, ns!.rootId, { 'from-tab-one.txt': 'one' });
      // The other tab is told its listing changed, and lists the file from the same trees.
      await expect
        .poll(
          () =>
            second.evaluate(
              `cubbySync.events.some((e) => e.type === 'changed' && e.namespaceId === ${JSON.stringify(ns!.id)})`,
            ),
          { timeout: 10_000 },
        )
        .toBe(true);
      const listed = (await second.evaluate(
        `cubbySync.call('listFolder', { namespaceId: ${JSON.stringify(ns!.id)} })`,
      )) as Entry[];
      expect(listed.map((e) => e.name)).toEqual(['from-tab-one.txt']);
    } finally {
      await first.close();
    }
  });
});
