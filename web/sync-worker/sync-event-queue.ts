// What the worker tells every page, gathered on the Clock: status at most every 100 ms, listings every 200 ms.
import type { Clock } from '../../shared/sync/index.ts';
import type { SyncEvent, SyncStatus } from '../common/sync-client/sync-api.ts';

/** Waits before telling (ms): progress can change thousands of times a second. */
const statusEveryMs = 100;
/** A sync commits thousands of changes a minute; the page lists a folder again on each event. */
const listingEveryMs = 200;

/**
 * Status events carry the status as it is when they are told (from `status`), not as it was
 * queued; `changed` events name each namespace once however often its listing changed meanwhile.
 */
export class SyncEventQueue {
  private _statusQueued = false;
  private readonly _listingsChanged = new Set<string>();
  private _listingQueued = false;

  constructor(
    private readonly _clock: Clock,
    private readonly _status: () => SyncStatus,
    private readonly _emit: (event: SyncEvent) => void,
  ) {}

  /** Something the status line shows changed. */
  statusChanged(): void {
    if (this._statusQueued) return;
    this._statusQueued = true;
    void this._clock.sleep(statusEveryMs).then(() => {
      this._statusQueued = false;
      this._emit({ type: 'status', status: this._status() });
    });
  }

  /** The person's view of these namespaces changed (and so may the status). */
  listingsChanged(namespaceIds: readonly string[]): void {
    for (const id of namespaceIds) this._listingsChanged.add(id);
    this.statusChanged();
    if (this._listingQueued) return;
    this._listingQueued = true;
    void this._clock.sleep(listingEveryMs).then(() => {
      this._listingQueued = false;
      const changed = [...this._listingsChanged];
      this._listingsChanged.clear();
      for (const namespaceId of changed) this._emit({ type: 'changed', namespaceId });
    });
  }
}
