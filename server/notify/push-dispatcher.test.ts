// Web Push end to end: publish over HTTP → dispatcher → sender → web-push-testing (a real RFC 8030/8291
// push service on loopback), which decrypts the payload with the subscription's keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWebPushTesting,
  type WebPushTestingService,
} from '../push/testing/web-push-testing-service.ts';
import { SseClient } from '../../tests/support/sse-client.ts';
import { call, signUp, startTestServer, type TestServer } from '../../tests/support/test-server.ts';

let pushService: WebPushTestingService;
let server: TestServer;
let token: string;

beforeAll(async () => {
  pushService = await startWebPushTesting();
  server = await startTestServer({ PUSH_TEST_ORIGINS: pushService.origin });
  token = (await signUp(server.url, 'pusher')).token;
});
afterAll(async () => {
  await server?.dispose();
  await pushService?.stop();
});

async function clientWithPush(key: string) {
  const clientId = (
    await call(server.url, 'POST', '/api/clients', { token, body: { keys: [key] } })
  ).body.clientId as string;
  const publicKey = (await call(server.url, 'GET', '/api/push/public-key')).body
    .publicKey as string;
  const sub = await pushService.subscribe(publicKey);
  const put = await call(server.url, 'PUT', `/api/clients/${clientId}/push`, {
    token,
    body: { endpoint: sub.endpoint, keys: sub.keys },
  });
  expect(put.status).toBe(204);
  return { clientId, sub };
}

describe('push to clients that are away', () => {
  it('pushes an alert key to offline clients only; the payload decrypts to the notification', async () => {
    await call(server.url, 'POST', '/api/keys', {
      token,
      body: { key: 'folder:pushed', push: 'alert' },
    });
    const away = await clientWithPush('folder:pushed');
    const here = await clientWithPush('folder:pushed');
    const stream = await SseClient.open(`${server.url}/api/clients/${here.clientId}/events`, {
      authorization: `Bearer ${token}`,
    });

    const res = await call(server.url, 'POST', '/api/events', {
      token,
      body: {
        key: 'folder:pushed',
        command: 'EDIT',
        title: 'report.pdf changed',
        body: 'by pusher',
        change: { id: 'f1' },
      },
    });
    expect(res.status).toBe(202);
    await server.push.idle();

    const messages = await pushService.messages(away.sub.clientHash);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!)).toMatchObject({
      id: res.body.id,
      key: 'folder:pushed',
      command: 'EDIT',
      title: 'report.pdf changed',
      change: { id: 'f1' },
    });
    // The connected client got it on its stream instead, not twice.
    await stream.until((s) => s.notifications().length === 1);
    expect(await pushService.messages(here.sub.clientHash)).toEqual([]);
    stream.close();

    // Push is a wake-up, not the store: the notification still waits in the log.
    const replay = await call(server.url, 'POST', `/api/clients/${away.clientId}/reconnect`, {
      token,
      body: { receivedCount: 0, lastId: 0 },
    });
    expect(replay.body.notifications.map((n: { id: number }) => n.id)).toEqual([res.body.id]);
  });

  it('does not push keys defined without push', async () => {
    await call(server.url, 'POST', '/api/keys', { token, body: { key: 'folder:quiet' } });
    const away = await clientWithPush('folder:quiet');
    await call(server.url, 'POST', '/api/events', {
      token,
      body: { key: 'folder:quiet', command: 'EDIT' },
    });
    await server.push.idle();
    expect(await pushService.messages(away.sub.clientHash)).toEqual([]);
  });

  it('does not push a key the client follows silently, and pushes it again once set back to alert', async () => {
    await call(server.url, 'POST', '/api/keys', {
      token,
      body: { key: 'folder:hushed', push: 'alert' },
    });
    const away = await clientWithPush('folder:hushed');
    const hush = await call(server.url, 'PUT', `/api/clients/${away.clientId}/keys`, {
      token,
      body: { silent: ['folder:hushed'] },
    });
    expect(hush.body.keys).toEqual(['folder:hushed']);
    const info = await call(server.url, 'GET', `/api/clients/${away.clientId}`, { token });
    expect(info.body.silentKeys).toEqual(['folder:hushed']);
    await call(server.url, 'POST', '/api/events', {
      token,
      body: { key: 'folder:hushed', command: 'EDIT' },
    });
    await server.push.idle();
    expect(await pushService.messages(away.sub.clientHash)).toEqual([]);

    await call(server.url, 'PUT', `/api/clients/${away.clientId}/keys`, {
      token,
      body: { alert: ['folder:hushed'] },
    });
    await call(server.url, 'POST', '/api/events', {
      token,
      body: { key: 'folder:hushed', command: 'EDIT' },
    });
    await server.push.idle();
    expect(await pushService.messages(away.sub.clientHash)).toHaveLength(1);
  });

  it('removes a subscription the push service says is gone (410), and keeps the client', async () => {
    await call(server.url, 'POST', '/api/keys', {
      token,
      body: { key: 'folder:expiring', push: 'alert' },
    });
    const away = await clientWithPush('folder:expiring');
    await pushService.expire(away.sub.clientHash);
    await call(server.url, 'POST', '/api/events', {
      token,
      body: { key: 'folder:expiring', command: 'EDIT' },
    });
    await server.push.idle();
    const info = await call(server.url, 'GET', `/api/clients/${away.clientId}`, { token });
    expect(info.status).toBe(200);
    expect(info.body.push).toBe(false);
  });
});
