// Alerts while Cubby is closed (Web Push) for this browser: whether they are possible, offered or
// on; turning them on (asking permission from a click) and off; and keeping the subscription the
// server has in step with the browser's at every start.
import { ApiError } from '../common/api/api-error.ts';
import {
  dropPushSubscription,
  ensurePushSubscription,
} from '../common/push/push-subscription-sync.ts';
import type { Device } from './device.ts';
import { Model } from './model.ts';

/** Alerts while Cubby is closed: not possible here, blocked in the browser, offered, declined, on. */
export type AlertsState = 'unsupported' | 'blocked' | 'offer' | 'dismissed' | 'on';

export class Alerts extends Model {
  state: AlertsState = 'unsupported';
  error = '';

  constructor(private readonly _device: Device) {
    super();
  }

  /** Reads the state again from the browser and the client record (signed in). */
  refresh(): void {
    this.state = this._stateNow();
    this._changed();
  }

  /** Asks for notification permission (call it from a click) and subscribes this browser to push. */
  async enable(): Promise<void> {
    this.error = '';
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      this.state = permission === 'denied' ? 'blocked' : 'offer';
      this._changed();
      return;
    }
    await this._device.updateClient({ pushWanted: true });
    this.state = 'on';
    this._changed();
    await this.sync();
  }

  async disable(): Promise<void> {
    const client = this._device.requireClient();
    this.error = '';
    await this.drop(client.clientId);
    await this._device.updateClient({ pushWanted: false, pushPromptDismissed: true });
    this.refresh();
  }

  async dismissOffer(): Promise<void> {
    await this._device.updateClient({ pushPromptDismissed: true });
    this.refresh();
  }

  /** At every start: if alerts are on, make sure the subscription exists and the server has it. */
  async sync(): Promise<void> {
    const client = this._device.client;
    const { api } = this._device;
    if (!client?.pushWanted || this._stateNow() === 'unsupported') return;
    try {
      if (Notification.permission !== 'granted') {
        // Permission was withdrawn in the browser's settings: stop asking the server to push.
        await this.drop(client.clientId);
        await this._device.updateClient({ pushWanted: false });
      } else {
        const registration = await navigator.serviceWorker.ready;
        await ensurePushSubscription(registration.pushManager, {
          publicKey: () => api.pushPublicKey(),
          save: (subscription) => api.savePushSubscription(client.clientId, subscription),
          remove: () => api.deletePushSubscription(client.clientId),
        });
      }
    } catch (err) {
      if (!(err instanceof ApiError && err.offline)) {
        this.error = `Alerts could not be set up: ${(err as Error).message}`;
      }
    }
    this.refresh();
  }

  /** Ends push for `clientId`: the notifications shown close, the subscription goes. */
  async drop(clientId: string): Promise<void> {
    const { api } = this._device;
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) {
      for (const shown of await registration.getNotifications()) shown.close();
      await dropPushSubscription(registration.pushManager, {
        remove: () => api.deletePushSubscription(clientId),
      });
    } else {
      await api.deletePushSubscription(clientId);
    }
  }

  private _stateNow(): AlertsState {
    const client = this._device.client;
    if (!('serviceWorker' in navigator) || !('PushManager' in window)) return 'unsupported';
    if (typeof Notification === 'undefined') return 'unsupported';
    if (Notification.permission === 'denied') return 'blocked';
    if (client?.pushWanted && Notification.permission === 'granted') return 'on';
    if (client?.pushPromptDismissed) return 'dismissed';
    return 'offer';
  }
}
