import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, signUp, type TestApp } from './test-app.fixture.ts';

let server: TestApp;
let alice: { token: string };
let bob: { token: string };

/** A real P-256 public key, uncompressed, base64url: what a browser's pushManager hands out. */
function browserKeys() {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x!, 'base64url'),
    Buffer.from(jwk.y!, 'base64url'),
  ]);
  return { p256dh: point.toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

beforeAll(async () => {
  server = await openTestApp();
  alice = await signUp(server, 'alice');
  bob = await signUp(server, 'bob');
  await call(server, 'POST', '/api/keys', { token: alice.token, body: { key: 'folder:a1' } });
  await call(server, 'POST', '/api/keys', { token: alice.token, body: { key: 'folder:a2' } });
  await call(server, 'POST', '/api/keys', {
    token: alice.token,
    body: { key: 'folder:pub-only' },
  });
  await call(server, 'PUT', '/api/keys/folder:pub-only/grants', {
    token: alice.token,
    body: { username: 'bob', rights: ['publish'] },
  });
});
afterAll(() => server.dispose());

describe('clients', () => {
  it('registers a client with an unguessable id, lists it, shows it, and deletes it', async () => {
    const made = await call(server, 'POST', '/api/clients', {
      token: alice.token,
      body: { name: 'laptop', keys: ['folder:a1'] },
    });
    expect(made.status).toBe(201);
    expect(made.body.clientId).toMatch(/^c_[A-Za-z0-9_-]{22}$/);
    expect(made.body.keys).toEqual(['folder:a1']);
    const id = made.body.clientId as string;

    const shown = await call(server, 'GET', `/api/clients/${id}`, { token: alice.token });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      clientId: id,
      name: 'laptop',
      keys: ['folder:a1'],
      sentCount: 0,
      connected: false,
      push: false,
    });
    expect(Date.parse(shown.body.lastSeenAt)).toBeGreaterThan(0);

    const listed = await call(server, 'GET', '/api/clients', { token: alice.token });
    expect(listed.body.clients.map((c: { clientId: string }) => c.clientId)).toContain(id);

    expect(
      (await call(server, 'DELETE', `/api/clients/${id}`, { token: alice.token })).status,
    ).toBe(204);
    const gone = await call(server, 'GET', `/api/clients/${id}`, { token: alice.token });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('client_not_found');
  });

  it('adds and removes keys', async () => {
    const made = await call(server, 'POST', '/api/clients', {
      token: alice.token,
      body: { keys: ['folder:a1'] },
    });
    const path = `/api/clients/${made.body.clientId}/keys`;
    const added = await call(server, 'PUT', path, {
      token: alice.token,
      body: { add: ['folder:a2'] },
    });
    expect(added.status).toBe(200);
    expect(added.body.keys).toEqual(['folder:a1', 'folder:a2']);
    const removed = await call(server, 'PUT', path, {
      token: alice.token,
      body: { remove: ['folder:a1'] },
    });
    expect(removed.body.keys).toEqual(['folder:a2']);
  });

  it("answers 404 for another user's client, on every route", async () => {
    const made = await call(server, 'POST', '/api/clients', { token: alice.token, body: {} });
    const id = made.body.clientId as string;
    const attempts = [
      call(server, 'GET', `/api/clients/${id}`, { token: bob.token }),
      call(server, 'PUT', `/api/clients/${id}/keys`, { token: bob.token, body: { add: [] } }),
      call(server, 'DELETE', `/api/clients/${id}`, { token: bob.token }),
      call(server, 'POST', `/api/clients/${id}/reconnect`, {
        token: bob.token,
        body: { receivedCount: 0, lastId: 0 },
      }),
      call(server, 'GET', `/api/clients/${id}/events`, { token: bob.token }),
      call(server, 'DELETE', `/api/clients/${id}/push`, { token: bob.token }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('client_not_found');
    }
    const bobs = await call(server, 'GET', '/api/clients', { token: bob.token });
    expect(bobs.body.clients).toEqual([]);
    // Still there for its owner.
    expect((await call(server, 'GET', `/api/clients/${id}`, { token: alice.token })).status).toBe(
      200,
    );
  });

  it('registers only keys its user may subscribe to', async () => {
    const hidden = await call(server, 'POST', '/api/clients', {
      token: bob.token,
      body: { keys: ['folder:a1'] },
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('key_not_found');
    const publishOnly = await call(server, 'POST', '/api/clients', {
      token: bob.token,
      body: { keys: ['folder:pub-only'] },
    });
    expect(publishOnly.status).toBe(403);
    expect(publishOnly.body.error.code).toBe('forbidden');
    // Nothing was created half-way.
    expect((await call(server, 'GET', '/api/clients', { token: bob.token })).body.clients).toEqual(
      [],
    );
  });

  it('validates the body: 400 for wrong types and unknown fields', async () => {
    const wrong = await call(server, 'POST', '/api/clients', {
      token: alice.token,
      body: { keys: 'folder:a1' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('invalid_input');
    const extra = await call(server, 'POST', '/api/clients', {
      token: alice.token,
      body: { keyz: [] },
    });
    expect(extra.status).toBe(400);
    const reconnect = await call(server, 'POST', '/api/clients/c_x/reconnect', {
      token: alice.token,
      body: { receivedCount: -1, lastId: 0 },
    });
    expect(reconnect.status).toBe(400);
  });

  it('keeps a push subscription that passes the checks and refuses those that do not', async () => {
    const made = await call(server, 'POST', '/api/clients', { token: alice.token, body: {} });
    const path = `/api/clients/${made.body.clientId}/push`;
    const keys = browserKeys();
    const ok = await call(server, 'PUT', path, {
      token: alice.token,
      body: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc123', keys },
    });
    expect(ok.status).toBe(204);
    expect(
      (await call(server, 'GET', `/api/clients/${made.body.clientId}`, { token: alice.token })).body
        .push,
    ).toBe(true);

    const cases: [unknown, string][] = [
      [{ endpoint: 'http://fcm.googleapis.com/fcm/send/x', keys }, 'endpoint_not_allowed'],
      [{ endpoint: 'https://evil.example/fcm.googleapis.com/x', keys }, 'endpoint_not_allowed'],
      [{ endpoint: 'https://10.0.0.1/push', keys }, 'endpoint_not_allowed'],
      [{ endpoint: 'not a url', keys }, 'invalid_endpoint'],
      [
        {
          endpoint: 'https://fcm.googleapis.com/x',
          keys: { ...keys, auth: randomBytes(15).toString('base64url') },
        },
        'invalid_keys',
      ],
      [
        {
          endpoint: 'https://fcm.googleapis.com/x',
          keys: { ...keys, p256dh: randomBytes(65).toString('base64url') },
        },
        'invalid_keys',
      ],
    ];
    for (const [body, code] of cases) {
      const res = await call(server, 'PUT', path, { token: alice.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(code);
    }
    expect((await call(server, 'DELETE', path, { token: alice.token })).status).toBe(204);
    expect(
      (await call(server, 'GET', `/api/clients/${made.body.clientId}`, { token: alice.token })).body
        .push,
    ).toBe(false);
  });

  it('serves the VAPID public key', async () => {
    const res = await call(server, 'GET', '/api/push/public-key');
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body.publicKey, 'base64url')).toHaveLength(65);
  });
});
