// The contexts through which `<cubby-app>` provides each model to the components below it.
import { createContext } from '@lit/context';
import type { Alerts } from './alerts.ts';
import type { Folders } from './folders.ts';
import type { Follows } from './follows.ts';
import type { Inbox } from './inbox.ts';
import type { Router } from './router.ts';
import type { Session } from './session.ts';
import type { Sharing } from './sharing.ts';

export const sessionContext = createContext<Session>(Symbol('session'));
export const routerContext = createContext<Router>(Symbol('router'));
export const inboxContext = createContext<Inbox>(Symbol('inbox'));
export const followsContext = createContext<Follows>(Symbol('follows'));
export const alertsContext = createContext<Alerts>(Symbol('alerts'));
export const foldersContext = createContext<Folders>(Symbol('folders'));
export const sharingContext = createContext<Sharing>(Symbol('sharing'));
