import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/api/errors.ts';
import { pathFor, routes, type Route } from '../../shared/api/routes.ts';
import { openTestApp, type TestApp } from './test-app.fixture.ts';

let server: TestApp;
beforeAll(async () => {
  server = await openTestApp();
});
afterAll(() => server.dispose());

/** The routes anyone may call without a session. */
const open = new Set<Route>([routes.health, routes.pushPublicKey, routes.signUp, routes.logIn]);

/** A path for `route` with every `:name` filled in by a made-up value. */
function somePath(route: Route): string {
  const params = Object.fromEntries(
    [...route.pattern.matchAll(/:(\w+)/g)].map(([, name]) => [name!, `x-${name}`]),
  );
  return pathFor(route, params);
}

describe('the route table', () => {
  it('is exactly what the server serves: every route, and no other', () => {
    const served = new Set(
      server.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path}`),
    );
    const table = Object.values(routes).map((r) => `${r.method} ${r.pattern}`);
    expect(new Set(table).size).toBe(table.length);
    expect([...served].sort()).toEqual([...table].sort());
  });

  it('asks for a session on every route but health, the push key, sign-up and log-in', async () => {
    for (const route of Object.values(routes)) {
      const res = await server.request(somePath(route), { method: route.method });
      const body = (await res.json()) as { error?: { code: string } };
      if (open.has(route)) expect(res.status, route.pattern).not.toBe(401);
      else expect([res.status, body.error?.code], route.pattern).toEqual([401, 'unauthorized']);
    }
  });
});

describe('docs/http-contract.md', () => {
  const page = readFileSync(new URL('../../docs/http-contract.md', import.meta.url), 'utf8');

  it('covers every route of the table', () => {
    const missing = Object.values(routes)
      .map((r) => `${r.method} ${r.pattern}`)
      // Followed by anything but more path: `DELETE /api/clients/:id/push` is not `DELETE /api/clients/:id`.
      .filter(
        (route) =>
          !new RegExp(`${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w/:-])`).test(page),
      );
    expect(missing).toEqual([]);
  });

  it('names every error code', () => {
    expect(errorCodes.filter((code) => !page.includes(`\`${code}\``))).toEqual([]);
  });
});
