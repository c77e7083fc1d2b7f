// Random schedules of register, deregister, connect, disconnect, publish and reconnect against a real
// server: each client ends with exactly the notifications for its keys while registered, in id order,
// each once — or with an explicit resync, after which the same holds from the resync on.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../tests/support/sse-client.ts';
import { call, signUp, startTestServer, type TestServer } from '../../tests/support/test-server.ts';

const keyCount = 3;
const clientCount = 3;

type Step =
  | { op: 'register' | 'deregister'; client: number; key: number }
  | { op: 'connect' | 'disconnect' | 'reconnect'; client: number }
  | { op: 'publish'; key: number }
  | { op: 'tamper'; client: number }
  | { op: 'settle' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constantFrom('register' as const, 'deregister' as const),
    client: fc.nat(clientCount - 1),
    key: fc.nat(keyCount - 1),
  }),
  fc.record({
    op: fc.constantFrom('connect' as const, 'disconnect' as const, 'reconnect' as const),
    client: fc.nat(clientCount - 1),
  }),
  {
    arbitrary: fc.record({ op: fc.constant('publish' as const), key: fc.nat(keyCount - 1) }),
    weight: 3,
  },
  fc.constant({ op: 'settle' as const }),
  fc.record({ op: fc.constant('tamper' as const), client: fc.nat(clientCount - 1) }),
);

/** The PWA's side of the seed: de-duplicates by id and keeps receivedCount and lastId. */
class ModelClient {
  id = '';
  received: number[] = [];
  seen = new Set<number>();
  receivedCount = 0;
  lastId = 0;
  /** Id from which a resync restarted this client (0: never). */
  resyncedAt = 0;
  resyncs = 0;
  stream: SseClient | null = null;
  processed = 0;

  take(n: { id: number }) {
    if (this.seen.has(n.id)) return;
    this.seen.add(n.id);
    this.received.push(n.id);
    this.receivedCount++;
    this.lastId = Math.max(this.lastId, n.id);
  }

  /** Applies what the stream delivered so far. */
  drain() {
    if (!this.stream) return;
    const got = this.stream.notifications();
    for (; this.processed < got.length; this.processed++) this.take(got[this.processed]!);
  }
}

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer({ RECONNECT_THRESHOLD: '2', REPLAY_PAGE_SIZE: '4' });
  token = (await signUp(server.url, 'prop')).token;
});
afterAll(() => server.dispose());

let run = 0;

async function reconnectAll(c: ModelClient) {
  for (;;) {
    const res = await call(server.url, 'POST', `/api/clients/${c.id}/reconnect`, {
      token,
      body: { receivedCount: c.receivedCount, lastId: c.lastId },
    });
    expect(res.status).toBe(200);
    if (res.body.verdict === 'resync') {
      c.resyncs++;
      c.resyncedAt = res.body.lastId;
      c.received = [];
      c.seen.clear();
      c.receivedCount = 0;
      c.lastId = res.body.lastId;
      return;
    }
    for (const n of res.body.notifications) c.take(n);
    expect(res.body.sentCount).toBe(c.receivedCount);
    if (!res.body.more) return;
  }
}

/** Drops the stream abruptly: what arrived since the client last processed its stream is lost in flight. */
async function disconnect(c: ModelClient) {
  if (!c.stream) return;
  c.stream.close();
  c.stream = null;
  c.processed = 0;
}

describe('notification delivery under random schedules', () => {
  it('delivers exactly the notifications for each client while registered, in order, once — or resyncs', async () => {
    let resyncsSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 35 }), async (steps) => {
        run++;
        const keys = Array.from({ length: keyCount }, (_, i) => `prop:r${run}:k${i}`);
        for (const key of keys)
          await call(server.url, 'POST', '/api/keys', { token, body: { key } });
        const clients = Array.from({ length: clientCount }, () => new ModelClient());
        const registered = clients.map(() => new Set<number>());
        for (const c of clients) {
          c.id = (
            await call(server.url, 'POST', '/api/clients', { token, body: {} })
          ).body.clientId;
        }
        /** notification id → the clients registered for its key when it was published. */
        const recipients = new Map<number, Set<number>>();

        for (const step of steps) {
          switch (step.op) {
            case 'register':
            case 'deregister': {
              const body =
                step.op === 'register' ? { add: [keys[step.key]] } : { remove: [keys[step.key]] };
              await call(server.url, 'PUT', `/api/clients/${clients[step.client]!.id}/keys`, {
                token,
                body,
              });
              if (step.op === 'register') registered[step.client]!.add(step.key);
              else registered[step.client]!.delete(step.key);
              break;
            }
            case 'publish': {
              const res = await call(server.url, 'POST', '/api/events', {
                token,
                body: { key: keys[step.key], command: 'EDIT' },
              });
              expect(res.status).toBe(202);
              const to = new Set<number>();
              registered.forEach((set, i) => set.has(step.key) && to.add(i));
              recipients.set(res.body.id, to);
              break;
            }
            case 'connect': {
              const c = clients[step.client]!;
              if (c.stream) break;
              await reconnectAll(c);
              c.stream = await SseClient.open(
                `${server.url}/api/clients/${c.id}/events?after=${c.lastId}`,
                {
                  authorization: `Bearer ${token}`,
                },
              );
              break;
            }
            case 'disconnect':
              await disconnect(clients[step.client]!);
              break;
            case 'reconnect': {
              const c = clients[step.client]!;
              if (!c.stream) await reconnectAll(c);
              break;
            }
            case 'tamper': {
              // A client claiming more than was ever sent to it must be told to resync.
              const c = clients[step.client]!;
              if (c.stream) break;
              c.receivedCount += 3;
              const before = c.resyncs;
              await reconnectAll(c);
              expect(c.resyncs).toBe(before + 1);
              break;
            }
            case 'settle':
              await new Promise((r) => setTimeout(r, 15));
              for (const c of clients) c.drain();
              break;
          }
        }

        for (const [i, c] of clients.entries()) {
          await new Promise((r) => setTimeout(r, 5));
          await disconnect(c);
          await reconnectAll(c);
          resyncsSeen += c.resyncs;
          const expected = [...recipients]
            .filter(([id, to]) => to.has(i) && id > c.resyncedAt)
            .map(([id]) => id);
          // Exactly the expected ids, each once, first received in id order.
          expect(c.received).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
    // The schedules must reach the resync path too, or half the design goes untested.
    expect(resyncsSeen).toBeGreaterThan(0);
  }, 120_000);
});
