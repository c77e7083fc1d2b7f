// The content service over HTTP: who may do what, blobs, and sharing and chat notifications.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, signUp } from '../../tests/support/test-server.ts';
import {
  useContentWorld,
  server,
  owner,
  editor,
  viewer,
  stranger,
  shared,
  sha,
  upload,
  ops,
} from './content-world.fixture.ts';

useContentWorld();

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
    // Each route's status for the owner, the editor, the viewer and the stranger, in that order.
    const expected: Record<string, [number, number, number, number]> = {
      list: [200, 200, 200, 404],
      snapshot: [200, 200, 200, 404],
      digest: [200, 200, 200, 404],
      members: [200, 200, 200, 404],
      chatRead: [200, 200, 200, 404],
      chatPost: [201, 201, 201, 404],
      commit: [200, 200, 403, 404],
      invite: [201, 403, 403, 404],
    };
    const users = { owner, editor, viewer, stranger };
    for (const [column, [who, user]] of Object.entries(users).entries()) {
      const answers = routesFor(user.token);
      for (const [route, promise] of Object.entries(answers)) {
        const res = await promise;
        expect(res.status, `${who} ${route}`).toBe(expected[route]![column]);
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
