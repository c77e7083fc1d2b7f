// The remote side against a real server (HTTP on loopback): snapshot, journal, digest repair.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { FilenameTable, type TreeStore } from '../../shared/tree/index.ts';
import { MemoryTreeVault } from './memory-tree-vault.fixture.ts';
import { startRealServer, type RealServer } from './real-server.fixture.ts';
import { treeFromSnapshot } from './remote-tree-sync.ts';
import { sha256Hex } from './sha256-hex.ts';
import { SyncWorkerService } from './sync-worker-service.ts';
import type { NamespaceTrees } from './namespace-trees.ts';
import type { KeptNamespaces } from './kept-namespaces.ts';
import { ContentApi } from './content-api.ts';
import { MemorySyncStateStore } from '../common/db/sync-state-store.ts';
import { systemClock } from './system-clock.ts';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server?.dispose());

const signal = new AbortController().signal;

/** A worker service as `token`'s browser, counting requests by route. */
function service(token: string, vault = new MemoryTreeVault()) {
  const requests: string[] = [];
  const inner = server.fetchAs(token);
  const fetchCounted: typeof fetch = (input, init) => {
    requests.push(String(input).replace(/\?.*/, ''));
    return inner(input, init);
  };
  const sync = new SyncWorkerService({
    vault,
    fetch: fetchCounted,
    state: new MemorySyncStateStore(),
    // The remote side alone: no files are kept (OPFS is tested in Chromium).
    folders: null,
    clock: systemClock,
    emit: () => undefined,
  });
  return { sync, vault, requests };
}

async function sharedFolder(owner: string, name: string): Promise<NamespaceInfo> {
  return server.json<NamespaceInfo>(owner, 'POST', '/api/namespaces', { name });
}

/** `owner` invites `username` into `ns` as `role`, and `username` (signed in as `token`) accepts. */
async function join(
  owner: string,
  ns: NamespaceInfo,
  username: string,
  token: string,
  role: 'editor' | 'viewer',
) {
  const invite = await server.json<{ id: string }>(owner, 'POST', `/api/ns/${ns.id}/members`, {
    username,
    role,
  });
  await server.json(token, 'POST', `/api/invites/${invite.id}/accept`);
}

async function uploadBlob(token: string, text: string) {
  const blob = new Blob([text]);
  const sha = await sha256Hex(blob);
  const res = await server.fetchAs(token)(`/api/blobs/${sha}`, { method: 'PUT', body: blob });
  expect(res.status).toBe(201);
  return { hash: sha, size: blob.size };
}

function treesOf(sync: SyncWorkerService, ns: string): NamespaceTrees {
  return (sync as unknown as { _kept: KeptNamespaces })._kept.trees.get(ns)!;
}

/** The tree a fresh snapshot gives, to compare whole trees by their nodes. */
async function serverTree(token: string, ns: NamespaceInfo) {
  const snapshot = await new ContentApi(server.fetchAs(token)).snapshot(ns.id);
  return nodesById(treeFromSnapshot(ns, snapshot, new FilenameTable()));
}

/** Every node of `tree`, by id. */
function nodesById(tree: TreeStore) {
  return tree
    .ids()
    .map((id) => tree.get(id))
    .sort((a, b) => a!.id - b!.id);
}

describe('the remote tree', () => {
  it('loads from a snapshot, pulls what another member commits, and reloads from the store', async () => {
    const alice = await server.signUp('alice');
    const bob = await server.signUp('bob');
    const ns = await sharedFolder(alice.token, 'Team');
    await join(alice.token, ns, 'bob', bob.token, 'editor');
    const [docs] = (
      await server.commit(alice.token, ns.id, [
        { op: 'add', parentId: ns.rootId, name: 'docs', kind: 'dir' },
      ])
    ).results.map((r) => (r.ok ? r.node : undefined));

    const { sync, vault, requests } = service(alice.token);
    await sync.start({}, signal);
    const first = await sync.syncAll({}, signal);
    expect(first.map((r) => r.via)).toEqual(['snapshot', 'snapshot']); // her own tree and Team
    expect(first.find((r) => r.namespaceId === ns.id)!.digest).toMatch(/^[0-9a-f]{16}$/);

    // Bob adds, edits, renames, moves and deletes.
    const plan = await uploadBlob(bob.token, 'the plan');
    const plan2 = await uploadBlob(bob.token, 'the plan, revised');
    const added = await server.commit(bob.token, ns.id, [
      { op: 'add', parentId: ns.rootId, name: 'plan.md', kind: 'file', ...plan },
      { op: 'add', parentId: ns.rootId, name: 'old.txt', kind: 'file' },
      { op: 'add', parentId: docs!.id, name: 'sub', kind: 'dir' },
    ]);
    const [planNode, oldNode] = added.results.map((r) => (r.ok ? r.node : undefined));
    await server.commit(bob.token, ns.id, [
      { op: 'edit', id: planNode!.id, rev: 1, ...plan2 },
      { op: 'move', id: planNode!.id, rev: 2, parentId: docs!.id, name: 'plan-v2.md' },
      { op: 'delete', id: oldNode!.id, rev: 1 },
    ]);

    const pulled = await sync.pull({ namespaceId: ns.id }, signal);
    expect(pulled).toMatchObject({ via: 'journal', applied: 6 });
    expect(await sync.listFolder({ namespaceId: ns.id, role: 'remote' })).toEqual([
      expect.objectContaining({ name: 'docs', kind: 'folder' }),
    ]);
    const inDocs = await sync.listFolder({
      namespaceId: ns.id,
      role: 'remote',
      folderId: docs!.id,
    });
    expect(inDocs.map((e) => e.name).sort()).toEqual(['plan-v2.md', 'sub']);
    expect(inDocs.find((e) => e.name === 'plan-v2.md')).toMatchObject({ size: plan2.size, rev: 3 });
    const summaries = await sync.trees({}, signal);
    expect(
      summaries
        .filter((s) => s.namespaceId === ns.id)
        .map((s) => s.role)
        .sort(),
    ).toEqual(['local', 'remote', 'sync']);

    // A restart: the trees come back from the store, and the next pull asks for no snapshot.
    const again = service(alice.token, vault);
    const started = await again.sync.start({}, signal);
    expect(started.dropped).toEqual([]);
    const remote = started.trees.find((t) => t.namespaceId === ns.id && t.role === 'remote')!;
    expect(remote).toMatchObject({ cursor: pulled.cursor, rootDiffValue: pulled.digest, nodes: 4 });
    await server.commit(bob.token, ns.id, [
      { op: 'add', parentId: ns.rootId, name: 'new', kind: 'dir' },
    ]);
    expect(await again.sync.pull({ namespaceId: ns.id }, signal)).toMatchObject({
      via: 'journal',
      applied: 1,
    });
    expect(again.requests.filter((p) => p.endsWith('/snapshot'))).toEqual([]);
    expect(requests.filter((p) => p.endsWith('/snapshot'))).toHaveLength(2);
  });

  it('repairs a diverged tree by descending through /digest only where values differ', async () => {
    const carol = await server.signUp('carol');
    const ns = await sharedFolder(carol.token, 'Big');
    // 20 folders of 10 files.
    const folders = await server.commit(
      carol.token,
      ns.id,
      Array.from({ length: 20 }, (_, i) => ({
        op: 'add' as const,
        parentId: ns.rootId,
        name: `folder-${i}`,
        kind: 'dir' as const,
      })),
    );
    const folderIds = folders.results.map((r) => (r.ok ? r.node.id : 0));
    const blob = await uploadBlob(carol.token, 'content');
    await server.commit(
      carol.token,
      ns.id,
      folderIds.flatMap((parentId) =>
        Array.from({ length: 10 }, (_, j) => ({
          op: 'add' as const,
          parentId,
          name: `file-${j}.txt`,
          kind: 'file' as const,
          ...blob,
        })),
      ),
    );
    const { sync, vault, requests } = service(carol.token);
    await sync.start({}, signal);
    await sync.syncAll({}, signal);
    const kept = treesOf(sync, ns.id).remote!;
    const tree = kept.tree;

    // The device's copy goes wrong in three folders (a lost file, a wrong size, a stray rename)
    // and at the top (a node the server never had), and is saved that way.
    const [f3, f7, f12] = [folderIds[3]!, folderIds[7]!, folderIds[12]!];
    tree.remove(tree.children(f3)[0]!);
    tree.edit(tree.children(f7)[4]!, { size: 12345 });
    tree.rename(tree.children(f12)[2]!, 'renamed-here.txt');
    tree.add({ id: 999_999, parent: ns.rootId, name: 'stray', kind: 'folder' });
    await kept.save(kept.record.cursor);

    requests.length = 0;
    const report = await sync.pull({ namespaceId: ns.id }, signal);
    expect(report.via).toBe('repair');
    expect(report.digest).toBe(tree.rootDiffValue);
    // The root and the three folders that differ: never the 17 equal ones.
    expect(report.repair).toMatchObject({ digestRequests: 4, removed: 1, moved: 1, attempts: 1 });
    expect(requests.filter((p) => p.endsWith('/digest'))).toHaveLength(4);
    expect(nodesById(tree)).toEqual(await serverTree(carol.token, ns));

    // What was repaired is stored: a restart loads the repaired tree.
    const again = service(carol.token, vault);
    const started = await again.sync.start({}, signal);
    expect(started.trees.find((t) => t.namespaceId === ns.id && t.role === 'remote')).toMatchObject(
      {
        rootDiffValue: report.digest,
      },
    );
  });

  it('forgets the trees of a namespace the person has left', async () => {
    const dan = await server.signUp('dan');
    const erin = await server.signUp('erin');
    const ns = await sharedFolder(dan.token, 'Short-lived');
    await join(dan.token, ns, 'erin', erin.token, 'viewer');
    const { sync, vault } = service(erin.token);
    await sync.start({}, signal);
    await sync.syncAll({}, signal);
    expect(vault.records.has(`${ns.id}/remote`)).toBe(true);
    await server.fetchAs(erin.token)(`/api/ns/${ns.id}/members/${erin.id}`, { method: 'DELETE' });
    await sync.syncAll({}, signal);
    expect([...vault.records.keys()].some((k) => k.startsWith(ns.id))).toBe(false);
  });
});
