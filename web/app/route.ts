// The app's screens as URL paths: deep links work because the server and the service worker answer
// every path with the app shell.

export type Route =
  | { view: 'inbox'; itemId: number | null }
  | { view: 'following' }
  | { view: 'sign-in' }
  | { view: 'sign-up' };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const item = /^\/inbox\/(\d{1,16})$/.exec(path);
  if (item) return { view: 'inbox', itemId: Number(item[1]) };
  if (path === '/following') return { view: 'following' };
  if (path === '/sign-in') return { view: 'sign-in' };
  if (path === '/sign-up') return { view: 'sign-up' };
  return { view: 'inbox', itemId: null };
}

export function routePath(route: Route): string {
  switch (route.view) {
    case 'inbox':
      return route.itemId === null ? '/' : `/inbox/${route.itemId}`;
    default:
      return `/${route.view}`;
  }
}

/** Where a route leads for someone signed in or out: the account screens only while signed out. */
export function routeFor(route: Route, signedIn: boolean): Route {
  const accountScreen = route.view === 'sign-in' || route.view === 'sign-up';
  if (signedIn && accountScreen) return { view: 'inbox', itemId: null };
  if (!signedIn && !accountScreen) return { view: 'sign-in' };
  return route;
}
