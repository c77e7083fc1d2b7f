import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../tests/support/sse-client.ts';
import { call, openTestApp, signUp, type TestApp } from './test-app.fixture.ts';

let server: TestApp;
/** The same app on a loopback port, for the event stream (it needs a real socket). */
let streamBase: string;
let alice: { token: string };
let bob: { token: string };

beforeAll(async () => {
  server = await openTestApp({ RECONNECT_THRESHOLD: '3', REPLAY_PAGE_SIZE: '5' });
  streamBase = await server.listen();
  alice = await signUp(server, 'alice');
  bob = await signUp(server, 'bob');
});
afterAll(() => server.dispose());

let keySeq = 0;
async function newKey(push: 'alert' | 'none' = 'none') {
  const key = `folder:k${++keySeq}`;
  await call(server, 'POST', '/api/keys', { token: alice.token, body: { key, push } });
  return key;
}
async function newClient(keys: string[], token = alice.token): Promise<string> {
  const res = await call(server, 'POST', '/api/clients', { token, body: { keys } });
  expect(res.status).toBe(201);
  return res.body.clientId;
}
async function publish(
  key: string,
  command = 'EDIT',
  extra: Record<string, unknown> = {},
  headers = {},
) {
  return call(server, 'POST', '/api/events', {
    token: alice.token,
    body: { key, command, change: { n: keySeq }, ...extra },
    headers,
  });
}
function stream(clientId: string, query = '', headers: Record<string, string> = {}) {
  return SseClient.open(`${streamBase}/api/clients/${clientId}/events${query}`, {
    authorization: `Bearer ${alice.token}`,
    ...headers,
  });
}
function reconnect(clientId: string, receivedCount: number, lastId: number) {
  return call(server, 'POST', `/api/clients/${clientId}/reconnect`, {
    token: alice.token,
    body: { receivedCount, lastId },
  });
}

describe('publishing', () => {
  it('answers 202 with the id and live/offline recipients', async () => {
    const key = await newKey();
    const live = await newClient([key]);
    await newClient([key]);
    const sse = await stream(live);
    const res = await publish(key, 'ADD', {
      title: 'New file',
      body: 'report.pdf',
      source: 'test',
    });
    expect(res.status).toBe(202);
    expect(res.body.recipients).toEqual({ live: 1, offline: 1 });
    await sse.until((s) => s.notifications().length === 1);
    const [n] = sse.notifications<Record<string, unknown>>();
    expect(n).toMatchObject({
      id: res.body.id,
      key,
      command: 'ADD',
      title: 'New file',
      body: 'report.pdf',
      source: 'test',
    });
    expect(sse.events[0]!.id).toBe(String(res.body.id));
    sse.close();
  });

  it('gives each event one increasing id however many clients it reaches', async () => {
    const key = await newKey();
    for (let i = 0; i < 5; i++) await newClient([key]);
    const a = await publish(key);
    const b = await publish(key);
    expect(b.body.id).toBe(a.body.id + 1);
  });

  it('refuses publishing without the right (403), to an unknown key (404), and a change over 4 KB (413)', async () => {
    const key = await newKey();
    await call(server, 'PUT', `/api/keys/${key}/grants`, {
      token: alice.token,
      body: { username: 'bob', rights: ['subscribe'] },
    });
    const noRight = await call(server, 'POST', '/api/events', {
      token: bob.token,
      body: { key, command: 'EDIT' },
    });
    expect(noRight.status).toBe(403);
    expect(noRight.body.error.code).toBe('forbidden');
    const unknown = await publish('folder:does-not-exist');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('key_not_found');
    const big = await publish(key, 'EDIT', { change: { text: 'x'.repeat(4100) } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const bad = await publish(key, 'edit');
    expect(bad.status).toBe(400);
    const huge = await call(server, 'POST', '/api/events', {
      token: alice.token,
      raw: JSON.stringify({ key, command: 'EDIT', pad: 'x'.repeat(70_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    // None of the refused events reached the log.
    expect(await server.services.store.missedSince(await newClient([key]), 0, 10)).toEqual([]);
  });

  it('de-duplicates a retried publish by Idempotency-Key, and refuses the key for another event', async () => {
    const key = await newKey();
    const client = await newClient([key]);
    const first = await publish(key, 'EDIT', {}, { 'idempotency-key': 'retry-1' });
    const retry = await publish(key, 'EDIT', {}, { 'idempotency-key': 'retry-1' });
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual(first.body);
    const other = await publish(key, 'DELETE', {}, { 'idempotency-key': 'retry-1' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
    const replay = await reconnect(client, 0, 0);
    expect(replay.body.notifications.map((n: { id: number }) => n.id)).toEqual([first.body.id]);
  });
});

describe('live stream and reconnect', () => {
  it('keeps what an offline client missed and replays it on reconnect (match), paginated', async () => {
    const key = await newKey();
    const client = await newClient([key]);
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push((await publish(key)).body.id);

    const page1 = await reconnect(client, 0, 0);
    expect(page1.body).toMatchObject({
      verdict: 'match',
      more: true,
      sentCount: 5,
      lastId: ids[4],
    });
    expect(page1.body.notifications.map((n: { id: number }) => n.id)).toEqual(ids.slice(0, 5));
    const page2 = await reconnect(client, 5, ids[4]!);
    expect(page2.body).toMatchObject({
      verdict: 'match',
      more: false,
      sentCount: 7,
      lastId: ids[6],
    });
    expect(page2.body.notifications.map((n: { id: number }) => n.id)).toEqual(ids.slice(5));
    const nothing = await reconnect(client, 7, ids[6]!);
    expect(nothing.body).toMatchObject({ verdict: 'match', notifications: [], more: false });
  });

  it('counts live sends; a client that lost a few in flight is tolerated and gets them again', async () => {
    const key = await newKey();
    const client = await newClient([key]);
    const sse = await stream(client, '?after=0');
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await publish(key)).body.id);
    await sse.until((s) => s.notifications().length === 4);
    sse.close();
    await new Promise((r) => setTimeout(r, 50));
    const info = await call(server, 'GET', `/api/clients/${client}`, { token: alice.token });
    expect(info.body).toMatchObject({ sentCount: 4, lastId: ids[3], connected: false });

    // The client only saw the first two (the last two were lost when the connection dropped).
    const res = await reconnect(client, 2, ids[1]!);
    expect(res.body.verdict).toBe('tolerated');
    expect(res.body.notifications.map((n: { id: number }) => n.id)).toEqual(ids.slice(2));
    expect(res.body.sentCount).toBe(4);
  });

  it('orders a resync when the gap passes the threshold or the client is ahead, and clears its state', async () => {
    const key = await newKey();
    const client = await newClient([key]);
    const sse = await stream(client, '?after=0');
    for (let i = 0; i < 5; i++) await publish(key);
    await sse.until((s) => s.notifications().length === 5);
    sse.close();

    const gap = await reconnect(client, 1, sse.notifications()[0]!.id);
    expect(gap.body).toMatchObject({
      verdict: 'resync',
      sentCount: 0,
      notifications: [],
      more: false,
    });
    const head = gap.body.lastId as number;
    // Counts were cleared: from the head, the client is in step again.
    expect((await reconnect(client, 0, head)).body.verdict).toBe('match');

    const ahead = await reconnect(client, 3, head);
    expect(ahead.body.verdict).toBe('resync');
  });

  it('resumes a stream from Last-Event-ID with the backlog first, then live, each once', async () => {
    const key = await newKey();
    const client = await newClient([key]);
    const first = (await publish(key)).body.id as number;
    const second = (await publish(key)).body.id as number;
    const sse = await stream(client, '', { 'last-event-id': String(first) });
    const third = (await publish(key)).body.id as number;
    await sse.until((s) => s.notifications().length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(sse.notifications().map((n) => n.id)).toEqual([second, third]);
    sse.close();
  });

  it('follows key changes at once and replays only the time a key was registered', async () => {
    const k1 = await newKey();
    const k2 = await newKey();
    const client = await newClient([k1]);
    const before = (await publish(k2)).body.id; // not registered yet: never delivered
    await call(server, 'PUT', `/api/clients/${client}/keys`, {
      token: alice.token,
      body: { add: [k2] },
    });
    const during = (await publish(k2)).body.id;
    await call(server, 'PUT', `/api/clients/${client}/keys`, {
      token: alice.token,
      body: { remove: [k2] },
    });
    const after = (await publish(k2)).body.id;
    const res = await reconnect(client, 0, 0);
    const got = res.body.notifications.map((n: { id: number }) => n.id);
    expect(got).toEqual([during]);
    expect(got).not.toContain(before);
    expect(got).not.toContain(after);
  });

  it('orders a resync when retention purged something the client lacks', async () => {
    const key = await newKey();
    const client = await newClient([key]);
    await publish(key);
    await server.services.store.purgeNotifications(Date.now() + 1000, 1_000_000);
    // A stream resumed across the purge is told to run the check, and closed.
    const sse = await stream(client, '?after=0');
    await sse.until((s) => s.closed);
    expect(sse.events.map((e) => e.event)).toEqual(['resync']);
    const res = await reconnect(client, 0, 0);
    expect(res.body.verdict).toBe('resync');
  });

  it('rejects a malformed after or Last-Event-ID with 400', async () => {
    const key = await newKey();
    const client = await newClient([key]);
    const res = await call(server, 'GET', `/api/clients/${client}/events?after=abc`, {
      token: alice.token,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });
});
