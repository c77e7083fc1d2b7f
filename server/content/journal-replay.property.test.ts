// Replaying the journal of any random sequence of commits rebuilds the server's tree: the same nodes
// and the same root diff value as the server's digest.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentNode, JournalEntry } from '../../shared/api/content.ts';
import { parseHashKey, TreeStore } from '../../shared/tree/index.ts';
import { call, signUp, startTestServer, type TestServer } from '../../tests/support/test-server.ts';

const emptySha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await signUp(server.url, 'replayer')).token;
});
afterAll(() => server.dispose());

type Step = {
  kind: 'add' | 'move' | 'delete' | 'rename';
  pick: number;
  target: number;
  name: string;
  dir: boolean;
};
const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(
    'add' as const,
    'add' as const,
    'move' as const,
    'delete' as const,
    'rename' as const,
  ),
  pick: fc.nat(),
  target: fc.nat(),
  name: fc.constantFrom('a', 'b', 'A', 'c.txt', 'Café', 'Cafe\u0301', 'docs', 'x y'),
  dir: fc.boolean(),
});

function apply(tree: TreeStore, e: JournalEntry) {
  const n = e.node;
  if (e.op === 'add') {
    tree.add({
      id: n.id,
      parent: n.parentId!,
      name: n.name,
      kind: n.kind === 'dir' ? 'folder' : 'file',
      size: n.size,
      contentHash: n.hash || undefined,
    });
  } else if (e.op === 'move') tree.move(n.id, n.parentId!, n.name);
  else if (e.op === 'edit') tree.edit(n.id, { size: n.size, contentHash: n.hash });
  else tree.remove(n.id);
}

describe('journal replay', () => {
  it('rebuilds the same tree and root diff value as the server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 30 }), async (steps) => {
        const ns = (
          await call(server.url, 'POST', '/api/namespaces', { token, body: { name: 'replay' } })
        ).body;
        // The client's view of live nodes, to aim ops at real ids (some still fail: that is part of it).
        const live = new Map<number, ContentNode>();
        for (const s of steps) {
          const ids = [...live.keys()];
          const folders = [ns.rootId, ...ids.filter((id) => live.get(id)!.kind === 'dir')];
          const node = ids.length > 0 ? live.get(ids[s.pick % ids.length]!)! : undefined;
          let op;
          if (s.kind === 'add' || !node) {
            op = {
              op: 'add',
              parentId: folders[s.target % folders.length],
              name: s.name,
              kind: s.dir ? 'dir' : 'file',
              size: 0,
              hash: s.dir ? undefined : emptySha,
            };
          } else if (s.kind === 'move')
            op = {
              op: 'move',
              id: node.id,
              rev: node.rev,
              parentId: folders[s.target % folders.length],
            };
          else if (s.kind === 'rename')
            op = { op: 'move', id: node.id, rev: node.rev, name: s.name };
          else op = { op: 'delete', id: node.id, rev: node.rev };
          const res = await call(server.url, 'POST', `/api/ns/${ns.id}/ops`, {
            token,
            body: { ops: [op] },
          });
          expect(res.status).toBe(200);
          const r = res.body.results[0];
          if (!r.ok) continue;
          if (op.op === 'delete') {
            // Drop the subtree from the view.
            const gone = new Set([r.node.id]);
            for (let grew = true; grew;) {
              grew = false;
              for (const [id, n] of live) {
                if (!gone.has(id) && gone.has(n.parentId!)) {
                  gone.add(id);
                  grew = true;
                }
              }
            }
            for (const id of gone) live.delete(id);
          } else live.set(r.node.id, r.node);
        }

        const tree = new TreeStore({ rootId: ns.rootId, key: parseHashKey(ns.diffKey) });
        let cursor = 0;
        for (let more = true; more;) {
          const page = await call(
            server.url,
            'GET',
            `/api/ns/${ns.id}/changes?cursor=${cursor}&limit=7`,
            { token },
          );
          for (const e of page.body.changes) apply(tree, e);
          ({ cursor, more } = page.body);
          // Every page's digest matches the tree as of its cursor.
          expect(tree.rootDiffValue).toBe(page.body.digest);
        }
        const server_ = await call(server.url, 'GET', `/api/ns/${ns.id}/digest`, { token });
        expect(tree.rootDiffValue).toBe(server_.body.digest);
        expect(tree.size - 1).toBe(live.size);
        for (const [id, n] of live)
          expect(tree.get(id)).toMatchObject({ parent: n.parentId, name: n.name });
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
