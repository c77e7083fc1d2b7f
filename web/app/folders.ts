// The person's folders as the file screens show them: the namespaces listed (the server's listing
// merged with what the sync worker keeps), the sync worker itself (FileSync) while signed in, and
// what changes the list — creating a shared folder, accepting an invitation, leaving, linking a
// folder on this computer. Tells `folder-changed` (a namespace's listing changed) and `synced`.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import { ApiError } from '../common/api/api-error.ts';
import type { NamespaceEntry } from '../common/sync-client/sync-api.ts';
import type { Device } from './device.ts';
import { pickFolderToLink } from './directory-access.ts';
import { failureText } from './failure-text.ts';
import { FileSync } from './file-sync.ts';
import type { Follows } from './follows.ts';
import type { LoadState } from './load-state.ts';
import { mergeNamespaces } from './merge-namespaces.ts';
import { Model } from './model.ts';
import { homeRoute } from './route.ts';
import type { Router } from './router.ts';
import type { Sharing } from './sharing.ts';

export interface FoldersEvents {
  /** A namespace's listing changed (its id). */
  'folder-changed': string;
  /** A full sync ended. */
  synced: undefined;
}

export class Folders extends Model<FoldersEvents> {
  /** File sync for the person signed in: the sync worker and its status (null while signed out). */
  files: FileSync | null = null;
  /** The person's own files and shared folders, as the file browser lists them. */
  namespaces: NamespaceEntry[] = [];
  state: LoadState = 'loading';
  error = '';
  /** The server's listing as last fetched (null until fetched): it knows new shared folders first. */
  private _server: NamespaceInfo[] | null = null;
  /** Whether the server was asked for the listing since signing in (answered or not). */
  private _serverAsked = false;
  /** Resolves once the sync worker has let go of the signed-out account's files. */
  private _stopped: Promise<void> = Promise.resolve();

  constructor(
    private readonly _device: Device,
    private readonly _others: { sharing: Sharing; follows: Follows; router: Router },
  ) {
    super();
  }

  /** Resolves once the last sync worker stopped has let go of its account's files. */
  get stopped(): Promise<void> {
    return this._stopped;
  }

  /** Starts the sync worker: trees restored from this device, then everything synced. */
  start(): void {
    void this.files?.stop();
    this.files = null;
    let files: FileSync;
    try {
      files = new FileSync();
    } catch (err) {
      this.state = 'error';
      this.error = failureText('This browser cannot run Cubby’s file sync', err);
      return;
    }
    files.addEventListener('change', () => this._changed());
    // Told again here, so components listen to one object whatever worker is running.
    files.addEventListener('folder-changed', (event) => {
      this._tell('folder-changed', (event as CustomEvent<string>).detail);
    });
    files.addEventListener('synced', () => {
      void this._reloadLocal();
      this._tell('synced', undefined);
    });
    this.files = files;
    void files.syncAll();
    void this._reloadLocal();
  }

  /**
   * Stops the sync worker and forgets the list (signed out). It is stopped (the shared worker lets
   * go of this account's trees) before the local data is cleared, so it writes nothing after.
   */
  stop(): void {
    this._stopped = this.files?.stop() ?? Promise.resolve();
    this.files = null;
    this.namespaces = [];
    this.state = 'loading';
    this.error = '';
    this._server = null;
    this._serverAsked = false;
  }

  /** Syncs every namespace (back live after being away, a folder joined). */
  syncAll(): void {
    void this.files?.syncAll();
  }

  /**
   * Lists the namespaces again: from the server when it answers (registering this browser for
   * their notifications), and the sync worker's copy for what only this device knows.
   */
  async refresh(): Promise<void> {
    if (!this._device.account) return;
    try {
      this._server = await this._device.api.listNamespaces();
      this.error = '';
      void this._others.follows.followFolders(this._server);
    } catch (err) {
      if (!(err instanceof ApiError && err.offline)) {
        this.error = failureText('Could not list your folders', err);
      }
    }
    this._serverAsked = true;
    await this._reloadLocal();
  }

  /** Creates a shared folder and answers it as the file browser lists it. */
  async createShared(name: string): Promise<NamespaceEntry> {
    const created = await this._device.api.createNamespace(name);
    await this.refresh();
    this.syncAll();
    return (
      this.namespaces.find((n) => n.id === created.id) ?? {
        id: created.id,
        name: created.name,
        role: created.role,
        kind: created.kind,
        rootId: created.rootId,
        linkedFolder: null,
      }
    );
  }

  /** Accepts an invitation: the folder is listed and synced at once. */
  async acceptInvite(inviteId: string): Promise<void> {
    await this._device.api.acceptInvite(inviteId);
    await Promise.all([this._others.sharing.loadInvites(), this.refresh()]);
    this.syncAll();
  }

  /** Leaves a shared folder (its copy on this device goes at the next sync). */
  async leave(namespaceId: string): Promise<void> {
    const me = this._device.account?.userId;
    if (!me) return;
    await this._device.api.removeMember(namespaceId, me);
    const { router } = this._others;
    if (router.route.view === 'files' && router.route.namespaceId === namespaceId) {
      router.navigate(homeRoute);
    }
    await this.refresh();
    this.syncAll();
  }

  /**
   * Links a namespace to a folder on this computer that the person picks (call from a click: the
   * picker and the permission need one). Answers false if they cancelled.
   */
  async link(namespaceId: string): Promise<boolean> {
    const files = this._requireFiles();
    const handle = await pickFolderToLink();
    if (!handle) return false;
    await files.call('linkFolder', { namespaceId, handle });
    files.permissionNeeded = false;
    await this._reloadLocal();
    return true;
  }

  async unlink(namespaceId: string): Promise<void> {
    await this._requireFiles().call('unlinkFolder', { namespaceId });
    await this._reloadLocal();
  }

  /** Pulls the namespaces whose `folder:<id>` notification arrived (those listed, or all). */
  pull(namespaceIds: Iterable<string>): void {
    const known = new Set(this.namespaces.map((n) => n.id));
    for (const id of namespaceIds) {
      if (known.size === 0 || known.has(id)) void this.files?.pull(id);
    }
  }

  private _requireFiles(): FileSync {
    if (!this.files) throw new Error('Files are not available: sign in first.');
    return this.files;
  }

  /** The worker's namespaces merged with the server's last listing. */
  private async _reloadLocal(): Promise<void> {
    const files = this.files;
    let local: NamespaceEntry[] = [];
    try {
      if (files) local = await files.call('namespaces', {});
    } catch {
      // Not kept yet (first start) or the worker failed: the server's listing stands alone.
    }
    if (files !== this.files || !this._device.account) return;
    const merged = mergeNamespaces(this._server, local);
    this.namespaces = merged;
    if (merged.length > 0) this.state = 'ready';
    else if (this.error) this.state = 'error';
    // Nothing kept and the server asked (offline): an empty list, said in words, not "loading".
    else if (this._serverAsked) this.state = 'ready';
    files?.setLinked(merged.some((n) => n.linkedFolder !== null));
    this._changed();
  }
}
