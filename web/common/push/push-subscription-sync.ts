// Keeps the browser's push subscription and the server's copy of it in step: subscribe with the
// server's VAPID key (again if the key changed), send the subscription at every start, and drop
// both on sign-out.
import type { PushSubscriptionRequest } from '../../../shared/api/push.ts';
import { applicationServerKey, sameServerKey } from './application-server-key.ts';

/** The parts of PushManager used here, so tests can pass a stand-in. */
export type PushSubscriber = Pick<PushManager, 'getSubscription' | 'subscribe'>;

export interface PushServer {
  publicKey(): Promise<string>;
  save(subscription: PushSubscriptionRequest): Promise<void>;
  remove(): Promise<void>;
}

function toRequest(subscription: PushSubscription): PushSubscriptionRequest {
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) {
    throw new Error('The browser gave a push subscription without an endpoint or keys.');
  }
  return {
    endpoint: json.endpoint,
    keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
    expirationTime: json.expirationTime ?? null,
  };
}

/**
 * Makes sure this browser is subscribed with the server's current key and that the server has the
 * subscription. Call it only once the person turned alerts on and permission is granted.
 */
export async function ensurePushSubscription(
  pushManager: PushSubscriber,
  server: PushServer,
): Promise<void> {
  const key = applicationServerKey(await server.publicKey());
  let subscription = await pushManager.getSubscription();
  if (subscription && !sameServerKey(subscription.options.applicationServerKey, key)) {
    // Made with another server key (the server's keys were replaced): useless now.
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key,
  });
  await server.save(toRequest(subscription));
}

/** Unsubscribes this browser and tells the server to forget the subscription. */
export async function dropPushSubscription(
  pushManager: PushSubscriber,
  server: Pick<PushServer, 'remove'>,
): Promise<void> {
  const subscription = await pushManager.getSubscription();
  await subscription?.unsubscribe();
  await server.remove();
}
