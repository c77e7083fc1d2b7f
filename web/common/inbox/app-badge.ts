// The app icon's badge (Badging API) shows the unread count; page and service worker both set it.
import { countUnread } from '../db/inbox-store.ts';
import type { CubbyDatabase } from '../db/open.ts';

type BadgeNavigator = Partial<NavigatorBadge>;

/** Sets the badge to the inbox's unread count (cleared at zero); returns the count. */
export async function updateAppBadge(
  db: CubbyDatabase,
  nav: BadgeNavigator = navigator,
): Promise<number> {
  const unread = await countUnread(db);
  try {
    if (unread > 0) await nav.setAppBadge?.(unread);
    else await nav.clearAppBadge?.();
  } catch {
    // Not installed, or the platform has no badge: the in-app count is enough.
  }
  return unread;
}
