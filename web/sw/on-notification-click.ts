// A notification was clicked: mark its item read, then focus an open Cubby window at the item, or
// open one there.
import { markRead } from '../common/db/inbox-store.ts';
import { openCubbyDb } from '../common/db/open.ts';
import { updateAppBadge } from '../common/inbox/app-badge.ts';
import { LiveChannel } from '../common/live/live-channel.ts';
import type { AlertData } from './alert-options.ts';

export async function onNotificationClick(
  sw: ServiceWorkerGlobalScope,
  notification: Notification,
) {
  notification.close();
  const data = notification.data as Partial<AlertData> | null;
  const url = new URL(data?.url ?? '/', sw.location.origin).href;
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => w.focused) ?? windows[0];
  if (open) {
    open.postMessage({ type: 'open-item', id: data?.id ?? null });
    // Focusing needs the click's user activation; without it the window still shows the item.
    await open.focus().catch(() => undefined);
  } else {
    await sw.clients.openWindow(url);
  }
  if (typeof data?.id === 'number') {
    const db = await openCubbyDb();
    await markRead(db, data.id);
    await updateAppBadge(db);
    const channel = new LiveChannel();
    channel.post({ type: 'inbox-changed' });
    channel.close();
  }
}
