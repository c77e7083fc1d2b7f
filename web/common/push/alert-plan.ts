// Whether and how to show a system notification for something that arrived: by push while Cubby may
// be closed, or on the live stream while it is open. Pure, so the rules are unit-tested.
import type { FollowMode } from '../db/schema.ts';

export interface AlertContext {
  how: 'push' | 'live';
  /** This browser's choice for the key; undefined when it has none (treated as alert). */
  mode: FollowMode | undefined;
  /** The inbox already held the id: the live stream (or an earlier push) brought it first. */
  alreadyInInbox: boolean;
  /** A Cubby window is visible: its inbox shows the item, so a system alert would be a duplicate. */
  windowVisible: boolean;
}

export interface AlertPlan {
  show: boolean;
  /** No sound or vibration. */
  silent: boolean;
  /** Alert again when it replaces an earlier notification with the same tag. */
  renotify: boolean;
}

const quiet: AlertPlan = { show: true, silent: true, renotify: false };

export function planAlert(ctx: AlertContext): AlertPlan {
  // A visible window shows it already; browsers do not require a notification for a push then.
  if (ctx.windowVisible) return { show: false, silent: true, renotify: false };
  const mode = ctx.mode ?? 'alert';
  if (ctx.how === 'live') {
    // Live arrivals alert only for keys set to alert, and only once.
    if (mode !== 'alert' || ctx.alreadyInInbox)
      return { show: false, silent: true, renotify: false };
    return { show: true, silent: false, renotify: true };
  }
  // A user-visible push must always show something. Already seen live, or not wanted as an alert:
  // show it quietly (the per-key tag collapses it into what is already there).
  if (mode !== 'alert' || ctx.alreadyInInbox) return quiet;
  return { show: true, silent: false, renotify: true };
}
