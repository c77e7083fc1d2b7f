// The push service replaced or expired the subscription: subscribe again (if alerts are on) and
// give the server the new one.
import { ApiClient } from '../common/api/api-client.ts';
import { loadClient } from '../common/db/local-session.ts';
import { openCubbyDb } from '../common/db/open.ts';
import { ensurePushSubscription } from '../common/push/push-subscription-sync.ts';

export async function onSubscriptionChange(sw: ServiceWorkerGlobalScope) {
  const client = await loadClient(await openCubbyDb());
  if (!client?.pushWanted || Notification.permission !== 'granted') return;
  const api = new ApiClient();
  await ensurePushSubscription(sw.registration.pushManager, {
    publicKey: () => api.pushPublicKey(),
    save: (subscription) => api.savePushSubscription(client.clientId, subscription),
    remove: () => api.deletePushSubscription(client.clientId),
  });
}
