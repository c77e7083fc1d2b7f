import { describe, expect, it } from 'vitest';
import { folderPath, homeRoute, parseRoute, routeFor, routePath } from './route.ts';

describe('routes', () => {
  it('reads paths, including item and folder deep links', () => {
    expect(parseRoute('/')).toEqual(homeRoute);
    expect(parseRoute('/inbox')).toEqual({ view: 'inbox', itemId: null });
    expect(parseRoute('/inbox/42')).toEqual({ view: 'inbox', itemId: 42 });
    expect(parseRoute('/files/n_abc')).toEqual({
      view: 'files',
      namespaceId: 'n_abc',
      folderId: null,
    });
    expect(parseRoute('/files/n_abc/17/')).toEqual({
      view: 'files',
      namespaceId: 'n_abc',
      folderId: 17,
    });
    expect(parseRoute('/following/')).toEqual({ view: 'following' });
    expect(parseRoute('/sign-up')).toEqual({ view: 'sign-up' });
    expect(parseRoute('/nowhere')).toEqual(homeRoute);
    expect(parseRoute('/files/n_abc/x')).toEqual(homeRoute);
  });

  it('writes the path each route reads back from', () => {
    const paths = ['/', '/inbox', '/inbox/7', '/files/n_1', '/files/n_1/9', '/following'];
    for (const path of [...paths, '/sign-in', '/sign-up']) {
      expect(routePath(parseRoute(path))).toBe(path);
    }
  });

  it('keeps account screens for people signed out and the app for people signed in', () => {
    expect(routeFor({ view: 'following' }, false)).toEqual({ view: 'sign-in' });
    expect(routeFor({ view: 'sign-up' }, false)).toEqual({ view: 'sign-up' });
    expect(routeFor({ view: 'sign-in' }, true)).toEqual(homeRoute);
    expect(routeFor({ view: 'inbox', itemId: 3 }, true)).toEqual({ view: 'inbox', itemId: 3 });
  });
});

describe('folderPath', () => {
  const own = { id: 'n_me', kind: 'root' as const, rootId: 1 };
  const shared = { id: 'n_team', kind: 'shared' as const, rootId: 5 };

  it('leads to / for the root of the person’s own files, and to /files/… for the rest', () => {
    expect(folderPath(own, 1)).toBe('/');
    expect(folderPath(own, 9)).toBe('/files/n_me/9');
    expect(folderPath(shared, 5)).toBe('/files/n_team');
    expect(folderPath(shared, 12)).toBe('/files/n_team/12');
  });
});
