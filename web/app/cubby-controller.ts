// The app's state and everything it does, for the components to render and call: the session and
// this browser's client, the live link, the inbox, follows per key, alerts (push) and updates; and
// for files, the sync worker (FileSync), the namespaces listed, and sharing.
import type { Credentials } from '../../shared/api/auth.ts';
import type { NamespaceInfo } from '../../shared/api/content.ts';
import type { PublishEventAnswer, PublishEventRequest } from '../../shared/api/events.ts';
import type { DefineKeyRequest, KeyListing } from '../../shared/api/keys.ts';
import { ApiClient } from '../common/api/api-client.ts';
import { ApiError } from '../common/api/api-error.ts';
import { listFollows, saveFollow } from '../common/db/follow-store.ts';
import { listInbox, markAllRead, markRead } from '../common/db/inbox-store.ts';
import {
  clearLocalData,
  loadAccount,
  loadClient,
  saveSignIn,
  updateClient,
} from '../common/db/local-session.ts';
import { openCubbyDb, type CubbyDatabase } from '../common/db/open.ts';
import type { AccountRecord, ClientRecord, FollowMode } from '../common/db/schema.ts';
import { updateAppBadge } from '../common/inbox/app-badge.ts';
import { mergeNewestFirst, type InboxEntry } from '../common/inbox/inbox-entry.ts';
import type { LiveMessage } from '../common/live/live-channel.ts';
import { LiveLink } from '../live-link/live-link.ts';
import {
  dropPushSubscription,
  ensurePushSubscription,
} from '../common/push/push-subscription-sync.ts';
import type { LinkStatus } from '../common/live/link-state.ts';
import type { NamespaceEntry } from '../common/sync-client/sync-api.ts';
import { deviceName } from './device-name.ts';
import { pickFolderToLink } from './directory-access.ts';
import { failureText } from './failure-text.ts';
import { FileSync } from './file-sync.ts';
import { mergeNamespaces } from './merge-namespaces.ts';
import { homeRoute, parseRoute, routeFor, routePath, type Route } from './route.ts';
import { Sharing } from './sharing.ts';
import { watchForUpdates } from './update-watcher.ts';

/** Inbox entries listed at first, and added by each "Show older". */
export const inboxPageSize = 50;

export type Phase = 'starting' | 'signed-out' | 'signed-in';

/** Alerts while Cubby is closed: not possible here, blocked in the browser, offered, declined, on. */
export type AlertsState = 'unsupported' | 'blocked' | 'offer' | 'dismissed' | 'on';

export interface FollowRow extends KeyListing {
  mode: FollowMode;
}

export interface Notice {
  tone: 'info' | 'warning';
  text: string;
}

type LoadState = 'loading' | 'ready' | 'error';

export class CubbyController extends EventTarget {
  phase: Phase = 'starting';
  route: Route = parseRoute(location.pathname);
  account: AccountRecord | null = null;
  status: LinkStatus = navigator.onLine ? 'catching-up' : 'offline';
  inbox: InboxEntry[] = [];
  inboxState: LoadState = 'loading';
  unread = 0;
  keys: FollowRow[] = [];
  keysState: LoadState = 'loading';
  keysError = '';
  alerts: AlertsState = 'unsupported';
  alertsError = '';
  notice: Notice | null = null;
  /** Set when a new version waits: calling it activates the version and reloads. */
  updateReady: (() => void) | null = null;
  /** Said politely by screen readers: what just arrived. */
  announcement = '';
  /** File sync for the person signed in: the sync worker and its status (null while signed out). */
  files: FileSync | null = null;
  /** The person's own files and shared folders, as the file browser lists them. */
  namespaces: NamespaceEntry[] = [];
  namespacesState: LoadState = 'loading';
  namespacesError = '';

  /** Resolves once the sync worker has let go of the signed-out account's files. */
  private _filesStopped: Promise<void> = Promise.resolve();
  private readonly _api = new ApiClient();
  /** Invitations, members and chat (plain HTTP). */
  readonly sharing = new Sharing(this._api);
  /** The server's listing as last fetched (null until fetched): it knows new shared folders first. */
  private _serverNamespaces: NamespaceInfo[] | null = null;
  /** Whether the server was asked for the listing since signing in (answered or not). */
  private _serverAsked = false;
  private _db: CubbyDatabase | null = null;
  private _client: ClientRecord | null = null;
  private _link: LiveLink | null = null;
  private _inboxLimit = inboxPageSize;
  /** Keys the server has this client registered for (as of the last look). */
  private _registered = new Set<string>();

  /** Tells the components to render again. */
  private _changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  async start(): Promise<void> {
    addEventListener('popstate', () => this._setRoute(parseRoute(location.pathname), false));
    navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
      const message = event.data as { type?: string; id?: number | null } | null;
      if (message?.type === 'open-item' && typeof message.id === 'number') {
        this.navigate({ view: 'inbox', itemId: message.id });
      }
    });
    watchForUpdates((reloadNow) => {
      this.updateReady = reloadNow;
      this._changed();
    });
    this.sharing.addEventListener('change', () => this._changed());
    try {
      this._db = await openCubbyDb();
      const [account, client] = await Promise.all([loadAccount(this._db), loadClient(this._db)]);
      if (account && client) {
        await this._enter(account, client);
        void this._checkClient();
        return;
      }
    } catch {
      this.notice = {
        tone: 'warning',
        text: 'This browser does not let Cubby keep data on this device (private mode?). You can sign in, but the inbox will not be kept offline.',
      };
    }
    this.phase = 'signed-out';
    this._setRoute(this.route, false);
  }

  navigate(route: Route): void {
    this._setRoute(route, true);
  }

  /** Signs in (or creates the account), registers this browser as a client, and goes live. */
  async signIn(mode: 'sign-in' | 'sign-up', credentials: Credentials): Promise<void> {
    const answer =
      mode === 'sign-up'
        ? await this._api.signUp(credentials)
        : await this._api.signIn(credentials);
    const db = await this._database();
    const { clientId } = await this._api.registerClient({ name: deviceName(navigator.userAgent) });
    // Whatever an earlier account left on this device is not this person's.
    await clearLocalData(db);
    const account = { userId: answer.user.id, username: answer.user.username };
    const client: ClientRecord = {
      clientId,
      userId: answer.user.id,
      receivedCount: 0,
      lastId: 0,
      pushWanted: false,
      pushPromptDismissed: false,
      resyncedAt: null,
    };
    await saveSignIn(db, account, client);
    this.notice = null;
    await this._enter(account, client);
    void this._loadKeys();
    void this.refreshNamespaces();
    void this.sharing.loadInvites();
  }

  /** Signs out: stops alerts here, removes this browser's client, ends the session, forgets local data. */
  async signOut(): Promise<void> {
    const client = this._client;
    this._leave();
    let reached = true;
    try {
      if (client) {
        await this._dropPush(client.clientId);
        await this._api.deleteClient(client.clientId);
      }
      await this._api.signOut();
    } catch (err) {
      reached = !(err instanceof ApiError && err.offline);
    }
    await this._forgetLocally();
    this._link?.post({ type: 'signed-out' });
    this._link?.stop();
    this._link = null;
    this.notice = reached
      ? { tone: 'info', text: 'You signed out. Cubby forgot what it kept on this device.' }
      : {
          tone: 'warning',
          text: 'Signed out on this device, but Cubby could not reach the server: sign out again when you are back online to end the session there too.',
        };
    this.phase = 'signed-out';
    this._setRoute({ view: 'sign-in' }, true);
  }

  async setFollow(key: string, mode: FollowMode): Promise<void> {
    const client = this._requireClient();
    const row = this.keys.find((k) => k.key === key);
    const registered = this._registered.has(key);
    if (mode === 'off') {
      if (registered) {
        this._registered = new Set(
          await this._api.updateClientKeys(client.clientId, { remove: [key] }),
        );
      }
    } else {
      // Silent keys stay in the inbox but never wake this browser by push; the server skips them.
      const update = mode === 'silent' ? { silent: [key] } : { alert: [key] };
      this._registered = new Set(
        await this._api.updateClientKeys(client.clientId, {
          ...(registered ? {} : { add: [key] }),
          ...update,
        }),
      );
    }
    await saveFollow(await this._database(), { key, mode });
    if (row) row.mode = mode;
    this.keys = [...this.keys];
    this._link?.post({ type: 'follows-changed' });
    this._changed();
  }

  async defineKey(request: DefineKeyRequest): Promise<void> {
    await this._api.defineKey(request);
    await this._loadKeys();
  }

  publish(request: PublishEventRequest): Promise<PublishEventAnswer> {
    return this._api.publish(request);
  }

  retryKeys(): void {
    void this._loadKeys();
  }

  retryInbox(): void {
    void this._reloadInbox();
  }

  showOlder(): void {
    this._inboxLimit += inboxPageSize;
    void this._reloadInbox();
  }

  /** Whether older entries may exist beyond those listed. */
  get mayHaveOlder(): boolean {
    return this.inbox.length >= this._inboxLimit;
  }

  async markRead(id: number): Promise<void> {
    const db = await this._database();
    await markRead(db, id);
    this.inbox = this.inbox.map((e) => (e.id === id ? { ...e, read: 1 } : e));
    await this._afterReadChange(db);
  }

  async markAllRead(): Promise<void> {
    const db = await this._database();
    await markAllRead(db);
    this.inbox = this.inbox.map((e) => (e.read ? e : { ...e, read: 1 }));
    await this._afterReadChange(db);
  }

  /** Asks for notification permission (call it from a click) and subscribes this browser to push. */
  async enableAlerts(): Promise<void> {
    this.alertsError = '';
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      this.alerts = permission === 'denied' ? 'blocked' : 'offer';
      this._changed();
      return;
    }
    this._client = (await updateClient(await this._database(), { pushWanted: true })) ?? null;
    this.alerts = 'on';
    this._changed();
    await this._syncPush();
  }

  async disableAlerts(): Promise<void> {
    const client = this._requireClient();
    this.alertsError = '';
    await this._dropPush(client.clientId);
    this._client =
      (await updateClient(await this._database(), {
        pushWanted: false,
        pushPromptDismissed: true,
      })) ?? null;
    this.alerts = this._alertsState();
    this._changed();
  }

  async dismissAlertsOffer(): Promise<void> {
    this._client =
      (await updateClient(await this._database(), { pushPromptDismissed: true })) ?? null;
    this.alerts = this._alertsState();
    this._changed();
  }

  /**
   * Lists the namespaces again: from the server when it answers (registering this browser for
   * their notifications), and the sync worker's copy for what only this device knows.
   */
  async refreshNamespaces(): Promise<void> {
    if (this.phase !== 'signed-in') return;
    try {
      this._serverNamespaces = await this._api.listNamespaces();
      this.namespacesError = '';
      void this._followFolders(this._serverNamespaces);
    } catch (err) {
      if (!(err instanceof ApiError && err.offline)) {
        this.namespacesError = failureText('Could not list your folders', err);
      }
    }
    this._serverAsked = true;
    await this._reloadLocalNamespaces();
  }

  /** Creates a shared folder and answers it as the file browser lists it. */
  async createSharedFolder(name: string): Promise<NamespaceEntry> {
    const created = await this._api.createNamespace(name);
    await this.refreshNamespaces();
    void this.files?.syncAll();
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
    await this._api.acceptInvite(inviteId);
    await Promise.all([this.sharing.loadInvites(), this.refreshNamespaces()]);
    void this.files?.syncAll();
  }

  /** Leaves a shared folder (its copy on this device goes at the next sync). */
  async leaveFolder(namespaceId: string): Promise<void> {
    const me = this.account?.userId;
    if (!me) return;
    await this._api.removeMember(namespaceId, me);
    if (this.route.view === 'files' && this.route.namespaceId === namespaceId) {
      this.navigate(homeRoute);
    }
    await this.refreshNamespaces();
    void this.files?.syncAll();
  }

  /**
   * Links a namespace to a folder on this computer that the person picks (call from a click: the
   * picker and the permission need one). Answers false if they cancelled.
   */
  async linkFolder(namespaceId: string): Promise<boolean> {
    const files = this._requireFiles();
    const handle = await pickFolderToLink();
    if (!handle) return false;
    await files.call('linkFolder', { namespaceId, handle });
    files.permissionNeeded = false;
    await this._reloadLocalNamespaces();
    return true;
  }

  async unlinkFolder(namespaceId: string): Promise<void> {
    await this._requireFiles().call('unlinkFolder', { namespaceId });
    await this._reloadLocalNamespaces();
  }

  async dismissNotice(): Promise<void> {
    this.notice = null;
    if (this._client?.resyncedAt) {
      this._client = (await updateClient(await this._database(), { resyncedAt: null })) ?? null;
    }
    this._changed();
  }

  private async _database(): Promise<CubbyDatabase> {
    this._db ??= await openCubbyDb();
    return this._db;
  }

  private _requireFiles(): FileSync {
    if (!this.files) throw new Error('Files are not available: sign in first.');
    return this.files;
  }

  private _requireClient(): ClientRecord {
    if (!this._client) throw new Error('Sign in first.');
    return this._client;
  }

  /** Shows `route` (or where it leads for this phase); `push` adds a history entry, else replaces. */
  private _setRoute(route: Route, push: boolean): void {
    const next = this.phase === 'starting' ? route : routeFor(route, this.phase === 'signed-in');
    const path = routePath(next);
    if (push && location.pathname !== path) history.pushState(null, '', path);
    else if (location.pathname !== path) history.replaceState(null, '', path);
    const previous = this.route;
    this.route = next;
    if (next.view === 'inbox' && next.itemId !== null) void this.markRead(next.itemId);
    // Keys may have been created or shared since: list them afresh each time the page opens.
    if (next.view === 'following' && previous.view !== 'following') void this._loadKeys();
    this._changed();
  }

  /** Shows the signed-in app from what this device keeps, then connects. */
  private async _enter(account: AccountRecord, client: ClientRecord): Promise<void> {
    this.account = account;
    this._client = client;
    this.phase = 'signed-in';
    this.alerts = this._alertsState();
    this.sharing.username = account.username;
    if (client.resyncedAt) this.notice = resyncNotice;
    this._setRoute(this.route, false);
    this._startFiles();
    await this._reloadInbox();
    this._startLink(client.clientId);
  }

  /** Starts the sync worker: trees restored from this device, then everything synced. */
  private _startFiles(): void {
    void this.files?.stop();
    this.files = null;
    let files: FileSync;
    try {
      files = new FileSync();
    } catch (err) {
      this.namespacesState = 'error';
      this.namespacesError = failureText('This browser cannot run Cubby’s file sync', err);
      return;
    }
    files.addEventListener('change', () => this._changed());
    // Told again here, so components listen to one object whatever worker is running.
    files.addEventListener('folder-changed', (event) => {
      const namespaceId = (event as CustomEvent<string>).detail;
      this.dispatchEvent(new CustomEvent('folder-changed', { detail: namespaceId }));
    });
    files.addEventListener('synced', () => {
      void this._reloadLocalNamespaces();
      this.dispatchEvent(new Event('synced'));
    });
    this.files = files;
    void files.syncAll();
    void this._reloadLocalNamespaces();
  }

  /** The worker's namespaces merged with the server's last listing. */
  private async _reloadLocalNamespaces(): Promise<void> {
    const files = this.files;
    let local: NamespaceEntry[] = [];
    try {
      if (files) local = await files.call('namespaces', {});
    } catch {
      // Not kept yet (first start) or the worker failed: the server's listing stands alone.
    }
    if (files !== this.files || this.phase !== 'signed-in') return;
    const merged = mergeNamespaces(this._serverNamespaces, local);
    this.namespaces = merged;
    if (merged.length > 0) this.namespacesState = 'ready';
    else if (this.namespacesError) this.namespacesState = 'error';
    // Nothing kept and the server asked (offline): an empty list, said in words, not "loading".
    else if (this._serverAsked) this.namespacesState = 'ready';
    files?.setLinked(merged.some((n) => n.linkedFolder !== null));
    this._changed();
  }

  /**
   * Registers this browser for the notifications that keep files, invitations and chats current:
   * `folder:<ns>` and `chat:<ns>:messages` silently (they arrive live, never by push), and
   * `user:<me>:invites` as an alert. A choice the person made on the Following page stands.
   */
  private async _followFolders(list: NamespaceInfo[]): Promise<void> {
    const client = this._client;
    const account = this.account;
    if (!client || !account) return;
    const db = await this._database();
    const chosen = new Map((await listFollows(db)).map((f) => [f.key, f.mode]));
    const wanted = new Map<string, FollowMode>([[`user:${account.userId}:invites`, 'alert']]);
    for (const ns of list) {
      wanted.set(`folder:${ns.id}`, 'silent');
      if (ns.kind === 'shared') wanted.set(`chat:${ns.id}:messages`, 'silent');
    }
    const add: string[] = [];
    for (const [key, mode] of wanted) {
      const choice = chosen.get(key);
      if (choice === 'off' || this._registered.has(key)) continue;
      add.push(key);
      if (!choice) await saveFollow(db, { key, mode });
    }
    if (add.length === 0) return;
    const modeOf = (key: string) => chosen.get(key) ?? wanted.get(key);
    try {
      this._registered = new Set(
        await this._api.updateClientKeys(client.clientId, {
          add,
          silent: add.filter((k) => modeOf(k) === 'silent'),
          alert: add.filter((k) => modeOf(k) === 'alert'),
        }),
      );
      this._link?.post({ type: 'follows-changed' });
    } catch {
      // Offline or refused: tried again at the next listing.
    }
  }

  /** Notifications that change what the file screens show: pull, reload invitations, chat. */
  private _routeNotifications(entries: InboxEntry[]): void {
    const myInvites = this.account ? `user:${this.account.userId}:invites` : null;
    const known = new Set(this.namespaces.map((n) => n.id));
    const pulls = new Set<string>();
    let invites = false;
    for (const entry of entries) {
      if (entry.key.startsWith('folder:')) {
        const id = entry.key.slice('folder:'.length);
        if (known.size === 0 || known.has(id)) pulls.add(id);
      } else if (entry.key === myInvites) {
        invites = true;
      } else {
        const chat = /^chat:(.+):messages$/.exec(entry.key);
        if (chat?.[1]) this.dispatchEvent(new CustomEvent('chat', { detail: chat[1] }));
      }
    }
    for (const id of pulls) void this.files?.pull(id);
    if (invites) {
      void this.sharing.loadInvites();
      void this.refreshNamespaces();
    }
  }

  private _startLink(clientId: string): void {
    this._link?.stop();
    const db = this._db;
    if (!db) return;
    this._link = new LiveLink(db, this._api, clientId, {
      status: (status) => {
        const was = this.status;
        this.status = status;
        // Back live after being away or offline: what changed meanwhile is synced.
        if (status === 'live' && was !== 'live') void this.files?.syncAll();
        this._changed();
      },
      entries: (entries) => void this._receive(entries),
      resynced: () => {
        this.notice = resyncNotice;
        void this._loadKeys();
        this._changed();
      },
      lost: (reason) => void this._lost(reason),
      message: (message) => void this._hear(message),
    });
    this._link.start();
  }

  /** Confirms the session and the client with the server; offline, the local state stands. */
  private async _checkClient(): Promise<void> {
    const client = this._client;
    if (!client) return;
    try {
      const info = await this._api.getClient(client.clientId);
      this._registered = new Set(info.keys);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this._lost('session');
      if (err instanceof ApiError && err.code === 'client_not_found') return this._lost('client');
      // Offline or the server is down: the link retries; keys load when the page is opened again.
    }
    await Promise.all([
      this._loadKeys(),
      this._syncPush(),
      this.refreshNamespaces(),
      this.sharing.loadInvites(),
    ]);
  }

  private async _lost(reason: 'session' | 'client'): Promise<void> {
    if (reason === 'session') {
      this._leave();
      this._link?.stop();
      this._link = null;
      await this._forgetLocally();
      this.notice = {
        tone: 'warning',
        text: 'Your session ended (it expired, or you signed out elsewhere). Sign in again to keep getting notifications.',
      };
      this.phase = 'signed-out';
      this._setRoute({ view: 'sign-in' }, true);
      return;
    }
    // The server removed this client (unused for a month): register again with the same follows.
    const db = await this._database();
    const follows = (await listFollows(db)).filter((f) => f.mode !== 'off').map((f) => f.key);
    const { clientId, keys } = await this._api.registerClient({
      name: deviceName(navigator.userAgent),
      keys: follows,
    });
    this._registered = new Set(keys);
    // A new registration alerts for every key: the silent ones (folders, chats) must be told again.
    const silent = (await listFollows(db)).filter((f) => f.mode === 'silent').map((f) => f.key);
    if (silent.length > 0) {
      this._registered = new Set(await this._api.updateClientKeys(clientId, { silent }));
    }
    this._client = (await updateClient(db, { clientId })) ?? null;
    this._startLink(clientId);
    await this._syncPush();
  }

  private async _hear(message: LiveMessage): Promise<void> {
    switch (message.type) {
      case 'inbox-changed':
        return this._reloadInbox();
      case 'follows-changed': {
        const client = this._client;
        if (client) {
          const info = await this._api.getClient(client.clientId).catch(() => null);
          if (info) this._registered = new Set(info.keys);
        }
        return this._loadKeys();
      }
      case 'signed-out':
        this._leave();
        this._link?.stop();
        this._link = null;
        this.notice = { tone: 'info', text: 'You signed out in another Cubby tab.' };
        this.phase = 'signed-out';
        this._setRoute({ view: 'sign-in' }, true);
        return;
    }
  }

  private async _receive(arrived: InboxEntry[]): Promise<void> {
    this._routeNotifications(arrived);
    const entries = await this._readOwnActivity(arrived);
    this.inbox = mergeNewestFirst(this.inbox, entries, this._inboxLimit);
    // Folder changes show in the file browser and the sync status; saying each would drown the
    // rest. What the person did themselves is no news either.
    const told = entries.filter((e) => !e.key.startsWith('folder:') && !e.read);
    const count = told.length;
    if (count > 0) {
      this.announcement =
        count === 1
          ? `New notification: ${told[0]?.title ?? told[0]?.command ?? ''}`
          : `${count} new notifications`;
    }
    this.unread = await updateAppBadge(await this._database());
    this._changed();
  }

  /**
   * The person's own file changes and chat messages come back on the keys they follow: kept in
   * the inbox as read, so they never count as news. The leading tab stores it; every tab shows it.
   */
  private async _readOwnActivity(entries: InboxEntry[]): Promise<InboxEntry[]> {
    const me = this.account?.userId;
    const own = (e: InboxEntry) =>
      e.source === me && !e.read && (e.key.startsWith('folder:') || e.key.startsWith('chat:'));
    if (!me || !entries.some(own)) return entries;
    if (this._link?.leading) {
      const db = await this._database();
      await Promise.all(entries.filter(own).map((e) => markRead(db, e.id)));
      this._link.post({ type: 'inbox-changed' });
    }
    return entries.map((e) => (own(e) ? { ...e, read: 1 as const } : e));
  }

  private async _reloadInbox(): Promise<void> {
    try {
      const db = await this._database();
      this.inbox = await listInbox(db, this._inboxLimit);
      this.unread = await updateAppBadge(db);
      this.inboxState = 'ready';
    } catch {
      this.inboxState = 'error';
    }
    this._changed();
  }

  private async _afterReadChange(db: CubbyDatabase): Promise<void> {
    this.unread = await updateAppBadge(db);
    this._link?.post({ type: 'inbox-changed' });
    this._changed();
  }

  private async _loadKeys(): Promise<void> {
    if (this.phase !== 'signed-in') return;
    this.keysState = 'loading';
    this.keysError = '';
    this._changed();
    try {
      const [keys, follows] = await Promise.all([
        this._api.listKeys(),
        listFollows(await this._database()),
      ]);
      const modes = new Map(follows.map((f) => [f.key, f.mode]));
      this.keys = keys.map((k) => ({
        ...k,
        // Registered without a choice made here (another tab, an older version): alert.
        mode: this._registered.has(k.key) ? (modes.get(k.key) ?? 'alert') : 'off',
      }));
      this.keysState = 'ready';
    } catch (err) {
      this.keysState = 'error';
      this.keysError =
        err instanceof ApiError
          ? err.message
          : 'Cubby could not load your keys. Check your connection and try again.';
    }
    this._changed();
  }

  private _alertsState(): AlertsState {
    if (!('serviceWorker' in navigator) || !('PushManager' in window)) return 'unsupported';
    if (typeof Notification === 'undefined') return 'unsupported';
    if (Notification.permission === 'denied') return 'blocked';
    if (this._client?.pushWanted && Notification.permission === 'granted') return 'on';
    if (this._client?.pushPromptDismissed) return 'dismissed';
    return 'offer';
  }

  /** At every start: if alerts are on, make sure the subscription exists and the server has it. */
  private async _syncPush(): Promise<void> {
    const client = this._client;
    if (!client?.pushWanted || this._alertsState() === 'unsupported') return;
    try {
      if (Notification.permission !== 'granted') {
        // Permission was withdrawn in the browser's settings: stop asking the server to push.
        await this._dropPush(client.clientId);
        this._client = (await updateClient(await this._database(), { pushWanted: false })) ?? null;
      } else {
        const registration = await navigator.serviceWorker.ready;
        await ensurePushSubscription(registration.pushManager, {
          publicKey: () => this._api.pushPublicKey(),
          save: (subscription) => this._api.savePushSubscription(client.clientId, subscription),
          remove: () => this._api.deletePushSubscription(client.clientId),
        });
      }
    } catch (err) {
      if (!(err instanceof ApiError && err.offline)) {
        this.alertsError = `Alerts could not be set up: ${(err as Error).message}`;
      }
    }
    this.alerts = this._alertsState();
    this._changed();
  }

  private async _dropPush(clientId: string): Promise<void> {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) {
      for (const shown of await registration.getNotifications()) shown.close();
      await dropPushSubscription(registration.pushManager, {
        remove: () => this._api.deletePushSubscription(clientId),
      });
    } else {
      await this._api.deletePushSubscription(clientId);
    }
  }

  /** Stops the live link's work for this account (the link itself is stopped by the caller). */
  private _leave(): void {
    // Stopped (the shared worker lets go of this account's trees) before the local data is
    // cleared, so the worker writes nothing after it.
    this._filesStopped = this.files?.stop() ?? Promise.resolve();
    this.files = null;
    this.namespaces = [];
    this.namespacesState = 'loading';
    this.namespacesError = '';
    this._serverNamespaces = null;
    this._serverAsked = false;
    this.sharing.clear();
    this.account = null;
    this._client = null;
    this._registered = new Set();
    this.inbox = [];
    this.keys = [];
    this.unread = 0;
    this.status = 'offline';
  }

  private async _forgetLocally(): Promise<void> {
    await this._filesStopped;
    try {
      const db = await this._database();
      await clearLocalData(db);
      await updateAppBadge(db);
    } catch {
      // Nothing kept, nothing to forget.
    }
  }
}

const resyncNotice: Notice = {
  tone: 'warning',
  text: 'Cubby was away too long to catch up on everything: some notifications from that time are not in your inbox. New ones arrive as usual.',
};
