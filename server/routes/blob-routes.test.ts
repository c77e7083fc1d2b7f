import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, signUp, type TestApp } from './test-app.fixture.ts';

let server: TestApp;
let token: string;
beforeAll(async () => {
  server = await openTestApp();
  ({ token } = await signUp(server, 'uploader'));
});
afterAll(() => server.dispose());

/** More bytes than any JSON body may have (64 KB). */
const bytes = new Uint8Array(200 * 1024).map((_, i) => i % 251);
const sha256 = createHash('sha256').update(bytes).digest('hex');

function put(path: string, body: Uint8Array) {
  return server.request(path, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
}

describe('blob bytes', () => {
  it('takes a whole blob past the JSON body limit', async () => {
    const res = await put(`/api/blobs/${sha256}`, bytes);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ sha256, size: bytes.length });
  });

  it('takes an upload chunk past the JSON body limit, and finishes', async () => {
    const made = await call(server, 'POST', '/api/uploads', {
      token,
      body: { sha256, size: bytes.length },
    });
    expect(made.status).toBe(201);
    const chunk = await put(`/api/uploads/${made.body.id}?offset=0`, bytes);
    expect(chunk.status).toBe(200);
    expect(((await chunk.json()) as { offset: number }).offset).toBe(bytes.length);
    const done = await call(server, 'POST', `/api/uploads/${made.body.id}/finish`, { token });
    expect(done.status).toBe(201);
  });

  it('still limits JSON bodies on every other PUT', async () => {
    const res = await call(server, 'PUT', '/api/keys/folder:x/grants', {
      token,
      raw: JSON.stringify({ username: 'x'.repeat(70_000), rights: [] }),
      headers: { 'content-type': 'application/json' },
    });
    expect([res.status, res.body.error.code]).toEqual([413, 'payload_too_large']);
  });
});
