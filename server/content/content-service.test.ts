import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHashKey, TreeStore } from '../../shared/tree/index.ts';
import { call, signUp, startTestServer, type TestServer } from '../../tests/support/test-server.ts';

let server: TestServer;
let owner: { token: string; id: string };
let editor: { token: string; id: string };
let viewer: { token: string; id: string };
let stranger: { token: string; id: string };
let shared: { id: string; rootId: number; diffKey: string };

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

async function upload(token: string, text: string) {
  const res = await fetch(`${server.url}/api/blobs/${sha(text)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: text,
  });
  expect(res.status).toBe(201);
  return sha(text);
}

async function ops(token: string, nsId: string, list: unknown[]) {
  return call(server.url, 'POST', `/api/ns/${nsId}/ops`, { token, body: { ops: list } });
}

async function join(user: { token: string }, username: string, role: 'editor' | 'viewer') {
  const invite = await call(server.url, 'POST', `/api/ns/${shared.id}/members`, {
    token: owner.token,
    body: { username, role },
  });
  expect(invite.status).toBe(201);
  const accepted = await call(server.url, 'POST', `/api/invites/${invite.body.id}/accept`, {
    token: user.token,
  });
  expect(accepted.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUp(server.url, 'owner');
  editor = await signUp(server.url, 'editor');
  viewer = await signUp(server.url, 'viewer');
  stranger = await signUp(server.url, 'stranger');
  const made = await call(server.url, 'POST', '/api/namespaces', {
    token: owner.token,
    body: { name: 'Team' },
  });
  expect(made.status).toBe(201);
  shared = made.body;
  await join(editor, 'editor', 'editor');
  await join(viewer, 'viewer', 'viewer');
});
afterAll(() => server.dispose());

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
    for (const n of snap.body.nodes) {
      if (n.parentId === null) continue;
      tree.add({
        id: n.id,
        parent: n.parentId,
        name: n.name,
        kind: n.kind === 'dir' ? 'folder' : 'file',
        size: n.size,
        contentHash: n.hash || undefined,
      });
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

describe('access matrix', () => {
  it('owner, editor, viewer and stranger get what their role allows on every route', async () => {
    const ns = shared.id;
    const routesFor = (token: string) => ({
      list: call(server.url, 'GET', `/api/ns/${ns}/changes`, { token }),
      snapshot: call(server.url, 'GET', `/api/ns/${ns}/snapshot`, { token }),
      digest: call(server.url, 'GET', `/api/ns/${ns}/digest`, { token }),
      members: call(server.url, 'GET', `/api/ns/${ns}/members`, { token }),
      chatRead: call(server.url, 'GET', `/api/ns/${ns}/chat`, { token }),
      chatPost: call(server.url, 'POST', `/api/ns/${ns}/chat`, { token, body: { text: 'hi' } }),
      commit: ops(token, ns, [
        { op: 'add', parentId: shared.rootId, name: `by-${token.slice(-6)}`, kind: 'dir' },
      ]),
      invite: call(server.url, 'POST', `/api/ns/${ns}/members`, {
        token,
        body: { username: 'stranger', role: 'viewer' },
      }),
    });
    const expected: Record<string, Record<string, number>> = {
      owner: {
        list: 200,
        snapshot: 200,
        digest: 200,
        members: 200,
        chatRead: 200,
        chatPost: 201,
        commit: 200,
        invite: 201,
      },
      editor: {
        list: 200,
        snapshot: 200,
        digest: 200,
        members: 200,
        chatRead: 200,
        chatPost: 201,
        commit: 200,
        invite: 403,
      },
      viewer: {
        list: 200,
        snapshot: 200,
        digest: 200,
        members: 200,
        chatRead: 200,
        chatPost: 201,
        commit: 403,
        invite: 403,
      },
      stranger: {
        list: 404,
        snapshot: 404,
        digest: 404,
        members: 404,
        chatRead: 404,
        chatPost: 404,
        commit: 404,
        invite: 404,
      },
    };
    for (const [who, user] of Object.entries({ owner, editor, viewer, stranger })) {
      const answers = routesFor(user.token);
      for (const [route, promise] of Object.entries(answers)) {
        const res = await promise;
        expect(res.status, `${who} ${route}`).toBe(expected[who]![route]);
        if (res.status >= 400)
          expect(res.body.error.code, `${who} ${route}`).toMatch(
            /^(forbidden|namespace_not_found)$/,
          );
      }
    }
  });
});

describe('blobs', () => {
  it('refuses bytes that do not match the hash, and hides a blob from users who cannot read it', async () => {
    const wrong = await fetch(`${server.url}/api/blobs/${sha('expected')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${owner.token}` },
      body: 'something else',
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('hash_mismatch');

    const hash = await upload(owner.token, 'private bytes');
    const mine = await fetch(`${server.url}/api/blobs/${hash}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toBe('private bytes');
    const theirs = await fetch(`${server.url}/api/blobs/${hash}`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    expect(theirs.status).toBe(404);
    // Knowing the hash is not enough to reference it either.
    const root = (await call(server.url, 'GET', '/api/namespaces', { token: stranger.token })).body
      .namespaces[0];
    const steal = await ops(stranger.token, root.id, [
      { op: 'add', parentId: root.rootId, name: 'x', kind: 'file', size: 13, hash },
    ]);
    expect(steal.body.results[0].error.code).toBe('blob_missing');
  });

  it('serves ranges and honours ETag', async () => {
    const hash = await upload(owner.token, '0123456789');
    const auth = { authorization: `Bearer ${owner.token}` };
    const part = await fetch(`${server.url}/api/blobs/${hash}`, {
      headers: { ...auth, range: 'bytes=2-5' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await part.text()).toBe('2345');
    const tail = await fetch(`${server.url}/api/blobs/${hash}`, {
      headers: { ...auth, range: 'bytes=-3' },
    });
    expect(await tail.text()).toBe('789');
    const bad = await fetch(`${server.url}/api/blobs/${hash}`, {
      headers: { ...auth, range: 'bytes=20-' },
    });
    expect(bad.status).toBe(416);
    const cached = await fetch(`${server.url}/api/blobs/${hash}`, {
      headers: { ...auth, 'if-none-match': `"${hash}"` },
    });
    expect(cached.status).toBe(304);
  });

  it('resumes an interrupted chunked upload from the offset the server has', async () => {
    const bytes = Buffer.alloc(300_000, 7);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const auth = { authorization: `Bearer ${editor.token}` };
    const made = await call(server.url, 'POST', '/api/uploads', {
      token: editor.token,
      body: { sha256: hash, size: bytes.length },
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const put = (offset: number, chunk: Buffer) =>
      fetch(`${server.url}/api/uploads/${id}?offset=${offset}`, {
        method: 'PUT',
        headers: auth,
        body: chunk,
      });
    expect((await put(0, bytes.subarray(0, 100_000))).status).toBe(200);
    // A retry of a chunk at a stale offset is refused and says where to go on.
    const stale = await put(0, bytes.subarray(0, 100_000));
    expect(stale.status).toBe(409);
    const state = await call(server.url, 'GET', `/api/uploads/${id}`, { token: editor.token });
    expect(state.body.offset).toBe(100_000);
    const early = await call(server.url, 'POST', `/api/uploads/${id}/finish`, {
      token: editor.token,
    });
    expect(early.status).toBe(409);
    expect((await put(100_000, bytes.subarray(100_000))).status).toBe(200);
    const done = await call(server.url, 'POST', `/api/uploads/${id}/finish`, {
      token: editor.token,
    });
    expect(done.status).toBe(201);
    const back = await fetch(`${server.url}/api/blobs/${hash}`, { headers: auth });
    expect(Buffer.from(await back.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('sharing and chat notifications', () => {
  it('sends a waiting invitation again instead of making a second one', async () => {
    const late = await signUp(server.url, 'latecomer');
    const first = await call(server.url, 'POST', `/api/ns/${shared.id}/members`, {
      token: owner.token,
      body: { username: 'latecomer', role: 'viewer' },
    });
    const again = await call(server.url, 'POST', `/api/ns/${shared.id}/members`, {
      token: owner.token,
      body: { username: 'latecomer', role: 'editor' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, role: 'editor', status: 'pending' });
    const waiting = await call(server.url, 'GET', '/api/invites', { token: late.token });
    expect(waiting.body.invites).toHaveLength(1);
    const declined = await call(server.url, 'POST', `/api/invites/${first.body.id}/decline`, {
      token: late.token,
    });
    expect(declined.body.status).toBe('declined');
    expect(
      (await call(server.url, 'GET', '/api/invites', { token: late.token })).body.invites,
    ).toEqual([]);
  });

  it('publishes commits on folder:<ns>, invitations on user:<id>:invites, and chat on chat:<ns>:messages', async () => {
    const client = await call(server.url, 'POST', '/api/clients', {
      token: stranger.token,
      body: { keys: [`user:${stranger.id}:invites`] },
    });
    expect(client.status).toBe(201);
    const invite = await call(server.url, 'POST', `/api/ns/${shared.id}/members`, {
      token: owner.token,
      body: { username: 'stranger', role: 'viewer' },
    });
    // (The access matrix may have invited stranger already; a second invite is still an invitation.)
    expect(invite.status).toBe(201);
    let replay = await call(server.url, 'POST', `/api/clients/${client.body.clientId}/reconnect`, {
      token: stranger.token,
      body: { receivedCount: 0, lastId: 0 },
    });
    expect(replay.body.notifications.at(-1)).toMatchObject({
      command: 'INVITE',
      change: { namespaceId: shared.id, role: 'viewer' },
    });
    const accepted = await call(server.url, 'POST', `/api/invites/${invite.body.id}/accept`, {
      token: stranger.token,
    });
    expect(accepted.body.status).toBe('accepted');

    const follow = await call(server.url, 'PUT', `/api/clients/${client.body.clientId}/keys`, {
      token: stranger.token,
      body: { add: [`folder:${shared.id}`, `chat:${shared.id}:messages`] },
    });
    expect(follow.status).toBe(200);
    await ops(owner.token, shared.id, [
      { op: 'add', parentId: shared.rootId, name: 'news', kind: 'dir' },
    ]);
    await call(server.url, 'POST', `/api/ns/${shared.id}/chat`, {
      token: editor.token,
      body: { text: 'look at news/' },
    });
    replay = await call(server.url, 'POST', `/api/clients/${client.body.clientId}/reconnect`, {
      token: stranger.token,
      body: { receivedCount: replay.body.sentCount, lastId: replay.body.lastId },
    });
    const commands = replay.body.notifications.map(
      (n: { key: string; command: string }) => `${n.key.split(':')[0]} ${n.command}`,
    );
    expect(commands).toEqual(['folder ADD', 'chat MESSAGE_POSTED']);
    const history = await call(server.url, 'GET', `/api/ns/${shared.id}/chat?after=0`, {
      token: stranger.token,
    });
    expect(history.body.messages.at(-1)).toMatchObject({ from: 'editor', text: 'look at news/' });

    // Removed: no longer a member, and the folder's key is no longer followed.
    const removed = await call(
      server.url,
      'DELETE',
      `/api/ns/${shared.id}/members/${stranger.id}`,
      { token: owner.token },
    );
    expect(removed.status).toBe(204);
    const after = await call(server.url, 'GET', `/api/clients/${client.body.clientId}`, {
      token: stranger.token,
    });
    expect(after.body.keys).toEqual([`user:${stranger.id}:invites`]);
    expect(
      (await call(server.url, 'GET', `/api/ns/${shared.id}/changes`, { token: stranger.token }))
        .status,
    ).toBe(404);
  });
});
