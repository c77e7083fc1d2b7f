// Cubby's service worker: precaches the app shell and serves it for every navigation (offline too),
// shows pushes, opens the app from a notification, and activates a new version only when the page
// asks (the person clicked "Reload" in the update prompt; workbox-window sends SKIP_WAITING).
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { InboxEntry } from '../common/inbox/inbox-entry.ts';
import { onLiveAlert } from './on-live-alert.ts';
import { onNotificationClick } from './on-notification-click.ts';
import { onPush } from './on-push.ts';
import { onSubscriptionChange } from './on-subscription-change.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

type PageMessage = { type: 'SKIP_WAITING' } | { type: 'alert-live'; entries: InboxEntry[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Deep links (/inbox/42, /following) get the shell; the API is never answered from the cache.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
);

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const message = event.data as PageMessage | null;
  if (message?.type === 'SKIP_WAITING') event.waitUntil(self.skipWaiting());
  if (message?.type === 'alert-live') event.waitUntil(onLiveAlert(self, message.entries));
});

self.addEventListener('push', (event) => event.waitUntil(onPush(self, event.data)));

self.addEventListener('notificationclick', (event) =>
  event.waitUntil(onNotificationClick(self, event.notification)),
);

self.addEventListener('pushsubscriptionchange', (event) =>
  (event as ExtendableEvent).waitUntil(onSubscriptionChange(self)),
);
