// The notification service (the seed's notification server): publishes each event once to the log,
// sends it live to connected clients, and on reconnect compares counts before replaying what was missed.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type {
  ClientInfo,
  ReconnectAnswer,
  UpdateClientKeysRequest,
  Verdict,
} from '../../shared/api/clients.ts';
import type { PublishEventAnswer, PublishEventRequest } from '../../shared/api/events.ts';
import type { Notification } from '../../shared/api/notification.ts';
import type { ClientRow, KeyRecord, NotificationStore } from '../store/notification-store.ts';
import { LiveConnection } from './live-connection.ts';
import type { LiveHub } from './live-hub.ts';
import { pushPayload, type PushDispatcher } from './push-dispatcher.ts';
import { notificationFrame, resyncFrame, streamPreamble } from './sse-frame.ts';

export interface NotifierOptions {
  store: NotificationStore;
  hub: LiveHub;
  push?: PushDispatcher;
  /** Sent count ahead of the client's received count by at most this is "tolerated". */
  reconnectThreshold: number;
  replayPageSize: number;
  countsFlushMs: number;
  heartbeatMs: number;
  now?: () => number;
}

export type PublishResult =
  | { kind: 'published'; answer: PublishEventAnswer }
  | { kind: 'replayed'; answer: PublishEventAnswer }
  | { kind: 'conflict' };

/** A reconnect answer whose notifications are still the JSON stored in the log (no re-encoding). */
export interface ReconnectResult extends Omit<ReconnectAnswer, 'notifications'> {
  notificationsJson: string[];
}

const backlogPage = 1000;

export class Notifier {
  private readonly _store: NotificationStore;
  private readonly _hub: LiveHub;
  private readonly _push: PushDispatcher | undefined;
  private readonly _options: NotifierOptions;
  private readonly _now: () => number;
  /** Appends and deliveries run one at a time so every stream sees ids in increasing order. */
  private _publishing: Promise<unknown> = Promise.resolve();
  private _flushTimer: NodeJS.Timeout | undefined;
  private _stopped = false;

  constructor(options: NotifierOptions) {
    this._store = options.store;
    this._hub = options.hub;
    this._push = options.push;
    this._options = options;
    this._now = options.now ?? Date.now;
  }

  /** Starts heartbeats and count flushing; after an unclean stop, marks saved counts as uncertain. */
  async start(): Promise<void> {
    await this._store.beginRun();
    this._hub.startHeartbeat(this._options.heartbeatMs);
    this._flushTimer = setInterval(() => void this.flushCounts(), this._options.countsFlushMs);
    this._flushTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this._flushTimer);
    this._stopped = true;
    await this.flushCounts(true);
    this._hub.closeAll();
    await this._store.endRun();
  }

  /** Saves the counts of connections that changed (all of them when `all`). */
  async flushCounts(all = false): Promise<void> {
    const counts = [];
    for (const conn of this._hub.connections()) {
      if (!conn.dirty && !all) continue;
      conn.dirty = false;
      counts.push({
        clientId: conn.clientId,
        sentCount: conn.sentCount,
        lastSentId: conn.lastSentId,
      });
    }
    if (counts.length > 0) await this._store.saveCounts(counts);
  }

  /**
   * Appends the event to the log once and sends it to every live recipient. With an idempotency key, a
   * retry of the same request answers as the first did; the same key with another body conflicts.
   */
  async publish(
    userId: string,
    key: KeyRecord,
    event: PublishEventRequest,
    idempotencyKey?: string,
  ): Promise<PublishResult> {
    const at = this._now();
    const live = this._hub.liveCount(key.key);
    const recipients = { live, offline: Math.max(0, key.activeRegistrations - live) };
    const build = notificationBuilder(key.key, event, at);
    const claim = idempotencyKey
      ? {
          userId,
          idemKey: idempotencyKey,
          requestHash: createHash('sha256').update(JSON.stringify(event)).digest('hex'),
          answer: (id: number) => JSON.stringify({ id, recipients }),
          now: at,
        }
      : undefined;

    const run = this._publishing.then(async (): Promise<PublishResult> => {
      const result = await this._store.append({ key: key.key, at, build }, claim);
      if (result.kind === 'conflict') return result;
      if (result.kind === 'replayed') {
        return { kind: 'replayed', answer: JSON.parse(result.answer) as PublishEventAnswer };
      }
      this._deliver(key, [result.notification]);
      return { kind: 'published', answer: { id: result.notification.id, recipients } };
    });
    this._publishing = run.catch(() => undefined);
    return run;
  }

  /** Publishes several events of one key as server-side work (no idempotency key), in one append. */
  async publishMany(
    _userId: string,
    key: KeyRecord,
    events: PublishEventRequest[],
  ): Promise<number[]> {
    const at = this._now();
    const run = this._publishing.then(async () => {
      const stored = await this._store.appendMany(
        events.map((event) => ({
          key: key.key,
          at,
          build: notificationBuilder(key.key, event, at),
        })),
      );
      this._deliver(key, stored);
      return stored.map((n) => n.id);
    });
    this._publishing = run.catch(() => undefined);
    return run;
  }

  /** Live recipients get each frame; offline ones with push get one wake-up for the newest. */
  private _deliver(key: KeyRecord, stored: { id: number; json: string }[]) {
    for (const { id, json } of stored) this._hub.deliver(key.key, id, notificationFrame(id, json));
    const newest = stored.at(-1);
    if (
      newest &&
      key.push === 'alert' &&
      this._push &&
      key.activeRegistrations > this._hub.liveCount(key.key)
    ) {
      this._push.enqueue({
        notificationId: newest.id,
        key: key.key,
        payload: pushPayload(newest.json),
      });
    }
  }

  /**
   * Serves the client's event stream on `res` until it closes. With `after`, first sends every
   * notification after that id (the backlog), then live ones, in id order and each once.
   */
  async openStream(
    client: ClientRow,
    res: ServerResponse,
    after: number | undefined,
  ): Promise<void> {
    const previous = this._hub.get(client.id);
    const counts = previous ?? client;
    const conn = new LiveConnection(client.id, client.keys, res, {
      sentCount: counts.sentCount,
      lastSentId: counts.lastSentId,
      cursor: after ?? counts.lastSentId,
    });
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    // A peer that vanished without closing is found by TCP keep-alive probes besides the heartbeats.
    res.socket?.setKeepAlive(true, 30_000);
    res.write(streamPreamble);
    res.on('close', () => {
      conn.closed = true;
      if (this._stopped) return; // stop() saved every count already
      if (this._hub.detach(conn)) {
        void this._store.saveCounts([
          { clientId: conn.clientId, sentCount: conn.sentCount, lastSentId: conn.lastSentId },
        ]);
      }
      void this._store.touchClient(client.id, this._now());
    });
    // Attach first, then read the backlog: whatever is published meanwhile is held and sent after it.
    this._hub.attach(conn);
    await this._store.touchClient(client.id, this._now());
    if (after !== undefined) {
      if (await this._store.purgedSince(client.id, after)) {
        // The log no longer holds all the client lacks: tell it to run the reconnect check (→ resync).
        conn.end(resyncFrame);
        return;
      }
      for (;;) {
        const page = await this._store.missedSince(client.id, conn.cursor, backlogPage);
        for (const n of page) conn.write(n.id, notificationFrame(n.id, n.json));
        if (page.length < backlogPage || conn.closed) break;
        if (conn.congested) await conn.drained();
      }
    }
    conn.release();
  }

  /** The seed's reconnect check (FIG. 9/10): compare counts, then replay after `lastId` or order a resync. */
  async reconnect(
    client: ClientRow,
    receivedCount: number,
    lastId: number,
  ): Promise<ReconnectResult> {
    const live = this._hub.get(client.id);
    let sent = live ? live.sentCount : client.sentCount;
    const lastSent = live ? live.lastSentId : client.lastSentId;
    const head = await this._store.head();
    const uncertain = client.countsUncertain && !live;
    if (uncertain && receivedCount > sent && lastId <= head) {
      // After an unclean stop the saved count may lag what was really sent: accept the client's count
      // when the log shows that many notifications could have been sent to it.
      const couldHaveSent = await this._store.countMissed(client.id, lastSent, lastId);
      if (receivedCount - sent <= couldHaveSent) sent = receivedCount;
    }

    let verdict: Verdict;
    if (receivedCount > sent || lastId > head || (!uncertain && lastId > lastSent))
      verdict = 'resync';
    else if (sent - receivedCount > this._options.reconnectThreshold) verdict = 'resync';
    else if (await this._store.purgedSince(client.id, lastId)) verdict = 'resync';
    else verdict = sent === receivedCount ? 'match' : 'tolerated';

    if (verdict === 'resync') {
      const newHead = await this._store.resetClient(client.id);
      if (live)
        Object.assign(live, { sentCount: 0, lastSentId: newHead, cursor: newHead, dirty: false });
      await this._store.touchClient(client.id, this._now());
      return { verdict, sentCount: 0, lastId: newHead, notificationsJson: [], more: false };
    }

    const pageSize = this._options.replayPageSize;
    const page = await this._store.missedSince(client.id, lastId, pageSize + 1);
    const more = page.length > pageSize;
    if (more) page.length = pageSize;
    const sentCount = receivedCount + page.length;
    const newLastId = Math.max(lastId, page.at(-1)?.id ?? 0);
    if (live) {
      live.sentCount = sentCount;
      live.lastSentId = Math.max(live.lastSentId, newLastId);
    }
    await this._store.saveCounts([
      { clientId: client.id, sentCount, lastSentId: Math.max(newLastId, live?.lastSentId ?? 0) },
    ]);
    await this._store.forgetReadRegistrations(client.id, newLastId);
    await this._store.touchClient(client.id, this._now());
    return {
      verdict,
      sentCount,
      lastId: newLastId,
      notificationsJson: page.map((n) => n.json),
      more,
    };
  }

  /** Registers and deregisters keys at the head of the log; a live stream follows at once. */
  async updateKeys(clientId: string, changes: UpdateClientKeysRequest): Promise<string[]> {
    const keys = await this._store.updateClientKeys(clientId, changes);
    this._hub.setKeys(clientId, keys);
    return keys;
  }

  /** Ends every registration of the user's clients for `key` (the right to subscribe was taken away). */
  async dropRegistrations(userId: string, key: string): Promise<void> {
    for (const client of await this._store.listClients(userId)) {
      if (client.keys.includes(key)) await this.updateKeys(client.id, { remove: [key] });
    }
  }

  async deleteClient(clientId: string): Promise<void> {
    this._hub.get(clientId)?.close();
    await this._store.deleteClient(clientId);
  }

  /** The client as the API shows it, with live counts when it is connected. */
  clientInfo(client: ClientRow): ClientInfo {
    const live = this._hub.get(client.id);
    return {
      clientId: client.id,
      name: client.name,
      keys: client.keys,
      silentKeys: client.silentKeys,
      sentCount: live?.sentCount ?? client.sentCount,
      lastId: live?.lastSentId ?? client.lastSentId,
      connected: live !== undefined,
      push: client.push !== null,
      lastSeenAt: new Date(client.lastSeenAt).toISOString(),
    };
  }
}

/** The reconnect answer as JSON, splicing in the stored notification JSON as is. */
export function reconnectAnswerJson(r: ReconnectResult): string {
  return `{"verdict":"${r.verdict}","sentCount":${r.sentCount},"lastId":${r.lastId},"more":${r.more},"notifications":[${r.notificationsJson.join(',')}]}`;
}

/** Builds a notification's JSON once its id is known (inside the append). */
function notificationBuilder(key: string, event: PublishEventRequest, at: number) {
  return (id: number) => {
    const n: Notification = {
      id,
      key,
      command: event.command,
      change: event.change ?? null,
      source: event.source ?? null,
      at: new Date(at).toISOString(),
      title: event.title,
      body: event.body,
    };
    return JSON.stringify(n);
  };
}
