// What this browser follows: every key the person may follow with the choice made here (Alert,
// Silent, Off), the keys the server has this client registered for, and the silent registration
// of the keys that keep files, invitations and chats current. Creating keys and publishing too.
import type { NamespaceInfo } from '../../shared/api/content.ts';
import type { PublishEventAnswer, PublishEventRequest } from '../../shared/api/events.ts';
import type { DefineKeyRequest, KeyListing } from '../../shared/api/keys.ts';
import { chatKey, folderKey, invitesKey } from '../../shared/api/notification-keys.ts';
import { ApiError } from '../common/api/api-error.ts';
import { listFollows, saveFollow } from '../common/db/follow-store.ts';
import type { FollowMode } from '../common/db/schema.ts';
import { deviceName } from './device-name.ts';
import type { Device } from './device.ts';
import type { LoadState } from './load-state.ts';
import { Model } from './model.ts';

export interface FollowRow extends KeyListing {
  mode: FollowMode;
}

export class Follows extends Model {
  keys: FollowRow[] = [];
  state: LoadState = 'loading';
  error = '';
  /** Keys the server has this client registered for (as of the last look). */
  private _registered = new Set<string>();

  constructor(private readonly _device: Device) {
    super();
  }

  /** The keys the server answered this client is registered for. */
  setRegistered(keys: string[]): void {
    this._registered = new Set(keys);
  }

  /** Asks the server again which keys this client is registered for (another tab changed them). */
  async refreshRegistered(): Promise<void> {
    const client = this._device.client;
    if (!client) return;
    const info = await this._device.api.getClient(client.clientId).catch(() => null);
    if (info) this.setRegistered(info.keys);
  }

  async setFollow(key: string, mode: FollowMode): Promise<void> {
    const { api } = this._device;
    const client = this._device.requireClient();
    const row = this.keys.find((k) => k.key === key);
    const registered = this._registered.has(key);
    if (mode === 'off') {
      if (registered) {
        this.setRegistered(await api.updateClientKeys(client.clientId, { remove: [key] }));
      }
    } else {
      // Silent keys stay in the inbox but never wake this browser by push; the server skips them.
      const update = mode === 'silent' ? { silent: [key] } : { alert: [key] };
      this.setRegistered(
        await api.updateClientKeys(client.clientId, {
          ...(registered ? {} : { add: [key] }),
          ...update,
        }),
      );
    }
    await saveFollow(await this._device.database(), { key, mode });
    if (row) row.mode = mode;
    this.keys = [...this.keys];
    this._device.tellTabs({ type: 'follows-changed' });
    this._changed();
  }

  async defineKey(request: DefineKeyRequest): Promise<void> {
    await this._device.api.defineKey(request);
    await this.load();
  }

  publish(request: PublishEventRequest): Promise<PublishEventAnswer> {
    return this._device.api.publish(request);
  }

  retry(): void {
    void this.load();
  }

  async load(): Promise<void> {
    if (!this._device.account) return;
    this.state = 'loading';
    this.error = '';
    this._changed();
    try {
      const [keys, follows] = await Promise.all([
        this._device.api.listKeys(),
        listFollows(await this._device.database()),
      ]);
      const modes = new Map(follows.map((f) => [f.key, f.mode]));
      this.keys = keys.map((k) => ({
        ...k,
        // Registered without a choice made here (another tab, an older version): alert.
        mode: this._registered.has(k.key) ? (modes.get(k.key) ?? 'alert') : 'off',
      }));
      this.state = 'ready';
    } catch (err) {
      this.state = 'error';
      this.error =
        err instanceof ApiError
          ? err.message
          : 'Cubby could not load your keys. Check your connection and try again.';
    }
    this._changed();
  }

  /**
   * Registers this browser for the notifications that keep files, invitations and chats current:
   * `folder:<ns>` and `chat:<ns>:messages` silently (they arrive live, never by push), and
   * `user:<me>:invites` as an alert. A choice the person made on the Following page stands.
   */
  async followFolders(list: NamespaceInfo[]): Promise<void> {
    const client = this._device.client;
    const account = this._device.account;
    if (!client || !account) return;
    const db = await this._device.database();
    const chosen = new Map((await listFollows(db)).map((f) => [f.key, f.mode]));
    const wanted = new Map<string, FollowMode>([[invitesKey(account.userId), 'alert']]);
    for (const ns of list) {
      wanted.set(folderKey(ns.id), 'silent');
      if (ns.kind === 'shared') wanted.set(chatKey(ns.id), 'silent');
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
      this.setRegistered(
        await this._device.api.updateClientKeys(client.clientId, {
          add,
          silent: add.filter((k) => modeOf(k) === 'silent'),
          alert: add.filter((k) => modeOf(k) === 'alert'),
        }),
      );
      this._device.tellTabs({ type: 'follows-changed' });
    } catch {
      // Offline or refused: tried again at the next listing.
    }
  }

  /**
   * Registers this browser again with the same follows (the server removed its client, unused for
   * a month) and answers the new client id.
   */
  async registerAgain(): Promise<string> {
    const { api } = this._device;
    const follows = await listFollows(await this._device.database());
    const { clientId, keys } = await api.registerClient({
      name: deviceName(navigator.userAgent),
      keys: follows.filter((f) => f.mode !== 'off').map((f) => f.key),
    });
    this.setRegistered(keys);
    // A new registration alerts for every key: the silent ones (folders, chats) must be told again.
    const silent = follows.filter((f) => f.mode === 'silent').map((f) => f.key);
    if (silent.length > 0) this.setRegistered(await api.updateClientKeys(clientId, { silent }));
    return clientId;
  }

  /** Forgets what was listed (signed out). */
  clear(): void {
    this._registered = new Set();
    this.keys = [];
  }
}
