// The inbox as the page shows it: the newest entries kept on this device, how many are unread (the
// app badge too), what just arrived in words for screen readers, and marking entries read.
import { parseKey } from '../../shared/api/notification-keys.ts';
import { listInbox, markAllRead, markRead } from '../common/db/inbox-store.ts';
import type { CubbyDatabase } from '../common/db/open.ts';
import { updateAppBadge } from '../common/inbox/app-badge.ts';
import { mergeNewestFirst, type InboxEntry } from '../common/inbox/inbox-entry.ts';
import type { Device } from './device.ts';
import type { LoadState } from './load-state.ts';
import { Model } from './model.ts';

/** Inbox entries listed at first, and added by each "Show older". */
export const inboxPageSize = 50;

export class Inbox extends Model {
  entries: InboxEntry[] = [];
  state: LoadState = 'loading';
  unread = 0;
  /** Said politely by screen readers: what just arrived. */
  announcement = '';
  private _limit = inboxPageSize;

  constructor(private readonly _device: Device) {
    super();
  }

  /** Whether older entries may exist beyond those listed. */
  get mayHaveOlder(): boolean {
    return this.entries.length >= this._limit;
  }

  showOlder(): void {
    this._limit += inboxPageSize;
    void this.reload();
  }

  async reload(): Promise<void> {
    try {
      const db = await this._device.database();
      this.entries = await listInbox(db, this._limit);
      this.unread = await updateAppBadge(db);
      this.state = 'ready';
    } catch {
      this.state = 'error';
    }
    this._changed();
  }

  async markRead(id: number): Promise<void> {
    const db = await this._device.database();
    await markRead(db, id);
    this.entries = this.entries.map((e) => (e.id === id ? { ...e, read: 1 } : e));
    await this._afterReadChange(db);
  }

  async markAllRead(): Promise<void> {
    const db = await this._device.database();
    await markAllRead(db);
    this.entries = this.entries.map((e) => (e.read ? e : { ...e, read: 1 }));
    await this._afterReadChange(db);
  }

  /** Adds what the live link brought, and says what is news. */
  async receive(arrived: InboxEntry[]): Promise<void> {
    const entries = await this._readOwnActivity(arrived);
    this.entries = mergeNewestFirst(this.entries, entries, this._limit);
    // Folder changes show in the file browser and the sync status; saying each would drown the
    // rest. What the person did themselves is no news either.
    const told = entries.filter((e) => parseKey(e.key)?.kind !== 'folder' && !e.read);
    const count = told.length;
    if (count > 0) {
      this.announcement =
        count === 1
          ? `New notification: ${told[0]?.title ?? told[0]?.command ?? ''}`
          : `${count} new notifications`;
    }
    this.unread = await updateAppBadge(await this._device.database());
    this._changed();
  }

  /** Forgets what was listed (signed out). */
  clear(): void {
    this.entries = [];
    this.unread = 0;
  }

  /**
   * The person's own file changes and chat messages come back on the keys they follow: kept in
   * the inbox as read, so they never count as news. The leading tab stores it; every tab shows it.
   */
  private async _readOwnActivity(entries: InboxEntry[]): Promise<InboxEntry[]> {
    const me = this._device.account?.userId;
    const ownKinds = new Set(['folder', 'chat', 'chatSubscribers']);
    const own = (e: InboxEntry) =>
      e.source === me && !e.read && ownKinds.has(parseKey(e.key)?.kind ?? '');
    if (!me || !entries.some(own)) return entries;
    if (this._device.link?.leading) {
      const db = await this._device.database();
      await Promise.all(entries.filter(own).map((e) => markRead(db, e.id)));
      this._device.tellTabs({ type: 'inbox-changed' });
    }
    return entries.map((e) => (own(e) ? { ...e, read: 1 as const } : e));
  }

  private async _afterReadChange(db: CubbyDatabase): Promise<void> {
    this.unread = await updateAppBadge(db);
    this._device.tellTabs({ type: 'inbox-changed' });
    this._changed();
  }
}
