// A push arrived: keep the notification in the inbox, alert (always, unless a Cubby window shows
// it), set the badge, and if online and no tab holds the live stream, run the reconnect check.
import type { Notification } from '../../shared/api/notification.ts';
import { ApiClient } from '../common/api/api-client.ts';
import { followMode } from '../common/db/follow-store.ts';
import { recordPushed } from '../common/db/inbox-store.ts';
import { loadClient } from '../common/db/local-session.ts';
import { openCubbyDb } from '../common/db/open.ts';
import { updateAppBadge } from '../common/inbox/app-badge.ts';
import { leaderPresent } from '../common/live/leader-lock-name.ts';
import { LiveChannel } from '../common/live/live-channel.ts';
import { planAlert } from '../common/push/alert-plan.ts';
import { catchUpClient } from '../common/live/catch-up-client.ts';
import { showAlert } from './alert-options.ts';

function parsePayload(data: PushMessageData | null): Notification | null {
  try {
    const value = data?.json() as Partial<Notification> | undefined;
    if (typeof value?.id === 'number' && typeof value.key === 'string')
      return value as Notification;
  } catch {
    // not JSON: fall through to the generic alert
  }
  return null;
}

export async function onPush(sw: ServiceWorkerGlobalScope, data: PushMessageData | null) {
  const notification = parsePayload(data);
  const db = await openCubbyDb();
  const client = await loadClient(db);
  if (!notification || !client) {
    // A user-visible push must show something, even one Cubby cannot read.
    await sw.registration.showNotification('Cubby', {
      body: client ? 'Something you follow changed.' : 'Sign in to Cubby to see what changed.',
      icon: '/icons/icon-192.png',
      tag: 'cubby',
    });
    return;
  }
  const channel = new LiveChannel();
  try {
    const { entry, alreadyHad } = await recordPushed(db, notification);
    if (!alreadyHad) channel.post({ type: 'entries', entries: [entry] });
    const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const plan = planAlert({
      how: 'push',
      mode: await followMode(db, notification.key),
      alreadyInInbox: alreadyHad,
      windowVisible: windows.some((w) => w.visibilityState === 'visible'),
    });
    const work: Promise<unknown>[] = [updateAppBadge(db)];
    if (plan.show) work.push(showAlert(sw.registration, entry, plan));
    if (navigator.onLine && !(await leaderPresent(client.clientId, navigator.locks))) {
      work.push(
        catchUpClient(db, new ApiClient(), client.clientId)
          .then(async (result) => {
            if (result.added.length > 0) channel.post({ type: 'entries', entries: result.added });
            if (result.verdict === 'resync') channel.post({ type: 'resynced' });
            await updateAppBadge(db);
          })
          // Offline after all, or signed out: the page catches up when it opens.
          .catch(() => undefined),
      );
    }
    await Promise.all(work);
  } finally {
    channel.close();
  }
}
