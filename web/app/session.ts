// Who is signed in on this device and how the page reaches the server: starting from what the
// device keeps, signing in and out, the live link (status, arriving notifications, messages from
// the other tabs), a session or client the server lost, and the notices the shell shows. It starts
// and stops the other models as the person signs in and out, and routes arriving notifications to
// the one each concerns.
import type { Credentials } from '../../shared/api/auth.ts';
import { parseKey } from '../../shared/api/notification-keys.ts';
import { ApiError } from '../common/api/api-error.ts';
import { clearLocalData, loadAccount, loadClient, saveSignIn } from '../common/db/local-session.ts';
import type { AccountRecord, ClientRecord } from '../common/db/schema.ts';
import { updateAppBadge } from '../common/inbox/app-badge.ts';
import type { InboxEntry } from '../common/inbox/inbox-entry.ts';
import type { LiveMessage } from '../common/live/live-channel.ts';
import type { LinkStatus } from '../common/live/link-state.ts';
import { LiveLink } from '../live-link/live-link.ts';
import { deviceName } from './device-name.ts';
import type { Device } from './device.ts';
import { Model } from './model.ts';
import type { Models } from './models.ts';
import type { Route } from './route.ts';
import { watchForUpdates } from './update-watcher.ts';

export type Phase = 'starting' | 'signed-out' | 'signed-in';

export interface Notice {
  tone: 'info' | 'warning';
  text: string;
}

/** The models a session starts, stops and tells what arrived. */
export type SessionModels = Omit<Models, 'session'>;

const signInRoute: Route = { view: 'sign-in' };

export class Session extends Model {
  phase: Phase = 'starting';
  status: LinkStatus = navigator.onLine ? 'catching-up' : 'offline';
  notice: Notice | null = null;
  /** Set when a new version waits: calling it activates the version and reloads. */
  updateReady: (() => void) | null = null;

  constructor(
    private readonly _device: Device,
    private readonly _models: SessionModels,
  ) {
    super();
  }

  get account(): AccountRecord | null {
    return this._device.account;
  }

  async start(): Promise<void> {
    const { router } = this._models;
    router.start();
    navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
      const message = event.data as { type?: string; id?: number | null } | null;
      if (message?.type === 'open-item' && typeof message.id === 'number') {
        router.navigate({ view: 'inbox', itemId: message.id });
      }
    });
    watchForUpdates((reloadNow) => {
      this.updateReady = reloadNow;
      this._changed();
    });
    try {
      const db = await this._device.database();
      const [account, client] = await Promise.all([loadAccount(db), loadClient(db)]);
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
    this._signedOut(router.route, false);
  }

  /** Signs in (or creates the account), registers this browser as a client, and goes live. */
  async signIn(mode: 'sign-in' | 'sign-up', credentials: Credentials): Promise<void> {
    const { api } = this._device;
    const answer =
      mode === 'sign-up' ? await api.signUp(credentials) : await api.signIn(credentials);
    const db = await this._device.database();
    const { clientId } = await api.registerClient({ name: deviceName(navigator.userAgent) });
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
    void this._models.follows.load();
    void this._models.folders.refresh();
    void this._models.sharing.loadInvites();
  }

  /** Signs out: stops alerts here, removes this browser's client, ends the session, forgets local data. */
  async signOut(): Promise<void> {
    const { api } = this._device;
    const client = this._device.client;
    this._leave();
    let reached = true;
    try {
      if (client) {
        await this._models.alerts.drop(client.clientId);
        await api.deleteClient(client.clientId);
      }
      await api.signOut();
    } catch (err) {
      reached = !(err instanceof ApiError && err.offline);
    }
    await this._forgetLocally();
    this._device.tellTabs({ type: 'signed-out' });
    this._stopLink();
    this.notice = reached
      ? { tone: 'info', text: 'You signed out. Cubby forgot what it kept on this device.' }
      : {
          tone: 'warning',
          text: 'Signed out on this device, but Cubby could not reach the server: sign out again when you are back online to end the session there too.',
        };
    this._signedOut(signInRoute, true);
  }

  async dismissNotice(): Promise<void> {
    this.notice = null;
    if (this._device.client?.resyncedAt) await this._device.updateClient({ resyncedAt: null });
    this._changed();
  }

  /** Shows the signed-in app from what this device keeps, then connects. */
  private async _enter(account: AccountRecord, client: ClientRecord): Promise<void> {
    const { router, inbox, alerts, folders, sharing } = this._models;
    this._device.account = account;
    this._device.client = client;
    this.phase = 'signed-in';
    alerts.refresh();
    sharing.username = account.username;
    if (client.resyncedAt) this.notice = resyncNotice;
    router.signedIn = true;
    router.show(router.route, false);
    folders.start();
    await inbox.reload();
    this._startLink(client.clientId);
  }

  /** Stops the work for this account (the live link is stopped by the caller). */
  private _leave(): void {
    const { inbox, follows, folders, sharing } = this._models;
    folders.stop();
    sharing.clear();
    this._device.account = null;
    this._device.client = null;
    follows.clear();
    inbox.clear();
    this.status = 'offline';
  }

  private _signedOut(route: Route, push: boolean): void {
    this.phase = 'signed-out';
    this._models.router.signedIn = false;
    this._models.router.show(route, push);
    this._changed();
  }

  private async _forgetLocally(): Promise<void> {
    await this._models.folders.stopped;
    try {
      const db = await this._device.database();
      await clearLocalData(db);
      await updateAppBadge(db);
    } catch {
      // Nothing kept, nothing to forget.
    }
  }

  private _startLink(clientId: string): void {
    this._device.link?.stop();
    const db = this._device.openDatabase;
    if (!db) return;
    const { follows, folders } = this._models;
    const link = new LiveLink(db, this._device.api, clientId, {
      status: (status) => {
        const was = this.status;
        this.status = status;
        // Back live after being away or offline: what changed meanwhile is synced.
        if (status === 'live' && was !== 'live') folders.syncAll();
        this._changed();
      },
      entries: (entries) => void this._receive(entries),
      resynced: () => {
        this.notice = resyncNotice;
        void follows.load();
        this._changed();
      },
      lost: (reason) => void this._lost(reason),
      message: (message) => void this._hear(message),
    });
    this._device.link = link;
    link.start();
  }

  private _stopLink(): void {
    this._device.link?.stop();
    this._device.link = null;
  }

  /** Confirms the session and the client with the server; offline, the local state stands. */
  private async _checkClient(): Promise<void> {
    const client = this._device.client;
    const { follows, alerts, folders, sharing } = this._models;
    if (!client) return;
    try {
      const info = await this._device.api.getClient(client.clientId);
      follows.setRegistered(info.keys);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this._lost('session');
      if (err instanceof ApiError && err.code === 'client_not_found') return this._lost('client');
      // Offline or the server is down: the link retries; keys load when the page is opened again.
    }
    await Promise.all([follows.load(), alerts.sync(), folders.refresh(), sharing.loadInvites()]);
  }

  private async _lost(reason: 'session' | 'client'): Promise<void> {
    if (reason === 'session') {
      this._leave();
      this._stopLink();
      await this._forgetLocally();
      this.notice = {
        tone: 'warning',
        text: 'Your session ended (it expired, or you signed out elsewhere). Sign in again to keep getting notifications.',
      };
      this._signedOut(signInRoute, true);
      return;
    }
    // The server removed this client (unused for a month): register again with the same follows.
    const clientId = await this._models.follows.registerAgain();
    await this._device.updateClient({ clientId });
    this._startLink(clientId);
    await this._models.alerts.sync();
  }

  private async _hear(message: LiveMessage): Promise<void> {
    const { inbox, follows } = this._models;
    switch (message.type) {
      case 'inbox-changed':
        return inbox.reload();
      case 'follows-changed':
        await follows.refreshRegistered();
        return follows.load();
      case 'signed-out':
        this._leave();
        this._stopLink();
        this.notice = { tone: 'info', text: 'You signed out in another Cubby tab.' };
        this._signedOut(signInRoute, true);
        return;
    }
  }

  private async _receive(arrived: InboxEntry[]): Promise<void> {
    this._routeNotifications(arrived);
    await this._models.inbox.receive(arrived);
  }

  /** Notifications that change what the file screens show: pull, reload invitations, chat. */
  private _routeNotifications(entries: InboxEntry[]): void {
    const { folders, sharing } = this._models;
    const account = this._device.account;
    const pulls = new Set<string>();
    let invites = false;
    for (const entry of entries) {
      const key = parseKey(entry.key);
      if (key?.kind === 'folder') pulls.add(key.namespaceId);
      else if (key?.kind === 'invites') invites ||= key.userId === account?.userId;
      else if (key?.kind === 'chat') sharing.chatArrived(key.namespaceId);
    }
    folders.pull(pulls);
    if (invites) {
      void sharing.loadInvites();
      void folders.refresh();
    }
  }
}

const resyncNotice: Notice = {
  tone: 'warning',
  text: 'Cubby was away too long to catch up on everything: some notifications from that time are not in your inbox. New ones arrive as usual.',
};
