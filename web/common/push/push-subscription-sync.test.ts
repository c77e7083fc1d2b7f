// The subscribe path, with a stand-in PushManager: browser tests cannot subscribe (the headless
// Chromium here cannot reach a vendor push service), so this is where it is exercised.
import { describe, expect, it } from 'vitest';
import type { PushSubscriptionRequest } from '../../../shared/api/push.ts';
import { applicationServerKey } from './application-server-key.ts';
import {
  dropPushSubscription,
  ensurePushSubscription,
  type PushSubscriber,
} from './push-subscription-sync.ts';

const serverKey = 'BAECAwQ'; // base64url of 04 01 02 03 04
const otherKey = 'BAUGBwg';

function fakeSubscription(key: string, endpoint: string, log: string[]) {
  const bytes = applicationServerKey(key);
  return {
    endpoint,
    options: { applicationServerKey: bytes.buffer, userVisibleOnly: true },
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: 'p', auth: 'a' } }),
    unsubscribe: async () => {
      log.push(`unsubscribe ${endpoint}`);
      return true;
    },
  } as unknown as PushSubscription;
}

function fakePushManager(existing: PushSubscription | null, log: string[]) {
  let current = existing;
  const manager: PushSubscriber = {
    getSubscription: async () => current,
    subscribe: async (options?: PushSubscriptionOptionsInit) => {
      const key = options?.applicationServerKey as Uint8Array;
      log.push(`subscribe userVisibleOnly=${options?.userVisibleOnly} key=${[...key].join(',')}`);
      current = fakeSubscription(serverKey, 'https://push.example/new', log);
      return current;
    },
  };
  return manager;
}

function fakeServer(log: string[]) {
  const saved: PushSubscriptionRequest[] = [];
  return {
    saved,
    publicKey: async () => serverKey,
    save: async (s: PushSubscriptionRequest) => void saved.push(s),
    remove: async () => void log.push('server forgets'),
  };
}

describe('ensurePushSubscription', () => {
  it("subscribes user-visible with the server's key and sends the subscription", async () => {
    const log: string[] = [];
    const server = fakeServer(log);
    await ensurePushSubscription(fakePushManager(null, log), server);
    expect(log).toEqual(['subscribe userVisibleOnly=true key=4,1,2,3,4']);
    expect(server.saved).toEqual([
      {
        endpoint: 'https://push.example/new',
        keys: { p256dh: 'p', auth: 'a' },
        expirationTime: null,
      },
    ]);
  });

  it('sends an existing subscription again at every start without subscribing anew', async () => {
    const log: string[] = [];
    const server = fakeServer(log);
    const existing = fakeSubscription(serverKey, 'https://push.example/old', log);
    await ensurePushSubscription(fakePushManager(existing, log), server);
    expect(log).toEqual([]);
    expect(server.saved.map((s) => s.endpoint)).toEqual(['https://push.example/old']);
  });

  it('replaces a subscription made with another server key', async () => {
    const log: string[] = [];
    const server = fakeServer(log);
    const stale = fakeSubscription(otherKey, 'https://push.example/stale', log);
    await ensurePushSubscription(fakePushManager(stale, log), server);
    expect(log).toEqual([
      'unsubscribe https://push.example/stale',
      'subscribe userVisibleOnly=true key=4,1,2,3,4',
    ]);
    expect(server.saved.map((s) => s.endpoint)).toEqual(['https://push.example/new']);
  });
});

describe('dropPushSubscription', () => {
  it('unsubscribes the browser and tells the server', async () => {
    const log: string[] = [];
    const existing = fakeSubscription(serverKey, 'https://push.example/x', log);
    await dropPushSubscription(fakePushManager(existing, log), fakeServer(log));
    expect(log).toEqual(['unsubscribe https://push.example/x', 'server forgets']);
  });

  it('still tells the server when the browser has no subscription', async () => {
    const log: string[] = [];
    await dropPushSubscription(fakePushManager(null, log), fakeServer(log));
    expect(log).toEqual(['server forgets']);
  });
});
