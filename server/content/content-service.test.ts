// The content service over HTTP: namespaces, commits and the journal, snapshots.
import { describe, expect, it } from 'vitest';
import { nodeInputOf } from '../../shared/api/node-input-of.ts';
import { parseHashKey, TreeStore } from '../../shared/tree/index.ts';
import { call } from '../../tests/support/test-server.ts';
import {
  useContentWorld,
  server,
  owner,
  editor,
  viewer,
  shared,
  sha,
  upload,
  ops,
} from './content-world.fixture.ts';

useContentWorld();

describe('namespaces', () => {
  it('gives every user a root namespace and lists shared ones with the role', async () => {
    const list = await call(server.url, 'GET', '/api/namespaces', { token: editor.token });
    expect(list.status).toBe(200);
    const kinds = list.body.namespaces.map((n: { kind: string; role: string; name: string }) => [
      n.kind,
      n.role,
      n.name,
    ]);
    expect(kinds).toContainEqual(['root', 'owner', 'My files']);
    expect(kinds).toContainEqual(['shared', 'editor', 'Team']);
    expect(list.body.namespaces[0].diffKey).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('commits and the journal', () => {
  it('adds, edits, moves and deletes, journals each op, and keeps the digest of the tree', async () => {
    const docs = await ops(owner.token, shared.id, [
      { op: 'add', parentId: shared.rootId, name: 'docs', kind: 'dir' },
    ]);
    expect(docs.body.results[0]).toMatchObject({
      ok: true,
      node: { name: 'docs', kind: 'dir', rev: 1 },
    });
    const docsId = docs.body.results[0].node.id as number;
    const hash = await upload(editor.token, 'hello world');
    const file = await ops(editor.token, shared.id, [
      { op: 'add', parentId: docsId, name: 'a.txt', kind: 'file', size: 11, hash },
    ]);
    const fileNode = file.body.results[0].node;
    expect(fileNode).toMatchObject({ parentId: docsId, name: 'a.txt', size: 11, hash, rev: 1 });
    const hash2 = await upload(editor.token, 'hello again');
    const edited = await ops(editor.token, shared.id, [
      { op: 'edit', id: fileNode.id, rev: 1, size: 11, hash: hash2 },
    ]);
    expect(edited.body.results[0].node.rev).toBe(2);
    const moved = await ops(editor.token, shared.id, [
      { op: 'move', id: fileNode.id, rev: 2, parentId: shared.rootId, name: 'b.txt' },
    ]);
    expect(moved.body.results[0].node).toMatchObject({
      parentId: shared.rootId,
      name: 'b.txt',
      rev: 3,
    });
    const deleted = await ops(owner.token, shared.id, [{ op: 'delete', id: docsId, rev: 1 }]);
    expect(deleted.body.results[0].ok).toBe(true);

    const journal = await call(server.url, 'GET', `/api/ns/${shared.id}/changes?cursor=0&limit=3`, {
      token: viewer.token,
    });
    expect(journal.body.more).toBe(true);
    expect(journal.body.changes.map((c: { op: string }) => c.op)).toEqual(['add', 'add', 'edit']);
    const rest = await call(
      server.url,
      'GET',
      `/api/ns/${shared.id}/changes?cursor=${journal.body.cursor}`,
      { token: viewer.token },
    );
    expect(rest.body.changes.map((c: { op: string }) => c.op)).toEqual(['move', 'delete']);
    expect(rest.body.more).toBe(false);
    expect(rest.body.digest).toBe(deleted.body.digest);

    // The snapshot holds the same tree, and the tree engine computes the same digest from it.
    const snap = await call(server.url, 'GET', `/api/ns/${shared.id}/snapshot`, {
      token: viewer.token,
    });
    expect(snap.body.cursor).toBe(rest.body.cursor);
    const tree = new TreeStore({ rootId: shared.rootId, key: parseHashKey(shared.diffKey) });
    // The conversion the clients build their trees with (the root is the tree's own).
    for (const n of snap.body.nodes) {
      if (n.parentId !== null) tree.add(nodeInputOf(n));
    }
    expect(tree.rootDiffValue).toBe(snap.body.digest);
    const digest = await call(server.url, 'GET', `/api/ns/${shared.id}/digest`, {
      token: viewer.token,
    });
    expect(digest.body).toMatchObject({ id: shared.rootId, digest: snap.body.digest });
    expect(digest.body.children.map((c: { name: string }) => c.name)).toEqual(['b.txt']);
  });

  it('refuses hostile names with invalid_name, normalizes NFD, and keeps case twins apart', async () => {
    const bad = ['..', '.', 'a/b', 'nul\u0000', 'x'.repeat(256), ''];
    const res = await ops(
      owner.token,
      shared.id,
      bad.map((name) => ({ op: 'add', parentId: shared.rootId, name, kind: 'dir' })),
    );
    expect(res.status).toBe(200);
    for (const r of res.body.results)
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_name' } });

    const nfd = 'Cafe\u0301';
    const made = await ops(owner.token, shared.id, [
      { op: 'add', parentId: shared.rootId, name: nfd, kind: 'dir' },
    ]);
    expect(made.body.results[0].node.name).toBe('Caf\u00e9');
    const twins = await ops(owner.token, shared.id, [
      { op: 'add', parentId: shared.rootId, name: 'CAF\u00c9', kind: 'dir' },
      { op: 'add', parentId: shared.rootId, name: 'caf\u00e9', kind: 'file' },
    ]);
    for (const r of twins.body.results)
      expect(r).toMatchObject({ ok: false, error: { code: 'name_taken' } });
  });

  it('refuses moves into a file, into a missing folder, and into their own subtree', async () => {
    const made = await ops(owner.token, shared.id, [
      { op: 'add', parentId: shared.rootId, name: 'outer', kind: 'dir' },
    ]);
    const outer = made.body.results[0].node;
    const inner = (
      await ops(owner.token, shared.id, [
        { op: 'add', parentId: outer.id, name: 'inner', kind: 'dir' },
      ])
    ).body.results[0].node;
    const file = (
      await ops(owner.token, shared.id, [
        { op: 'add', parentId: shared.rootId, name: 'f.txt', kind: 'file' },
      ])
    ).body.results[0].node;
    const res = await ops(owner.token, shared.id, [
      { op: 'move', id: outer.id, rev: 1, parentId: inner.id },
      { op: 'move', id: inner.id, rev: 1, parentId: file.id },
      { op: 'add', parentId: 999_999, name: 'x', kind: 'dir' },
      {
        op: 'add',
        parentId: shared.rootId,
        name: 'g.txt',
        kind: 'file',
        size: 3,
        hash: sha('not uploaded'),
      },
      { op: 'delete', id: 123_456, rev: 1 },
    ]);
    expect(res.body.results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual([
      'cycle',
      'not_a_dir',
      'parent_missing',
      'blob_missing',
      'not_found',
    ]);
  });

  it('lets one of two concurrent commits on the same revision win; the other gets rev_mismatch', async () => {
    const made = await ops(owner.token, shared.id, [
      { op: 'add', parentId: shared.rootId, name: 'race.txt', kind: 'file' },
    ]);
    const node = made.body.results[0].node;
    const [a, b] = await Promise.all([
      ops(owner.token, shared.id, [{ op: 'move', id: node.id, rev: 1, name: 'race-a.txt' }]),
      ops(editor.token, shared.id, [{ op: 'move', id: node.id, rev: 1, name: 'race-b.txt' }]),
    ]);
    const results = [a.body.results[0], b.body.results[0]];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)[0].error.code).toBe('rev_mismatch');
    const journal = await call(
      server.url,
      'GET',
      `/api/ns/${shared.id}/changes?cursor=0&limit=10000`,
      { token: owner.token },
    );
    const moves = journal.body.changes.filter(
      (c: { node: { id: number } }) => c.node.id === node.id,
    );
    expect(moves.map((c: { op: string }) => c.op)).toEqual(['add', 'move']);
  });
});

describe('snapshots', () => {
  it('streams every node across pages, and a subtree on its own with ?dir=', async () => {
    const big = (
      await ops(owner.token, shared.id, [
        { op: 'add', parentId: shared.rootId, name: 'big', kind: 'dir' },
      ])
    ).body.results[0].node;
    for (let b = 0; b < 3; b++) {
      const res = await ops(
        owner.token,
        shared.id,
        Array.from({ length: 900 }, (_, i) => ({
          op: 'add',
          parentId: big.id,
          name: `f${b}-${i}`,
          kind: 'dir',
        })),
      );
      expect(res.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    }
    const sub = await call(server.url, 'GET', `/api/ns/${shared.id}/snapshot?dir=${big.id}`, {
      token: viewer.token,
    });
    expect(sub.status).toBe(200);
    expect(sub.body.nodes).toHaveLength(2701); // the folder and its 2,700 children, over two pages
    expect(sub.body.nodes[0].id).toBe(big.id);
    expect(new Set(sub.body.nodes.map((n: { id: number }) => n.id)).size).toBe(2701);
    const all = await call(server.url, 'GET', `/api/ns/${shared.id}/snapshot`, {
      token: viewer.token,
    });
    expect(all.body.nodes.length).toBeGreaterThan(2701);
    expect(all.body.nodes[0].parentId).toBeNull();
    const missing = await call(server.url, 'GET', `/api/ns/${shared.id}/snapshot?dir=999999`, {
      token: viewer.token,
    });
    expect(missing.status).toBe(404);
  });
});
