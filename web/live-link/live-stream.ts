// The leader tab's connection to the server: the reconnect check, then the event stream, driven by
// the link state machine; notifications are stored with their counts in batches and handed on.
import type { Notification } from '../../shared/api/notification.ts';
import type { ApiClient } from '../common/api/api-client.ts';
import { ApiError } from '../common/api/api-error.ts';
import { recordLive } from '../common/db/inbox-store.ts';
import type { CubbyDatabase } from '../common/db/open.ts';
import type { InboxEntry } from '../common/inbox/inbox-entry.ts';
import { catchUpClient } from '../common/live/catch-up-client.ts';
import {
  initialLinkState,
  stepLink,
  type LinkAction,
  type LinkInput,
  type LinkState,
  type LinkStatus,
} from '../common/live/link-state.ts';

/** Live notifications stored (and rendered) together at most. */
const maxBatch = 200;

export interface LiveStreamHandlers {
  status(status: LinkStatus): void;
  /** Entries newly stored; `live` ones came on the open stream, the others from a catch-up. */
  entries(entries: InboxEntry[], how: 'live' | 'caught-up'): void;
  resynced(): void;
  /** The server no longer accepts the session (401) or knows the client (404). */
  lost(reason: 'session' | 'client'): void;
}

export class LiveStream {
  private readonly _db: CubbyDatabase;
  private readonly _api: ApiClient;
  private readonly _clientId: string;
  private readonly _on: LiveStreamHandlers;
  private _state: LinkState = initialLinkState;
  private _source: EventSource | null = null;
  private _retry: ReturnType<typeof setTimeout> | undefined;
  /** Live notifications waiting to be stored together (one transaction and one render per batch). */
  private _pending: Notification[] = [];
  private _flushScheduled = false;
  /** Stores and checks run one after another, so counts only ever move forward in order. */
  private _work: Promise<unknown> = Promise.resolve();
  private readonly _abort = new AbortController();

  constructor(db: CubbyDatabase, api: ApiClient, clientId: string, handlers: LiveStreamHandlers) {
    this._db = db;
    this._api = api;
    this._clientId = clientId;
    this._on = handlers;
  }

  get status(): LinkStatus {
    return this._state.status;
  }

  start(): void {
    const signal = this._abort.signal;
    addEventListener('online', () => this._input({ type: 'went-online' }), { signal });
    addEventListener('offline', () => this._input({ type: 'went-offline' }), { signal });
    addEventListener(
      'pageshow',
      (e) => (e as PageTransitionEvent).persisted && this._input({ type: 'page-shown' }),
      { signal },
    );
    this._input({ type: 'start', online: navigator.onLine });
  }

  stop(): void {
    this._abort.abort();
    this._closeSource();
    clearTimeout(this._retry);
  }

  private _input(input: LinkInput): void {
    if (this._abort.signal.aborted) return;
    const before = this._state.status;
    const { state, actions } = stepLink(this._state, input);
    this._state = state;
    for (const action of actions) this._perform(action);
    if (state.status !== before) this._on.status(state.status);
  }

  private _perform(action: LinkAction): void {
    switch (action.type) {
      case 'close-stream':
        return this._closeSource();
      case 'open-stream':
        return void this._openSource();
      case 'catch-up':
        return void this._catchUp();
      case 'schedule-retry':
        clearTimeout(this._retry);
        this._retry = setTimeout(() => this._input({ type: 'retry-due' }), action.delayMs);
        return;
      case 'cancel-retry':
        clearTimeout(this._retry);
        return;
    }
  }

  private async _catchUp(): Promise<void> {
    const run = this._work.then(() =>
      catchUpClient(this._db, this._api, this._clientId, this._abort.signal),
    );
    this._work = run.catch(() => undefined);
    try {
      const result = await run;
      if (result.added.length > 0) this._on.entries(result.added, 'caught-up');
      if (result.verdict === 'resync') this._on.resynced();
      this._input({ type: 'caught-up' });
    } catch (err) {
      if (this._abort.signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) return this._on.lost('session');
      if (err instanceof ApiError && err.code === 'client_not_found')
        return this._on.lost('client');
      this._input({ type: 'catch-up-failed', online: navigator.onLine });
    }
  }

  private async _openSource(): Promise<void> {
    await this._work; // the cursor is only final once earlier batches are stored
    const client = await this._db.get('client', 'current');
    if (this._abort.signal.aborted || this._state.phase !== 'opening') return;
    if (!client || client.clientId !== this._clientId) return this._on.lost('client');
    const source = new EventSource(this._api.eventsUrl(this._clientId, client.lastId));
    this._source = source;
    source.addEventListener('open', () => {
      if (this._source === source) this._input({ type: 'stream-opened' });
    });
    source.addEventListener('notification', (e) => {
      if (this._source !== source) return;
      this._pending.push(JSON.parse((e as MessageEvent<string>).data) as Notification);
      this._scheduleFlush();
    });
    source.addEventListener('resync', () => {
      if (this._source === source) this._input({ type: 'resync-requested' });
    });
    source.addEventListener('error', () => {
      // EventSource would retry on its own from the first URL's cursor; run the check instead.
      if (this._source === source) this._input({ type: 'stream-failed', online: navigator.onLine });
    });
  }

  private _closeSource(): void {
    this._source?.close();
    this._source = null;
  }

  private _scheduleFlush(): void {
    if (this._flushScheduled) return;
    this._flushScheduled = true;
    // A macrotask: every event the browser parsed from the same chunk joins this batch. A burst is
    // cut into batches of `maxBatch`, each its own task, so no single task grows long.
    setTimeout(() => {
      this._flushScheduled = false;
      const batch = this._pending.splice(0, maxBatch);
      if (this._pending.length > 0) this._scheduleFlush();
      const run = this._work.then(() => recordLive(this._db, batch));
      this._work = run.catch(() => undefined);
      void run.then((added) => {
        if (added.length > 0 && !this._abort.signal.aborted) this._on.entries(added, 'live');
      });
    }, 0);
  }
}
