// The server and a client's mirror give every op the same verdict: random ops with hostile names,
// stale revisions and impossible targets go to a real server (HTTP, ContentService, a SQLite file)
// and through checkCommitOp against a local TreeStore that applies what the server accepted.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitOp, ContentNode, OpResult } from '../../shared/api/content.ts';
import { nodeInputOf, treeMtime } from '../../shared/api/node-input-of.ts';
import { checkCommitOp, emptySha256, type OpRefusal } from '../../shared/commit/index.ts';
import { normalizeName, parseHashKey, TreeStore } from '../../shared/tree/index.ts';
import { call, signUp, startTestServer, type TestServer } from '../../tests/support/test-server.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** Blobs the committer uploaded, by hash: their sizes. */
const uploaded = new Map([
  [sha('hello'), 5],
  [sha('world!'), 6],
]);
/** Content an op may name: uploaded (right and wrong size), never uploaded, the empty file. */
const contents: { size: number; hash: string }[] = [
  { size: 5, hash: sha('hello') },
  { size: 6, hash: sha('world!') },
  { size: 6, hash: sha('hello') },
  { size: 3, hash: sha('nobody uploaded me') },
  { size: 0, hash: emptySha256 },
  { size: 3, hash: emptySha256 },
];
/** Names that collide with each other in some way: case, normalization, both, or not at all. */
const twinNames = [
  'Caf\u00e9',
  'Cafe\u0301',
  'CAF\u00c9',
  'CAFE\u0301',
  // No capital H with line below exists, but its lower case does: they fold together.
  'H\u0331',
  '\u1e96',
  '\u0130',
  'i\u0307',
  'x',
  'X',
  'x ',
  ' x',
];
/** Names that are refused, or only just not. */
const hostileNames = [
  'a',
  'b',
  'x.',
  '',
  ' ',
  '.',
  '..',
  'a/b',
  'nul\0',
  '\ud800',
  'x'.repeat(255),
  'x'.repeat(256),
  '\u00e9'.repeat(127),
  '\u00e9'.repeat(128),
];
const missingId = 4_000_000_000;

interface Step {
  kind: 'add' | 'edit' | 'move' | 'rename' | 'delete';
  /** Which node the op is on (among the mirror's, the root, and a missing id). */
  node: number;
  /** Where it goes (among the mirror's nodes, files too, and a missing id). */
  target: number;
  /** A twin or hostile name, or (unless `ownName` is 'no') an existing node's name, maybe recased. */
  name: string;
  ownName: 'no' | 'same' | 'upper' | 'lower';
  own: number;
  /** 0: the current revision; else off by this much (a stale or future one). */
  revSkew: number;
  dir: boolean;
  content: number;
  keepParent: boolean;
  withMtime: boolean;
  /** Ends the batch after this op: ops of one batch run in one transaction, in order. */
  flush: boolean;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('add', 'add', 'add', 'edit', 'move', 'move', 'rename', 'delete'),
  node: fc.nat(),
  target: fc.nat(),
  name: fc.oneof(fc.constantFrom(...twinNames), fc.constantFrom(...hostileNames)),
  ownName: fc.constantFrom('no', 'no', 'no', 'same', 'upper', 'lower'),
  own: fc.nat(),
  revSkew: fc.constantFrom(0, 0, 0, 0, -1, 1),
  dir: fc.boolean(),
  content: fc.nat({ max: contents.length - 1 }),
  keepParent: fc.boolean(),
  withMtime: fc.boolean(),
  flush: fc.boolean(),
});

/** The op a step makes against the mirror as it stands. */
function opOf(step: Step, mirror: TreeStore): CommitOp {
  const ids = mirror.ids(); // the root first, then the nodes in slot order
  // One in sixteen a missing id, one in sixteen the root, else one of the nodes (if any yet).
  const pick = (n: number) =>
    n % 16 === 0
      ? missingId
      : n % 16 === 1 || ids.length === 1
        ? mirror.rootId
        : ids[1 + ((n >> 4) % (ids.length - 1))]!;
  const folders = ids.filter((id) => mirror.get(id)!.kind === 'folder');
  // Mostly a folder (the root most often, so names meet), sometimes any node (a file) or a missing one.
  const target =
    step.target % 4 === 0
      ? pick(step.target >> 2)
      : step.target % 4 === 1
        ? mirror.rootId
        : folders[(step.target >> 2) % folders.length]!;
  let name = step.name;
  if (step.ownName !== 'no' && ids.length > 1) {
    const own = mirror.nameOf(ids[1 + (step.own % (ids.length - 1))]!);
    name =
      step.ownName === 'upper'
        ? own.toUpperCase()
        : step.ownName === 'lower'
          ? own.toLowerCase()
          : own;
  }
  const id = pick(step.node);
  const node = mirror.get(id);
  const current = node ? (node.parent === null ? 1 : node.rev) : 1;
  const rev = Math.max(1, current + step.revSkew);
  const content = contents[step.content]!;
  const mtime = step.withMtime ? 1_700_000_000_000 + step.node : undefined;
  switch (step.kind) {
    case 'add':
      return step.dir
        ? { op: 'add', parentId: target, name, kind: 'dir', mtime }
        : { op: 'add', parentId: target, name, kind: 'file', ...content, mtime };
    case 'edit':
      return { op: 'edit', id, rev, ...content, mtime };
    case 'move': {
      // Every other move aims into the node's own subtree (itself included, a cycle when a folder).
      const inside = node && step.target % 2 === 0 ? subtreeOf(mirror, id) : [];
      const parentId = inside.length > 0 ? inside[(step.target >> 1) % inside.length]! : target;
      return step.keepParent
        ? { op: 'move', id, rev, parentId }
        : { op: 'move', id, rev, parentId, name };
    }
    case 'rename':
      return { op: 'move', id, rev, name };
    case 'delete':
      return { op: 'delete', id, rev };
  }
}

/** `id` and every node under it. */
function subtreeOf(tree: TreeStore, id: number): number[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i++) ids.push(...tree.children(ids[i]!));
  return ids;
}

/** Applies an accepted op to the mirror as the server did; the server gives the new id and times. */
function applyAccepted(mirror: TreeStore, op: CommitOp, node: ContentNode): void {
  switch (op.op) {
    case 'add':
      mirror.add(nodeInputOf({ ...node, parentId: op.parentId }));
      return;
    case 'edit':
      mirror.edit(op.id, {
        size: op.size,
        contentHash: op.hash,
        mtime: treeMtime(node.mtime),
        rev: mirror.get(op.id)!.rev + 1,
      });
      return;
    case 'move': {
      const held = mirror.get(op.id)!;
      mirror.move(op.id, op.parentId ?? held.parent!, normalizeName(op.name ?? held.name));
      mirror.edit(op.id, { rev: held.rev + 1 });
      return;
    }
    case 'delete':
      mirror.remove(op.id);
  }
}

const verdictOf = (r: OpResult): OpRefusal | null => (r.ok ? null : r.error);

for (const caseSensitive of [false, true]) {
  describe(`commit rules, ${caseSensitive ? 'case-sensitive' : 'case-insensitive'} names`, () => {
    let server: TestServer;
    let token: string;

    beforeAll(async () => {
      server = await startTestServer({ CONTENT_CASE_SENSITIVE: String(caseSensitive) });
      token = (await signUp(server.url, 'committer')).token;
      for (const text of ['hello', 'world!']) {
        const res = await fetch(`${server.url}/api/blobs/${sha(text)}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}` },
          body: text,
        });
        expect(res.status).toBe(201);
      }
    });
    afterAll(() => server.dispose());

    it('gives every op the same verdict on the server and in the mirror, and keeps the trees equal', async () => {
      const counts = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArb, { minLength: 10, maxLength: 50, size: 'max' }),
          async (steps) => {
            const ns = (
              await call(server.url, 'POST', '/api/namespaces', { token, body: { name: 'rules' } })
            ).body;
            const mirror = new TreeStore({ rootId: ns.rootId, key: parseHashKey(ns.diffKey) });
            const options = {
              caseSensitive,
              hasContent: (hash: string, size: number) => uploaded.get(hash) === size,
            };
            try {
              let batch: { step: Step }[] = [];
              for (const [i, step] of steps.entries()) {
                batch.push({ step });
                if (!step.flush && i < steps.length - 1) continue;
                // The ops of a batch are made against the mirror as the batch before left it, so
                // later ones may aim at what earlier ones removed: the server must agree on that too.
                const ops = batch.map(({ step: s }) => opOf(s, mirror));
                batch = [];
                const res = await call(server.url, 'POST', `/api/ns/${ns.id}/ops`, {
                  token,
                  body: { ops },
                });
                expect(res.status, JSON.stringify(res.body)).toBe(200);
                const results = res.body.results as OpResult[];
                for (const [j, op] of ops.entries()) {
                  const expected = checkCommitOp(mirror, op, options);
                  expect(verdictOf(results[j]!), JSON.stringify(op)).toEqual(expected);
                  const code = expected?.code ?? 'ok';
                  counts.set(code, (counts.get(code) ?? 0) + 1);
                  if (results[j]!.ok) applyAccepted(mirror, op, results[j]!.node);
                }
                expect(mirror.rootDiffValue).toBe(res.body.digest);
              }
              // Field by field too, not only by digest.
              const snapshot = await call(server.url, 'GET', `/api/ns/${ns.id}/snapshot`, {
                token,
              });
              const nodes = snapshot.body.nodes as ContentNode[];
              expect(nodes.length).toBe(mirror.size);
              for (const n of nodes) {
                if (n.parentId === null) continue;
                const held = mirror.get(n.id)!;
                expect(held).toMatchObject({
                  parent: n.parentId,
                  name: n.name,
                  kind: n.kind === 'dir' ? 'folder' : 'file',
                  size: n.size,
                  rev: n.rev,
                });
              }
            } finally {
              mirror.dispose();
            }
          },
        ),
        { numRuns: 40 },
      );
      // The ops reached every rule, not only the easy ones.
      for (const code of [
        'ok',
        'rev_mismatch',
        'name_taken',
        'parent_missing',
        'not_a_dir',
        'cycle',
        'invalid_name',
        'not_found',
        'forbidden',
        'blob_missing',
      ])
        expect(counts.get(code) ?? 0, code).toBeGreaterThan(0);
    }, 300_000);
  });
}
