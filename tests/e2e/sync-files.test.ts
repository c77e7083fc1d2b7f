// The sync worker's file sync in real Chromium against the real server, below the UI: files kept in
// the browser's own storage (OPFS), two devices of one user and a second user sharing a folder
// converge; clashing offline edits end with a conflicted copy and nothing lost.
import { describe, expect, it } from 'vitest';
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { call, signUp } from '../support/test-server.ts';
import { Device, password, rootOf } from './sync-harness-device.ts';
import { useBrowserApp } from './use-browser-app.ts';

const app = useBrowserApp({ serve: 'sync-harness' });

describe('file sync in Chromium', () => {
  it('keeps two devices of one user in step: add, edit, rename, move and delete', async () => {
    const alice = await signUp(app.url, 'alice', password);
    const ns = await rootOf(app, alice.token);
    const a = await Device.open(app, 'alice');
    const b = await Device.open(app, 'alice');
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
    const c = await Device.open(app, 'carol');
    const d = await Device.open(app, 'dave');
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
    const ns = await rootOf(app, erin.token);
    const a = await Device.open(app, 'erin');
    const b = await Device.open(app, 'erin');
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
});
