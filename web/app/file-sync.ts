// The page's side of file sync for the person signed in: one sync worker and its latest status,
// pulls on folder notifications and full syncs after reconnects (coalesced), rescans of linked
// folders, deletes held for undo, and the request for persistent storage.
import type {
  SyncAnswer,
  SyncMethod,
  SyncRequest,
  SyncStatus,
} from '../common/sync-client/sync-api.ts';
import { SyncClient } from '../common/sync-client/sync-client.ts';
import { SyncWorkerError } from '../common/sync-client/sync-worker-error.ts';
import { CoalescedRun, stopRunning } from './coalesced-run.ts';
import { failureText, isAbort, isOffline } from './failure-text.ts';
import { PendingDeletes, type PendingDelete } from './pending-deletes.ts';

/** How long a delete can be undone before it is made. */
export const undoWindowMs = 6000;
/** Linked folders are rescanned this often (and when the window gets focus). */
const rescanEveryMs = 60_000;

/** What FileSync needs of the worker: `SyncClient.spawn()` in the app, a stand-in in tests. */
export type SpawnSync = () => { client: SyncClient; worker: Pick<Worker, 'terminate'> };

export class FileSync extends EventTarget {
  /** The worker's latest status (null until it tells one). */
  status: SyncStatus | null = null;
  /** Why syncing does not work, in words ("" when it does or when only offline). */
  problem = '';
  /** A linked folder's permission has to be given again (a rescan said `permission_needed`). */
  permissionNeeded = false;
  /** A held delete that failed when it was made, in words. */
  deleteError = '';
  /** Deletes waiting out their undo window. */
  readonly deletes: PendingDeletes;

  private readonly _client: SyncClient;
  private readonly _worker: Pick<Worker, 'terminate'>;
  private readonly _abort = new AbortController();
  private readonly _ready: Promise<void>;
  private readonly _syncs = new CoalescedRun(
    () => this._syncOnce(),
    () => {
      this.dispatchEvent(new Event('synced'));
      this._changed();
    },
  );
  /** Namespaces being pulled, and whether another pull was asked for meanwhile. */
  private readonly _pulls = new Map<string, { again: boolean }>();
  private _rescanTimer: ReturnType<typeof setInterval> | null = null;
  private _persistAsked = false;
  private readonly _onFocus = () => void this.rescan();

  constructor(spawn: SpawnSync = () => SyncClient.spawn()) {
    super();
    const { client, worker } = spawn();
    this._client = client;
    this._worker = worker;
    client.onEvent((event) => {
      if (event.type === 'status') {
        this.status = event.status;
        this._changed();
      } else {
        this.dispatchEvent(new CustomEvent('folder-changed', { detail: event.namespaceId }));
      }
    });
    this.deletes = new PendingDeletes(
      undoWindowMs,
      (entry) => void this._remove(entry),
      () => this._changed(),
    );
    this._ready = this._start();
  }

  /** Calls the worker once it has restored its trees; aborted by `signal` or by `stop`. */
  async call<M extends SyncMethod>(
    method: M,
    request: SyncRequest<M>,
    signal?: AbortSignal,
  ): Promise<SyncAnswer<M>> {
    await this._ready;
    const both = signal ? AbortSignal.any([signal, this._abort.signal]) : this._abort.signal;
    return this._client.call(method, request, both);
  }

  /** Syncs every namespace; calls made while one runs share one more run after it. */
  syncAll(): Promise<void> {
    return this._syncs.run();
  }

  /** Pulls one namespace (a `folder:<id>` notification); a burst of them makes at most two pulls. */
  async pull(namespaceId: string): Promise<void> {
    const running = this._pulls.get(namespaceId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    this._pulls.set(namespaceId, state);
    try {
      while (state.again && !this._abort.signal.aborted) {
        state.again = false;
        // A key of a folder this person no longer has, or offline: the next syncAll sets it right.
        await this.call('pull', { namespaceId }).catch(() => undefined);
      }
    } finally {
      this._pulls.delete(namespaceId);
    }
  }

  /** Turns the periodic rescan on while some namespace is linked to a folder on this computer. */
  setLinked(linked: boolean): void {
    if (linked && !this._rescanTimer) {
      this._rescanTimer = setInterval(() => void this.rescan(), rescanEveryMs);
      addEventListener('focus', this._onFocus);
    } else if (!linked && this._rescanTimer) {
      clearInterval(this._rescanTimer);
      this._rescanTimer = null;
      removeEventListener('focus', this._onFocus);
      this.permissionNeeded = false;
    }
  }

  /** Looks for changes made in linked folders outside Cubby. */
  async rescan(): Promise<void> {
    try {
      await this.call('rescan', {});
      if (this.permissionNeeded) {
        this.permissionNeeded = false;
        this._changed();
      }
    } catch (err) {
      if (err instanceof SyncWorkerError && err.code === 'permission_needed') {
        this.permissionNeeded = true;
        this._changed();
      }
    }
  }

  /**
   * Asks the browser to keep Cubby's storage (no eviction under pressure), once: call it from the
   * first gesture that adds files. The page must: workers have no `persist()`.
   */
  askPersistOnce(): void {
    if (this._persistAsked) return;
    this._persistAsked = true;
    void this.askPersist();
  }

  /** Asks for persistent storage (the storage warning's button); answers whether it is granted. */
  async askPersist(): Promise<boolean> {
    this._persistAsked = true;
    const granted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
    void this.refreshStatus();
    return granted;
  }

  /** Asks the worker for its status (events bring later ones). */
  async refreshStatus(): Promise<void> {
    try {
      this.status = await this.call('status', {});
      this._changed();
    } catch {
      // The worker tells its status by events too.
    }
  }

  /** Hides the entry at once and deletes it when the undo window ends. */
  deleteLater(entry: PendingDelete): void {
    this.deleteError = '';
    this.deletes.hold(entry);
  }

  /**
   * Stops syncing for this account; held deletes are dropped, so nothing waiting is deleted. The
   * worker (shared by the tabs, so not ended by closing this link) is told to let go of the
   * account's trees first; resolves once it has, or after a few seconds.
   */
  stop(): Promise<void> {
    this.setLinked(false);
    this.deletes.cancelAll();
    this._abort.abort(new DOMException('Signed out.', 'AbortError'));
    return this._client
      .call('reset', {}, AbortSignal.timeout(5000))
      .catch(() => undefined)
      .finally(() => this._worker.terminate());
  }

  private async _syncOnce(): Promise<void | typeof stopRunning> {
    try {
      await this.call('syncAll', {});
      this.problem = '';
    } catch (err) {
      if (isAbort(err) || this._abort.signal.aborted) return stopRunning;
      if (!isOffline(err)) this.problem = failureText('Cubby could not sync your files', err);
    }
  }

  private async _start(): Promise<void> {
    try {
      await this._client.start({}, this._abort.signal);
    } catch (err) {
      if (isAbort(err)) return;
      this.problem = failureText('Cubby could not open the files kept on this device', err);
      this._changed();
    }
  }

  private async _remove(entry: PendingDelete): Promise<void> {
    try {
      await this.call('remove', { namespaceId: entry.namespaceId, id: entry.id });
    } catch (err) {
      if (isAbort(err)) return;
      this.deleteError = failureText(`Could not delete “${entry.name}”`, err);
      this._changed();
    }
    // Shown again if it failed; gone for good otherwise.
    this.dispatchEvent(new CustomEvent('folder-changed', { detail: entry.namespaceId }));
  }

  private _changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
