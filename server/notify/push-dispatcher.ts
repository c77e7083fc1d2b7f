// Wakes registered clients that are not connected with a Web Push message, in the background.
// Push is a wake-up and an alert, never the store: the notification stays in the log regardless.
import type { NotificationStore, PushSubscriptionRecord } from '../store/notification-store.ts';
import type { LiveHub } from './live-hub.ts';

export type PushOutcome =
  | { status: 'delivered'; statusCode: number }
  | { status: 'gone'; statusCode: number }
  | { status: 'failed'; statusCode?: number; reason: string };

export interface PushMessage {
  payload: string;
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  topic?: string;
}

/** What the dispatcher needs of a sender (server/push/push-sender.ts is the real one). */
export interface PushTransport {
  send(subscription: PushSubscriptionRecord, message: PushMessage): Promise<PushOutcome>;
}

export interface PushJob {
  notificationId: number;
  key: string;
  /** The push payload: the notification, trimmed to fit a push message. */
  payload: string;
}

/** Push services accept about 4 KB of payload after encryption overhead. */
const maxPayloadBytes = 3000;
const pageSize = 500;

export class PushDispatcher {
  private readonly _store: NotificationStore;
  private readonly _hub: LiveHub;
  private readonly _transport: PushTransport;
  private readonly _ttlSeconds: number;
  /** Jobs not started yet, one per key: a newer notification replaces an older one, as the Topic would. */
  private readonly _pending = new Map<string, PushJob>();
  private _running: Promise<void> | null = null;
  private readonly _stats = { delivered: 0, gone: 0, failed: 0 };

  constructor(options: {
    store: NotificationStore;
    hub: LiveHub;
    transport: PushTransport;
    ttlSeconds: number;
  }) {
    this._store = options.store;
    this._hub = options.hub;
    this._transport = options.transport;
    this._ttlSeconds = options.ttlSeconds;
  }

  get stats(): Readonly<{ delivered: number; gone: number; failed: number }> {
    return this._stats;
  }

  enqueue(job: PushJob): void {
    this._pending.set(job.key, job);
    this._running ??= this._drain().finally(() => (this._running = null));
  }

  /** Resolves when every queued job has been sent (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this._running) await this._running;
  }

  private async _drain(): Promise<void> {
    for (;;) {
      const next = this._pending.entries().next();
      if (next.done) return;
      const [key, job] = next.value;
      this._pending.delete(key);
      await this._run(job);
    }
  }

  private async _run(job: PushJob): Promise<void> {
    const message: PushMessage = {
      payload: job.payload,
      ttlSeconds: this._ttlSeconds,
      urgency: 'normal',
      topic: job.key,
    };
    let after = 0;
    for (;;) {
      const targets = await this._store.pushTargets(job.key, job.notificationId, after, pageSize);
      const sends = targets
        .filter((t) => !this._hub.isLive(t.clientId))
        .map(async (t) => {
          const outcome = await this._transport.send(t.subscription, message);
          this._stats[outcome.status]++;
          if (outcome.status === 'gone') {
            await this._store.removePushSubscription(t.clientId, t.subscription.endpoint);
          }
        });
      await Promise.all(sends);
      if (targets.length < pageSize) return;
      after = targets[targets.length - 1]!.cursor;
    }
  }
}

/** The push payload for a notification: all of it when it fits, else without `change`. */
export function pushPayload(json: string): string {
  if (Buffer.byteLength(json) <= maxPayloadBytes) return json;
  const { change: _change, ...rest } = JSON.parse(json) as Record<string, unknown>;
  let trimmed = JSON.stringify({ ...rest, truncated: true });
  if (Buffer.byteLength(trimmed) > maxPayloadBytes) {
    const { body: _body, ...noBody } = rest;
    trimmed = JSON.stringify({ ...noBody, truncated: true });
  }
  return trimmed;
}
