// The leader tab's stream brought new entries: alert for keys set to alert, unless a Cubby window is
// visible (it shows them), with the same per-key tag a push would use.
import { followMode } from '../common/db/follow-store.ts';
import { openCubbyDb } from '../common/db/open.ts';
import type { InboxEntry } from '../common/inbox/inbox-entry.ts';
import { planAlert } from '../common/push/alert-plan.ts';
import { showAlert } from './alert-options.ts';

export async function onLiveAlert(sw: ServiceWorkerGlobalScope, entries: InboxEntry[]) {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const windowVisible = windows.some((w) => w.visibilityState === 'visible');
  if (windowVisible || Notification.permission !== 'granted') return;
  const db = await openCubbyDb();
  // One alert per key: the newest entry of each (the tag would collapse the others anyway).
  const newestByKey = new Map<string, InboxEntry>();
  for (const entry of entries) {
    const had = newestByKey.get(entry.key);
    if (!had || had.id < entry.id) newestByKey.set(entry.key, entry);
  }
  for (const entry of newestByKey.values()) {
    const plan = planAlert({
      how: 'live',
      mode: await followMode(db, entry.key),
      alreadyInInbox: false,
      windowVisible,
    });
    if (plan.show) await showAlert(sw.registration, entry, plan);
  }
}
