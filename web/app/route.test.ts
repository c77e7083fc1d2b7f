import { describe, expect, it } from 'vitest';
import { parseRoute, routeFor, routePath } from './route.ts';

describe('routes', () => {
  it('reads paths, including an item deep link', () => {
    expect(parseRoute('/')).toEqual({ view: 'inbox', itemId: null });
    expect(parseRoute('/inbox/42')).toEqual({ view: 'inbox', itemId: 42 });
    expect(parseRoute('/following/')).toEqual({ view: 'following' });
    expect(parseRoute('/sign-up')).toEqual({ view: 'sign-up' });
    expect(parseRoute('/nowhere')).toEqual({ view: 'inbox', itemId: null });
  });

  it('writes the path each route reads back from', () => {
    for (const path of ['/', '/inbox/7', '/following', '/sign-in', '/sign-up']) {
      expect(routePath(parseRoute(path))).toBe(path);
    }
  });

  it('keeps account screens for people signed out and the app for people signed in', () => {
    expect(routeFor({ view: 'following' }, false)).toEqual({ view: 'sign-in' });
    expect(routeFor({ view: 'sign-up' }, false)).toEqual({ view: 'sign-up' });
    expect(routeFor({ view: 'sign-in' }, true)).toEqual({ view: 'inbox', itemId: null });
    expect(routeFor({ view: 'inbox', itemId: 3 }, true)).toEqual({ view: 'inbox', itemId: 3 });
  });
});
