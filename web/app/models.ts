// The page's models, made once and wired together: `<cubby-app>` provides each to the components
// (see contexts.ts), and the session starts them.
import { Alerts } from './alerts.ts';
import { Device } from './device.ts';
import { Folders } from './folders.ts';
import { Follows } from './follows.ts';
import { Inbox } from './inbox.ts';
import { Router } from './router.ts';
import { Session } from './session.ts';
import { Sharing } from './sharing.ts';

export interface Models {
  session: Session;
  router: Router;
  inbox: Inbox;
  follows: Follows;
  alerts: Alerts;
  folders: Folders;
  sharing: Sharing;
}

export function createModels(): Models {
  const device = new Device();
  const inbox = new Inbox(device);
  const follows = new Follows(device);
  const alerts = new Alerts(device);
  const sharing = new Sharing(device.api);
  const router = new Router((next, previous) => {
    if (next.view === 'inbox' && next.itemId !== null) void inbox.markRead(next.itemId);
    // Keys may have been created or shared since: list them afresh each time the page opens.
    if (next.view === 'following' && previous.view !== 'following') void follows.load();
  });
  const folders = new Folders(device, { sharing, follows, router });
  const session = new Session(device, { router, inbox, follows, alerts, folders, sharing });
  return { session, router, inbox, follows, alerts, folders, sharing };
}
