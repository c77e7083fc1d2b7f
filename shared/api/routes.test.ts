import { describe, expect, it } from 'vitest';
import { pathFor, routes } from './routes.ts';

describe('pathFor', () => {
  it('answers a pattern without parameters as it is', () => {
    expect(pathFor(routes.listNamespaces)).toBe('/api/namespaces');
  });

  it('fills in every parameter, URI-encoded', () => {
    expect(pathFor(routes.grantKey, { key: 'chat:n_1:messages' })).toBe(
      '/api/keys/chat%3An_1%3Amessages/grants',
    );
    expect(pathFor(routes.removeMember, { ns: 'n_a', userId: 'u/b' })).toBe(
      '/api/ns/n_a/members/u%2Fb',
    );
  });

  it('appends the query in order, leaving out undefined values', () => {
    expect(pathFor(routes.changes, { ns: 'n_1' }, { cursor: 0, limit: 500 })).toBe(
      '/api/ns/n_1/changes?cursor=0&limit=500',
    );
    expect(pathFor(routes.digest, { ns: 'n_1' }, { dir: undefined })).toBe('/api/ns/n_1/digest');
    expect(pathFor(routes.listChat, { ns: 'n 1' }, { after: 'a&b' })).toBe(
      '/api/ns/n%201/chat?after=a%26b',
    );
  });

  it('throws when a parameter is missing (what the types refuse)', () => {
    const untyped = pathFor as (route: unknown, params: unknown) => string;
    expect(() => untyped(routes.getClient, {})).toThrow(/:id/);
  });
});
