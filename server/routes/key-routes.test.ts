import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, signUp, type TestApp } from './test-app.fixture.ts';

let server: TestApp;
let owner: { token: string };
let other: { token: string };
beforeAll(async () => {
  server = await openTestApp();
  owner = await signUp(server, 'owner');
  other = await signUp(server, 'other');
});
afterAll(() => server.dispose());

describe('notification keys', () => {
  it('defines a key once: 201, then 409', async () => {
    const body = { key: 'folder:ns1', description: 'Team folder', push: 'alert' };
    const first = await call(server, 'POST', '/api/keys', { token: owner.token, body });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      key: 'folder:ns1',
      description: 'Team folder',
      owner: 'owner',
      push: 'alert',
    });
    const again = await call(server, 'POST', '/api/keys', { token: other.token, body });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('key_exists');
  });

  it('refuses keys outside the grammar with 400', async () => {
    for (const key of [
      'Folder:x',
      'folder',
      'folder:',
      'folder:a b',
      `folder:${'x'.repeat(200)}`,
    ]) {
      const res = await call(server, 'POST', '/api/keys', {
        token: owner.token,
        body: { key },
      });
      expect(res.status, key).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });

  it('needs a session: 401 without one', async () => {
    const res = await call(server, 'POST', '/api/keys', { body: { key: 'folder:nope' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('lists only the keys the caller may subscribe to', async () => {
    await call(server, 'POST', '/api/keys', {
      token: owner.token,
      body: { key: 'chat:room1:messages' },
    });
    const mine = await call(server, 'GET', '/api/keys', { token: owner.token });
    expect(mine.body.keys.map((k: { key: string }) => k.key)).toEqual(
      expect.arrayContaining(['folder:ns1', 'chat:room1:messages']),
    );
    const theirs = await call(server, 'GET', '/api/keys', { token: other.token });
    expect(theirs.body.keys.map((k: { key: string }) => k.key)).not.toContain(
      'chat:room1:messages',
    );
  });

  it('lets the owner grant and revoke rights', async () => {
    const grant = await call(
      server,
      'PUT',
      `/api/keys/${encodeURIComponent('chat:room1:messages')}/grants`,
      {
        token: owner.token,
        body: { username: 'other', rights: ['subscribe'] },
      },
    );
    expect(grant.status).toBe(200);
    expect(grant.body).toEqual({
      key: 'chat:room1:messages',
      username: 'other',
      rights: ['subscribe'],
    });
    const listed = await call(server, 'GET', '/api/keys', { token: other.token });
    expect(listed.body.keys).toContainEqual(
      expect.objectContaining({
        key: 'chat:room1:messages',
        owner: 'owner',
        rights: ['subscribe'],
      }),
    );

    // A grantee who is not the owner cannot grant: 403.
    const notOwner = await call(server, 'PUT', '/api/keys/chat:room1:messages/grants', {
      token: other.token,
      body: { username: 'other', rights: ['subscribe', 'publish'] },
    });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error.code).toBe('forbidden');

    const revoke = await call(server, 'PUT', '/api/keys/chat:room1:messages/grants', {
      token: owner.token,
      body: { username: 'other', rights: [] },
    });
    expect(revoke.status).toBe(200);
    const after = await call(server, 'GET', '/api/keys', { token: other.token });
    expect(after.body.keys.map((k: { key: string }) => k.key)).not.toContain('chat:room1:messages');
  });

  it('answers 404 for a key the caller cannot see and for an unknown user', async () => {
    const hidden = await call(server, 'PUT', '/api/keys/folder:ns1/grants', {
      token: other.token,
      body: { username: 'other', rights: ['subscribe'] },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('key_not_found');
    const nobody = await call(server, 'PUT', '/api/keys/folder:ns1/grants', {
      token: owner.token,
      body: { username: 'nobody-here', rights: ['subscribe'] },
    });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.code).toBe('user_not_found');
  });
});
