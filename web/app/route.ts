// The app's screens as URL paths: deep links work because the server and the service worker answer
// every path with the app shell.

export type Route =
  /** A folder of a namespace; `null`s mean the person's own files and a namespace's root. */
  | { view: 'files'; namespaceId: string | null; folderId: number | null }
  | { view: 'inbox'; itemId: number | null }
  | { view: 'following' }
  | { view: 'sign-in' }
  | { view: 'sign-up' };

/** Where someone signed in lands: their own files. */
export const homeRoute: Route = { view: 'files', namespaceId: null, folderId: null };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const item = /^\/inbox\/(\d{1,16})$/.exec(path);
  if (item) return { view: 'inbox', itemId: Number(item[1]) };
  const folder = /^\/files\/([A-Za-z0-9_-]{1,64})(?:\/(\d{1,10}))?$/.exec(path);
  if (folder) {
    return {
      view: 'files',
      namespaceId: folder[1] ?? null,
      folderId: folder[2] === undefined ? null : Number(folder[2]),
    };
  }
  if (path === '/inbox') return { view: 'inbox', itemId: null };
  if (path === '/following') return { view: 'following' };
  if (path === '/sign-in') return { view: 'sign-in' };
  if (path === '/sign-up') return { view: 'sign-up' };
  return homeRoute;
}

export function routePath(route: Route): string {
  switch (route.view) {
    case 'files':
      if (route.namespaceId === null) return '/';
      return route.folderId === null
        ? `/files/${route.namespaceId}`
        : `/files/${route.namespaceId}/${route.folderId}`;
    case 'inbox':
      return route.itemId === null ? '/inbox' : `/inbox/${route.itemId}`;
    default:
      return `/${route.view}`;
  }
}

/** The path of a namespace's folder: its root is the namespace's own (the root namespace's is `/`). */
export function folderPath(
  namespace: { id: string; kind: 'root' | 'shared'; rootId: number },
  folderId: number,
): string {
  const atRoot = folderId === namespace.rootId;
  return routePath({
    view: 'files',
    namespaceId: namespace.kind === 'root' && atRoot ? null : namespace.id,
    folderId: atRoot ? null : folderId,
  });
}

/** Where a route leads for someone signed in or out: the account screens only while signed out. */
export function routeFor(route: Route, signedIn: boolean): Route {
  const accountScreen = route.view === 'sign-in' || route.view === 'sign-up';
  if (signedIn && accountScreen) return homeRoute;
  if (!signedIn && !accountScreen) return { view: 'sign-in' };
  return route;
}
