// Namespaces and their file trees: list and create, commit ops, read the journal, snapshot, digests.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { commitSchema, createNamespaceSchema, type ContentNode } from '../../shared/api/content.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { HttpError } from '../http-error.ts';
import type { Services } from '../services.ts';
import { jsonBody } from '../validate-json.ts';
import { at } from './at.ts';

/** Parses an optional non-negative integer query parameter, or answers 400 naming it. */
export function intQuery(
  value: string | undefined,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,16}$/.test(value) || Number(value) > max) {
    throw new HttpError(400, 'invalid_input', `${name} must be a whole number from 0 to ${max}.`);
  }
  return Number(value);
}

export function contentRoutes(services: Services) {
  const { content } = services;
  const signedIn = requireUser(services);
  return new Hono<AppEnv>()
    .on(...at(routes.listNamespaces), signedIn, async (c) =>
      c.json({ namespaces: await content.namespaces(c.get('user')) }),
    )
    .on(...at(routes.createNamespace), signedIn, ...jsonBody(createNamespaceSchema), async (c) =>
      c.json(await content.createShared(c.get('user'), c.req.valid('json').name), 201),
    )
    .on(...at(routes.commit), signedIn, ...jsonBody(commitSchema), async (c) =>
      c.json(await content.commit(c.get('user'), c.req.param('ns'), c.req.valid('json').ops)),
    )
    .on(...at(routes.changes), signedIn, async (c) => {
      const cursor = intQuery(c.req.query('cursor'), 'cursor', 0);
      const limit = intQuery(c.req.query('limit'), 'limit', 1000, 10_000) || 1;
      return c.json(await content.changes(c.get('user'), c.req.param('ns'), cursor, limit));
    })
    .on(...at(routes.snapshot), signedIn, async (c) => {
      const dir = c.req.query('dir');
      const pages = content.snapshot(
        c.get('user'),
        c.req.param('ns'),
        dir === undefined ? undefined : intQuery(dir, 'dir', 0, 0xffffffff),
      );
      // The access check runs on the first page, before the 200 goes out.
      const first = await pages.next();
      c.header('content-type', 'application/json');
      return stream(c, async (out) => {
        if (first.done) return;
        const { cursor, digest } = first.value;
        await out.write(`{"cursor":${cursor},"digest":"${digest}","nodes":[`);
        let separator = '';
        let page: IteratorResult<{ nodes: ContentNode[] }> = first;
        for (; !page.done; page = await pages.next()) {
          if (page.value.nodes.length === 0) continue;
          await out.write(separator + page.value.nodes.map((n) => JSON.stringify(n)).join(','));
          separator = ',';
        }
        await out.write(']}');
      });
    })
    .on(...at(routes.digest), signedIn, async (c) => {
      const dir = c.req.query('dir');
      return c.json(
        await content.digest(
          c.get('user'),
          c.req.param('ns'),
          dir === undefined ? undefined : intQuery(dir, 'dir', 0, 0xffffffff),
        ),
      );
    });
}
