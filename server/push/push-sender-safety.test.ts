// Outbound safety of PushSender: where it refuses to connect, proven against real listeners.
// There is no DNS in the test environment, so names are resolved by an injected lookup that
// answers with the address each test chooses; the sender's own address check still applies.
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAllowedHosts } from './endpoint-policy.ts';
import { PushSender, type PushMessage, type PushOutcome } from './push-sender.ts';
import { startRecordingServer, type RecordingServer } from './testing/recording-server.ts';
import { newClientKeys, newVapidKeys } from './testing/test-keys.ts';

const vapid = newVapidKeys();
const message: PushMessage = { payload: 'secret', ttlSeconds: 60, urgency: 'normal' };
const cleanup: Array<() => unknown> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function listener(): Promise<RecordingServer> {
  const server = await startRecordingServer(() => ({ status: 201 }));
  cleanup.push(() => server.close());
  return server;
}

function sender(options: { testOrigins?: string[]; resolve?: LookupFunction } = {}): PushSender {
  const pushSender = new PushSender({
    vapid,
    subject: 'mailto:ops@cubby.example',
    policy: { allowedHosts: [...defaultAllowedHosts], testOrigins: options.testOrigins ?? [] },
    lookup: options.resolve,
    maxAttempts: 1,
  });
  cleanup.push(() => pushSender.close());
  return pushSender;
}

/** A resolver that answers every name with `address` and records the names it was asked. */
function resolvingTo(address: string, asked: string[] = []): LookupFunction {
  return (hostname, _options, callback) => {
    asked.push(hostname);
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 } satisfies LookupAddress]);
  };
}

const reasonOf = (outcome: PushOutcome) => (outcome.status === 'failed' ? outcome.reason : '');

describe('PushSender outbound safety', () => {
  it.each([
    ['plain http', (port: number) => `http://fcm.googleapis.com:${port}/fcm/send/x`],
    ['an IPv4 literal', (port: number) => `https://127.0.0.1:${port}/push/x`],
    ['an IPv4 literal over http', (port: number) => `http://127.0.0.1:${port}/push/x`],
    ['a bracketed IPv6 literal', (port: number) => `https://[::1]:${port}/push/x`],
    ['an IPv4-mapped IPv6 literal', (port: number) => `https://[::ffff:127.0.0.1]:${port}/x`],
    ['a decimal IPv4 literal', (port: number) => `https://2130706433:${port}/push/x`],
    ['localhost', (port: number) => `https://localhost:${port}/push/x`],
    ['a host off the allow-list', (port: number) => `https://evil.example:${port}/push/x`],
    [
      'a push host in the path',
      (port: number) => `https://evil.example:${port}/fcm.googleapis.com/x`,
    ],
    [
      'a push host as a prefix',
      (port: number) => `https://fcm.googleapis.com.evil.example:${port}/x`,
    ],
    ['user info', (port: number) => `https://fcm.googleapis.com@127.0.0.1:${port}/x`],
  ])('refuses %s before connecting', async (_name, endpointAt) => {
    const server = await listener();
    const port = Number(new URL(server.origin).port);
    const asked: string[] = [];
    const outcome = await sender({ resolve: resolvingTo('127.0.0.1', asked) }).send(
      { endpoint: endpointAt(port), keys: newClientKeys() },
      message,
    );
    expect(outcome.status).toBe('failed');
    expect(reasonOf(outcome)).toMatch(/^(endpoint_not_allowed|invalid_endpoint): /);
    expect(asked).toEqual([]);
    expect(server.connections).toBe(0);
  });

  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.20',
    '100.64.0.7',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
  ])('refuses, when connecting, an allowed push host that resolves to %s', async (address) => {
    const server = await listener();
    const port = Number(new URL(server.origin).port);
    const asked: string[] = [];
    const outcome = await sender({ resolve: resolvingTo(address, asked) }).send(
      { endpoint: `https://fcm.googleapis.com:${port}/fcm/send/x`, keys: newClientKeys() },
      message,
    );
    expect(outcome).toMatchObject({ status: 'failed' });
    expect(reasonOf(outcome)).toBe(
      `address_refused: fcm.googleapis.com resolves to ${address}, which is not a public address.`,
    );
    expect(asked).toEqual(['fcm.googleapis.com']); // the check ran at connection time
    expect(server.connections).toBe(0);
  });

  it('lets a test origin through for its exact origin only', async () => {
    const server = await listener();
    const port = Number(new URL(server.origin).port);
    const push = sender({ testOrigins: [server.origin] });
    const keys = newClientKeys();
    expect(await push.send({ endpoint: `${server.origin}/push/x`, keys }, message)).toEqual({
      status: 'delivered',
      statusCode: 201,
    });
    for (const endpoint of [
      `http://localhost:${port}/push/x`,
      `http://[::ffff:127.0.0.1]:${port}/push/x`,
      `https://127.0.0.1:${port}/push/x`,
    ]) {
      const outcome = await push.send({ endpoint, keys }, message);
      expect(reasonOf(outcome), endpoint).toMatch(/^endpoint_not_allowed/);
    }
    expect(server.requests).toHaveLength(1);
  });

  it('refuses subscription keys that are not a P-256 point and a 16-byte secret', async () => {
    const server = await listener();
    const push = sender({ testOrigins: [server.origin] });
    const endpoint = `${server.origin}/push/x`;
    const keys = newClientKeys();
    const point = Buffer.from(keys.p256dh, 'base64url');
    point[64] = (point[64] ?? 0) ^ 1;
    for (const bad of [
      { ...keys, p256dh: point.toString('base64url') },
      { ...keys, p256dh: point.subarray(0, 64).toString('base64url') },
      { ...keys, auth: Buffer.alloc(15, 1).toString('base64url') },
    ]) {
      expect(reasonOf(await push.send({ endpoint, keys: bad }, message))).toMatch(/^invalid_keys/);
    }
    expect(server.connections).toBe(0);
  });
});
