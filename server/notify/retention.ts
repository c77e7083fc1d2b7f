// Retention: notifications past their TTL or beyond the log cap, clients not seen for long, stale
// idempotency keys and sessions are removed on a timer.
import { BackgroundPass } from '../background-pass.ts';
import type { AccountStore } from '../store/account-store.ts';
import type { NotificationStore } from '../store/notification-store.ts';
import type { LiveHub } from './live-hub.ts';

export interface RetentionPolicy {
  notificationTtlMs: number;
  notificationLogCap: number;
  clientExpiryMs: number;
  /** How long a publish's Idempotency-Key is remembered. */
  idempotencyMs: number;
}

export interface RetentionReport {
  notifications: number;
  clients: number;
  idempotencyKeys: number;
  sessions: number;
}

export class Retention {
  private readonly _store: NotificationStore;
  private readonly _accounts: AccountStore;
  private readonly _hub: LiveHub;
  private readonly _policy: RetentionPolicy;
  private readonly _now: () => number;
  private readonly _pass = new BackgroundPass('retention', () => this.run());

  constructor(options: {
    store: NotificationStore;
    accounts: AccountStore;
    hub: LiveHub;
    policy: RetentionPolicy;
    now?: () => number;
  }) {
    this._store = options.store;
    this._accounts = options.accounts;
    this._hub = options.hub;
    this._policy = options.policy;
    this._now = options.now ?? Date.now;
  }

  /** One pass; connected clients count as seen now, so only clients long away expire. */
  async run(): Promise<RetentionReport> {
    const now = this._now();
    for (const conn of this._hub.connections()) await this._store.touchClient(conn.clientId, now);
    return {
      notifications: await this._store.purgeNotifications(
        now - this._policy.notificationTtlMs,
        this._policy.notificationLogCap,
      ),
      clients: await this._store.removeStaleClients(now - this._policy.clientExpiryMs),
      idempotencyKeys: await this._store.expireIdempotency(now - this._policy.idempotencyMs),
      sessions: await this._accounts.deleteExpiredSessions(now),
    };
  }

  start(everyMs: number): void {
    this._pass.start(everyMs);
  }

  stop(): void {
    this._pass.stop();
  }
}
