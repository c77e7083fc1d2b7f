import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Route } from './route.ts';
import { Router } from './router.ts';

/** The address bar and its history, as the router sees them. */
function browser(pathname: string) {
  const entries = [pathname];
  const location = { pathname };
  const history = {
    pushState: (_: unknown, __: string, path: string) => {
      entries.push(path);
      location.pathname = path;
    },
    replaceState: (_: unknown, __: string, path: string) => {
      entries[entries.length - 1] = path;
      location.pathname = path;
    },
  };
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', history);
  return entries;
}

describe('Router', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts at the route in the address bar and adds a history entry for each move', () => {
    const entries = browser('/inbox/7');
    const router = new Router(() => undefined);
    expect(router.route).toEqual({ view: 'inbox', itemId: 7 });
    router.signedIn = true;
    router.navigate({ view: 'following' });
    expect(entries).toEqual(['/inbox/7', '/following']);
  });

  it('leads a person signed out to the sign-in screen, replacing the entry when asked', () => {
    const entries = browser('/following');
    const router = new Router(() => undefined);
    router.signedIn = false;
    router.show(router.route, false);
    expect(router.route).toEqual({ view: 'sign-in' });
    expect(entries).toEqual(['/sign-in']);
  });

  it('tells where it moved from and to, and that it changed', () => {
    browser('/');
    const moves: [Route['view'], Route['view']][] = [];
    const router = new Router((next, previous) => moves.push([previous.view, next.view]));
    let changes = 0;
    router.listen({ change: () => changes++ });
    router.signedIn = true;
    router.navigate({ view: 'inbox', itemId: null });
    expect(moves).toEqual([['files', 'inbox']]);
    expect(changes).toBe(1);
  });
});
