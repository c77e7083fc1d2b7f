// The sync worker in real Chromium against the real server, after faults and across tabs: an upload
// cut by a reload resumes; wiped storage is rebuilt from the server keeping local-only files; a
// linked folder is scanned in and watched; the tabs of a browser share one worker.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, signUp } from '../support/test-server.ts';
import { Device, password, rootOf, type Entry } from './sync-harness-device.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp({ serve: 'sync-harness' });

describe('file sync in Chromium, after faults and across tabs', () => {
  it('resumes an upload cut by a reload from where the server is', async () => {
    const frank = await signUp(app.url, 'frank', password);
    const ns = await rootOf(app, frank.token);
    const transfer = { transfer: { wholeUploadBytes: 64 * 1024, chunkBytes: 64 * 1024 } };
    const a = await Device.open(app, 'frank', transfer);
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
    const ns = await rootOf(app, gina.token);
    const a = await Device.open(app, 'gina');
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
    const ns = await rootOf(app, hank.token);
    const a = await Device.open(app, 'hank');
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
    const first = await Device.open(app, 'iris', {}, '?shared');
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
