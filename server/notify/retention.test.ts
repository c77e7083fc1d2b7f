import { describe, expect, it } from 'vitest';
import { SqliteAccountStore } from '../store/sqlite-account-store.ts';
import { SqliteNotificationStore } from '../store/sqlite-notification-store.ts';
import { useTempDatabase } from '../store/temp-database.fixture.ts';
import { LiveHub } from './live-hub.ts';
import { Retention } from './retention.ts';

const day = 86_400_000;
const temp = useTempDatabase('cubby-retention-');

describe('Retention', () => {
  it('expires old notifications, long-gone clients, idempotency keys and sessions on each run', async () => {
    const store = new SqliteNotificationStore(temp.db);
    const accounts = new SqliteAccountStore(temp.db);
    let now = 100 * day;
    await accounts.createUser({ id: 'u1', username: 'u1', passwordHash: 'x', now });
    await accounts.createSession({ tokenHash: 'old', userId: 'u1', now, expiresAt: now + day });
    await accounts.createSession({
      tokenHash: 'new',
      userId: 'u1',
      now,
      expiresAt: now + 60 * day,
    });
    await store.defineKey({ key: 'folder:r', description: '', ownerId: 'u1', push: 'none', now });
    await store.createClient({ id: 'gone', userId: 'u1', name: '', keys: ['folder:r'], now });
    await store.createClient({ id: 'here', userId: 'u1', name: '', keys: ['folder:r'], now });
    const claim = { userId: 'u1', idemKey: 'k', requestHash: 'h', answer: () => '{}', now };
    await store.append({ key: 'folder:r', at: now, build: (id) => `{"id":${id}}` }, claim);

    const retention = new Retention({
      store,
      accounts,
      hub: new LiveHub(),
      policy: {
        notificationTtlMs: 7 * day,
        notificationLogCap: 1000,
        clientExpiryMs: 30 * day,
        idempotencyMs: day,
      },
      now: () => now,
    });
    now += 29 * day;
    await store.touchClient('here', now);
    expect(await retention.run()).toEqual({
      notifications: 1,
      clients: 0,
      idempotencyKeys: 1,
      sessions: 1,
    });
    now += 2 * day; // 'gone' was last seen 31 days ago, 'here' 2 days ago
    expect(await retention.run()).toEqual({
      notifications: 0,
      clients: 1,
      idempotencyKeys: 0,
      sessions: 0,
    });
    expect(await store.getClient('gone')).toBeNull();
    expect(await store.getClient('here')).not.toBeNull();
    expect(await accounts.findSession('new', now)).not.toBeNull();
  });
});
