// The messages tabs and the service worker exchange over one BroadcastChannel: the leader tab shares
// what its stream brings, any tab says when the inbox or follows changed, sign-out reaches every tab.
import type { InboxEntry } from '../inbox/inbox-entry.ts';
import type { LinkStatus } from './link-state.ts';

export type LiveMessage =
  /** The leader's link status, sent on every change and when a tab asks. */
  | { type: 'status'; status: LinkStatus }
  | { type: 'status-request' }
  /** New inbox entries, already stored (by the leader's stream, a catch-up, or a push). */
  | { type: 'entries'; entries: InboxEntry[] }
  /** Read marks changed: reload the inbox from the database. */
  | { type: 'inbox-changed' }
  | { type: 'follows-changed' }
  /** The reconnect check ordered a resync: what was missed may be incomplete. */
  | { type: 'resynced' }
  | { type: 'signed-out' };

export const liveChannelName = 'cubby-live';

export class LiveChannel {
  private readonly _channel = new BroadcastChannel(liveChannelName);

  /** Sends to every other tab and worker of the origin (not to this one). */
  post(message: LiveMessage): void {
    this._channel.postMessage(message);
  }

  /** Calls `listener` for each message from the others; returns the function that stops listening. */
  listen(listener: (message: LiveMessage) => void): () => void {
    const handler = (event: MessageEvent<LiveMessage>) => listener(event.data);
    this._channel.addEventListener('message', handler);
    return () => this._channel.removeEventListener('message', handler);
  }

  close(): void {
    this._channel.close();
  }
}
