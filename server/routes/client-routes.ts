// Clients: register for keys, the live event stream, the reconnect check, and the push subscription.
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type Context } from 'hono';
import {
  reconnectSchema,
  registerClientSchema,
  updateClientKeysSchema,
  type RegisterClientAnswer,
} from '../../shared/api/clients.ts';
import { pushSubscriptionSchema } from '../../shared/api/push.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { newId } from '../auth/tokens.ts';
import { HttpError } from '../http-error.ts';
import { reconnectAnswerJson } from '../notify/notifier.ts';
import type { Services } from '../services.ts';
import type { ClientRow } from '../store/notification-store.ts';
import { jsonBody } from '../validate-json.ts';
import { at } from './at.ts';
import { requireKeyRight } from './key-access.ts';

const idPattern = /^[0-9]{1,16}$/;

export function clientRoutes(services: Services) {
  const { store, notifier, now } = services;

  /** The caller's own client; another user's is "not found", exactly like one that does not exist. */
  async function ownClient(c: Context<AppEnv>): Promise<ClientRow> {
    const id = c.req.param('id') ?? '';
    const client = await store.getClient(id);
    if (!client || client.userId !== c.get('user').id) {
      throw new HttpError(404, 'client_not_found', 'There is no such client.');
    }
    return client;
  }

  async function requireSubscribable(userId: string, keys: string[]) {
    for (const key of new Set(keys)) await requireKeyRight(store, userId, key, 'subscribe');
  }

  function parseAfter(value: string | undefined, what: string): number | undefined {
    if (value === undefined || value === '') return undefined;
    if (!idPattern.test(value))
      throw new HttpError(400, 'invalid_input', `${what} must be a notification id.`);
    return Number(value);
  }

  const signedIn = requireUser(services);
  return new Hono<AppEnv>()
    .on(...at(routes.registerClient), signedIn, ...jsonBody(registerClientSchema), async (c) => {
      const body = c.req.valid('json');
      const user = c.get('user');
      const keys = [...new Set(body.keys ?? [])];
      await requireSubscribable(user.id, keys);
      const client = await store.createClient({
        id: newId('c'),
        userId: user.id,
        name: body.name ?? '',
        keys,
        now: now(),
      });
      const answer: RegisterClientAnswer = { clientId: client.id, keys: client.keys };
      return c.json(answer, 201);
    })
    .on(...at(routes.listClients), signedIn, async (c) => {
      const clients = await store.listClients(c.get('user').id);
      return c.json({ clients: clients.map((client) => notifier.clientInfo(client)) });
    })
    .on(...at(routes.getClient), signedIn, async (c) =>
      c.json(notifier.clientInfo(await ownClient(c))),
    )
    .on(
      ...at(routes.updateClientKeys),
      signedIn,
      ...jsonBody(updateClientKeysSchema),
      async (c) => {
        const client = await ownClient(c);
        const changes = c.req.valid('json');
        await requireSubscribable(client.userId, changes.add ?? []);
        return c.json({ keys: await notifier.updateKeys(client.id, changes) });
      },
    )
    .on(...at(routes.deleteClient), signedIn, async (c) => {
      const client = await ownClient(c);
      await notifier.deleteClient(client.id);
      return c.body(null, 204);
    })
    .on(...at(routes.clientEvents), signedIn, async (c) => {
      const client = await ownClient(c);
      const after =
        parseAfter(c.req.query('after'), 'after') ??
        parseAfter(c.req.header('last-event-id'), 'Last-Event-ID');
      const res = c.env.outgoing;
      if (!res || !('writeHead' in res))
        throw new HttpError(400, 'invalid_input', 'The event stream needs an HTTP/1.1 connection.');
      await notifier.openStream(client, res, after);
      return RESPONSE_ALREADY_SENT;
    })
    .on(...at(routes.reconnect), signedIn, ...jsonBody(reconnectSchema), async (c) => {
      const client = await ownClient(c);
      const { receivedCount, lastId } = c.req.valid('json');
      const result = await notifier.reconnect(client, receivedCount, lastId);
      return c.body(reconnectAnswerJson(result), 200, { 'content-type': 'application/json' });
    })
    .on(
      ...at(routes.savePushSubscription),
      signedIn,
      ...jsonBody(pushSubscriptionSchema),
      async (c) => {
        const client = await ownClient(c);
        const { endpoint, keys } = c.req.valid('json');
        const subscription = { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
        try {
          services.checkPushSubscription(subscription);
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (
            code === 'invalid_endpoint' ||
            code === 'endpoint_not_allowed' ||
            code === 'invalid_keys'
          ) {
            throw new HttpError(400, code, (err as Error).message);
          }
          throw err;
        }
        await store.setPushSubscription(client.id, subscription);
        return c.body(null, 204);
      },
    )
    .on(...at(routes.deletePushSubscription), signedIn, async (c) => {
      const client = await ownClient(c);
      await store.setPushSubscription(client.id, null);
      return c.body(null, 204);
    });
}
