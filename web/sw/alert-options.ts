// The system notification for one inbox entry: title and body from the notification, one tag per
// key so alerts about the same folder or chat collapse into one.
import { headline, type InboxEntry } from '../common/inbox/inbox-entry.ts';
import type { AlertPlan } from '../common/push/alert-plan.ts';

export interface AlertData {
  id: number;
  url: string;
}

export function showAlert(
  registration: ServiceWorkerRegistration,
  entry: InboxEntry,
  plan: AlertPlan,
): Promise<void> {
  const data: AlertData = { id: entry.id, url: `/inbox/${entry.id}` };
  return registration.showNotification(headline(entry), {
    body: entry.body ?? `In ${entry.key}`,
    tag: entry.key,
    silent: plan.silent,
    // renotify needs a tag (it has one); it is not in every DOM typing yet.
    ...({ renotify: plan.renotify, timestamp: Date.parse(entry.at) } as object),
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data,
  });
}
