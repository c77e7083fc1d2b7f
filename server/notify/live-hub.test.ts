// The live channel over real HTTP: heartbeats on idle streams, dead streams dropped, one stream per client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../tests/support/sse-client.ts';
import { call, signUp, startTestServer, type TestServer } from '../../tests/support/test-server.ts';

let server: TestServer;
let token: string;
let clientId: string;
const open = () =>
  SseClient.open(`${server.url}/api/clients/${clientId}/events`, {
    authorization: `Bearer ${token}`,
  });
const info = async () =>
  (await call(server.url, 'GET', `/api/clients/${clientId}`, { token })).body;

beforeAll(async () => {
  server = await startTestServer({ HEARTBEAT_SECONDS: '0.1' });
  token = (await signUp(server.url, 'hub')).token;
  await call(server.url, 'POST', '/api/keys', { token, body: { key: 'folder:hub' } });
  clientId = (
    await call(server.url, 'POST', '/api/clients', { token, body: { keys: ['folder:hub'] } })
  ).body.clientId;
});
afterAll(() => server.dispose());

describe('live channel', () => {
  it('sends heartbeats on an idle stream and counts the client as connected while it is open', async () => {
    const heartbeats: string[] = [];
    const { request } = await import('node:http');
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${server.url}/api/clients/${clientId}/events`,
        { headers: { authorization: `Bearer ${token}` } },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (chunk.includes(': heartbeat')) heartbeats.push(chunk);
            if (heartbeats.length >= 2) {
              req.destroy();
              resolve();
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
  });

  it('drops a stream whose client went away and saves its counts', async () => {
    const sse = await open();
    await expect.poll(async () => (await info()).connected).toBe(true);
    await call(server.url, 'POST', '/api/events', {
      token,
      body: { key: 'folder:hub', command: 'EDIT' },
    });
    await sse.until((s) => s.notifications().length === 1);
    sse.close();
    await expect.poll(async () => (await info()).connected).toBe(false);
    expect((await server.services.store.getClient(clientId))?.sentCount).toBe(1);
  });

  it('keeps one stream per client: a second one replaces the first', async () => {
    const first = await open();
    const second = await open();
    await first.until((s) => s.closed);
    expect(second.closed).toBe(false);
    await call(server.url, 'POST', '/api/events', {
      token,
      body: { key: 'folder:hub', command: 'EDIT' },
    });
    await second.until((s) => s.notifications().length === 1);
    second.close();
  });
});
