// The content tests' world: a real server on a loopback port with an owner, an editor, a viewer and
// a stranger, and one shared folder "Team" the editor and viewer joined. Bindings are live: read
// them inside tests, after `useContentWorld()` has run its beforeAll.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { call, signUp, startTestServer, type TestServer } from '../../tests/support/test-server.ts';

export let server: TestServer;
export let owner: { token: string; id: string };
export let editor: { token: string; id: string };
export let viewer: { token: string; id: string };
export let stranger: { token: string; id: string };
export let shared: { id: string; rootId: number; diffKey: string };

/** SHA-256 of `text`, hex. */
export const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Uploads `text` as a blob and answers its hash. */
export async function upload(token: string, text: string) {
  const res = await fetch(`${server.url}/api/blobs/${sha(text)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: text,
  });
  expect(res.status).toBe(201);
  return sha(text);
}

/** Commits `list` to namespace `nsId` as `token`. */
export async function ops(token: string, nsId: string, list: unknown[]) {
  return call(server.url, 'POST', `/api/ns/${nsId}/ops`, { token, body: { ops: list } });
}

async function _join(user: { token: string }, username: string, role: 'editor' | 'viewer') {
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

/** Starts the world before this file's tests and stops it after. */
export function useContentWorld(): void {
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
    await _join(editor, 'editor', 'editor');
    await _join(viewer, 'viewer', 'viewer');
  });
  afterAll(() => server.dispose());
}
