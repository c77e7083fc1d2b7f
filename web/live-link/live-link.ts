// One live connection per browser: every tab joins the election; the leader runs the stream and
// shares what it brings over the channel, the others show what they hear. When the leader closes,
// the next tab in line takes over the stream.
import type { ApiClient } from '../common/api/api-client.ts';
import type { CubbyDatabase } from '../common/db/open.ts';
import type { InboxEntry } from '../common/inbox/inbox-entry.ts';
import type { LinkStatus } from '../common/live/link-state.ts';
import { LiveChannel, type LiveMessage } from '../common/live/live-channel.ts';
import { LiveStream, type LiveStreamHandlers } from './live-stream.ts';
import { leaderLockName } from '../common/live/leader-lock-name.ts';
import { holdLeadership } from './tab-election.ts';

export interface LiveLinkHandlers extends Omit<LiveStreamHandlers, 'entries'> {
  entries(entries: InboxEntry[]): void;
  /** Another tab changed read marks or follows, or signed out. */
  message(message: LiveMessage): void;
}

export class LiveLink {
  private readonly _channel = new LiveChannel();
  private readonly _abort = new AbortController();
  private _stream: LiveStream | null = null;
  private _status: LinkStatus = navigator.onLine ? 'catching-up' : 'offline';

  constructor(
    private readonly _db: CubbyDatabase,
    private readonly _api: ApiClient,
    private readonly _clientId: string,
    private readonly _on: LiveLinkHandlers,
  ) {}

  get status(): LinkStatus {
    return this._status;
  }

  get leading(): boolean {
    return this._stream !== null;
  }

  start(): void {
    const stopListening = this._channel.listen((m) => this._hear(m));
    this._abort.signal.addEventListener('abort', stopListening);
    // Until the leader answers, a follower shows "catching up" (or offline).
    this._channel.post({ type: 'status-request' });
    holdLeadership(
      leaderLockName(this._clientId),
      () => this._lead(),
      this._abort.signal,
      navigator.locks,
    );
  }

  /** Tells the other tabs (and their UI) about a change made here. */
  post(message: LiveMessage): void {
    this._channel.post(message);
  }

  stop(): void {
    this._abort.abort();
    this._stream?.stop();
    this._stream = null;
    this._channel.close();
  }

  private _lead(): void {
    this._stream = new LiveStream(this._db, this._api, this._clientId, {
      status: (status) => {
        this._setStatus(status);
        this._channel.post({ type: 'status', status });
      },
      entries: (entries, how) => {
        this._on.entries(entries);
        this._channel.post({ type: 'entries', entries });
        // Alerts for what arrived live are the service worker's call: it knows whether any window
        // is visible, and shows them with the same tag a push would use.
        if (how === 'live') {
          navigator.serviceWorker?.controller?.postMessage({ type: 'alert-live', entries });
        }
      },
      resynced: () => {
        this._on.resynced();
        this._channel.post({ type: 'resynced' });
      },
      lost: (reason) => this._on.lost(reason),
    });
    this._stream.start();
  }

  private _hear(message: LiveMessage): void {
    switch (message.type) {
      case 'status':
        if (!this._stream) this._setStatus(message.status);
        return;
      case 'status-request':
        if (this._stream) this._channel.post({ type: 'status', status: this._stream.status });
        return;
      case 'entries':
        return this._on.entries(message.entries);
      case 'resynced':
        return this._on.resynced();
      default:
        return this._on.message(message);
    }
  }

  private _setStatus(status: LinkStatus): void {
    this._status = status;
    this._on.status(status);
  }
}
