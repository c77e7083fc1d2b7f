// PushSender's handling of push-service answers, against real node:http servers on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAllowedHosts } from './endpoint-policy.ts';
import { PushSender, type PushMessage, type PushSenderOptions } from './push-sender.ts';
import {
  startRecordingServer,
  type Answer,
  type RecordingServer,
} from './testing/recording-server.ts';
import { newClientKeys, newVapidKeys } from './testing/test-keys.ts';
import { verifyVapidHeader } from './testing/verify-vapid-header.ts';

const vapid = newVapidKeys();
const message: PushMessage = { payload: 'hello', ttlSeconds: 3600, urgency: 'high' };
const cleanup: Array<() => unknown> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function receiver(answer: (n: number) => Answer, delayMs = 0): Promise<RecordingServer> {
  const server = await startRecordingServer(answer, delayMs);
  cleanup.push(() => server.close());
  return server;
}

function senderFor(origins: string[], options: Partial<PushSenderOptions> = {}): PushSender {
  const sender = new PushSender({
    vapid,
    subject: 'mailto:ops@cubby.example',
    policy: { allowedHosts: [...defaultAllowedHosts], testOrigins: origins },
    backoffBaseMs: 10,
    ...options,
  });
  cleanup.push(() => sender.close());
  return sender;
}

const subscriptionAt = (server: RecordingServer, path = '/push/abc') => ({
  endpoint: `${server.origin}${path}`,
  keys: newClientKeys(),
});

describe('PushSender requests', () => {
  it('sends TTL, Urgency, Topic, aes128gcm and a VAPID token for the push-service origin', async () => {
    const server = await receiver(() => ({ status: 201 }));
    const now = Date.now();
    const sender = senderFor([server.origin], { now: () => now });
    const subscription = subscriptionAt(server, '/push/abc?x=1');
    await sender.send(subscription, { ...message, topic: 'folder-abc' });
    await sender.send(subscription, {
      ...message,
      topic: 'folder:abc/with spaces and more than 32 chars',
    });
    const [first, second] = server.requests;
    expect(first?.method).toBe('POST');
    expect(first?.path).toBe('/push/abc?x=1');
    expect(first?.headers).toMatchObject({
      ttl: '3600',
      urgency: 'high',
      topic: 'folder-abc',
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
    });
    expect(first?.body.length).toBe(86 + 'hello'.length + 1 + 16);
    expect(second?.headers.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const vapidHeader = verifyVapidHeader(String(first?.headers.authorization), vapid.publicKey);
    expect(vapidHeader.valid).toBe(true);
    expect(vapidHeader.claims.aud).toBe(server.origin);
    expect(vapidHeader.claims.sub).toBe('mailto:ops@cubby.example');
    expect(vapidHeader.claims.exp).toBeLessThanOrEqual(now / 1000 + 24 * 3600);
    // Signed once for the origin, not once per message.
    expect(second?.headers.authorization).toBe(first?.headers.authorization);
  });

  it('retries a 429, waiting as long as Retry-After says, then delivers', async () => {
    const server = await receiver((n) =>
      n === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 201 },
    );
    const sender = senderFor([server.origin]);
    const started = performance.now();
    const outcome = await sender.send(subscriptionAt(server), message);
    expect(outcome).toEqual({ status: 'delivered', statusCode: 201 });
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests[1]?.body.equals(server.requests[0]?.body ?? Buffer.alloc(0))).toBe(true);
  });

  it('retries 5xx with backoff a bounded number of times, then fails without calling it gone', async () => {
    const server = await receiver(() => ({ status: 503 }));
    const sender = senderFor([server.origin], { maxAttempts: 3 });
    const outcome = await sender.send(subscriptionAt(server), message);
    expect(outcome).toMatchObject({ status: 'failed', statusCode: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('fails at once when Retry-After asks for longer than it is willing to wait', async () => {
    const server = await receiver(() => ({ status: 429, headers: { 'Retry-After': '3600' } }));
    const sender = senderFor([server.origin], { maxRetryDelayMs: 5_000 });
    const outcome = await sender.send(subscriptionAt(server), message);
    expect(outcome).toMatchObject({ status: 'failed', statusCode: 429 });
    expect(server.requests).toHaveLength(1);
  });

  it('calls 404 and 410 gone, and nothing else', async () => {
    const statuses = [404, 410, 400, 401, 403, 413, 200, 204];
    const server = await receiver((n) => ({ status: statuses[n] ?? 500 }));
    const sender = senderFor([server.origin], { maxAttempts: 1 });
    const outcomes = [];
    for (const _ of statuses) outcomes.push(await sender.send(subscriptionAt(server), message));
    expect(outcomes.map((o) => o.status)).toEqual([
      'gone',
      'gone',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(outcomes.map((o) => o.statusCode)).toEqual(statuses);
  });

  it('does not follow a redirect, not even to an allowed test origin', async () => {
    const target = await receiver(() => ({ status: 201 }));
    const redirecting = await receiver(() => ({
      status: 301,
      headers: { Location: `${target.origin}/push/abc` },
    }));
    const sender = senderFor([redirecting.origin, target.origin]);
    const outcome = await sender.send(subscriptionAt(redirecting), message);
    expect(outcome).toMatchObject({ status: 'failed', statusCode: 301 });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(/^redirect_refused/);
    expect(redirecting.requests).toHaveLength(1);
    expect(target.requests).toHaveLength(0);
    expect(target.connections).toBe(0);
  });

  it('gives up on a push service that does not answer within the timeout', async () => {
    const server = await receiver(() => ({ status: 201, hang: true }));
    const sender = senderFor([server.origin], { timeoutMs: 200, maxAttempts: 2 });
    const started = performance.now();
    const outcome = await sender.send(subscriptionAt(server), message);
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(/timeout/);
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('keeps at most `concurrency` requests and sockets open, however many sends are queued', async () => {
    const server = await receiver(() => ({ status: 201 }), 5);
    const sender = senderFor([server.origin], { concurrency: 4 });
    const subscription = subscriptionAt(server);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () => sender.send(subscription, message)),
    );
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true);
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.connections).toBeLessThanOrEqual(4);
  });

  it('rejects with the abort reason when the signal fires, before or while waiting', async () => {
    const server = await receiver(() => ({ status: 201 }), 50);
    const sender = senderFor([server.origin], { concurrency: 1 });
    const subscription = subscriptionAt(server);
    const first = sender.send(subscription, message);
    const controller = new AbortController();
    const queued = sender.send(subscription, message, controller.signal);
    controller.abort(new Error('client reconnected'));
    await expect(queued).rejects.toThrow('client reconnected');
    await expect(sender.send(subscription, message, controller.signal)).rejects.toThrow(
      'client reconnected',
    );
    expect((await first).status).toBe('delivered');
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a malformed message as a programming error', async () => {
    const server = await receiver(() => ({ status: 201 }));
    const sender = senderFor([server.origin]);
    const subscription = subscriptionAt(server);
    await expect(sender.send(subscription, { ...message, ttlSeconds: -1 })).rejects.toThrow(
      RangeError,
    );
    await expect(sender.send(subscription, { ...message, ttlSeconds: 1.5 })).rejects.toThrow(
      RangeError,
    );
    const urgency = 'urgent' as PushMessage['urgency'];
    await expect(sender.send(subscription, { ...message, urgency })).rejects.toThrow(RangeError);
    await expect(
      sender.send(subscription, { ...message, payload: 'x'.repeat(4000) }),
    ).rejects.toThrow(/3993/);
    expect(server.requests).toHaveLength(0);
  });

  it('after close, pending and later sends fail as sender_closed', async () => {
    const server = await receiver(() => ({ status: 201 }), 100);
    const sender = senderFor([server.origin], { concurrency: 1, maxAttempts: 1 });
    const subscription = subscriptionAt(server);
    const inFlight = sender.send(subscription, message);
    const queued = sender.send(subscription, message);
    await new Promise((resolve) => setTimeout(resolve, 20));
    sender.close();
    expect(await queued).toEqual({ status: 'failed', reason: 'sender_closed' });
    expect((await inFlight).status).toBe('failed');
    expect(await sender.send(subscription, message)).toEqual({
      status: 'failed',
      reason: 'sender_closed',
    });
  });
});
