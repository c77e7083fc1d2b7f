// Notification keys: define (once), list what the caller may subscribe to, grant rights (owner only).
import { Hono } from 'hono';
import {
  defineKeySchema,
  grantSchema,
  type KeyDefinition,
  type KeyListing,
} from '../../shared/api/keys.ts';
import { reservedKeyPattern } from '../../shared/api/notification-keys.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { HttpError } from '../http-error.ts';
import type { Services } from '../services.ts';
import type { KeyRecord } from '../store/notification-store.ts';
import { jsonBody } from '../validate-json.ts';
import { at } from './at.ts';

function definition(k: KeyRecord): KeyDefinition {
  return { key: k.key, description: k.description, owner: k.ownerName, push: k.push };
}

export function keyRoutes(services: Services) {
  const { store, accounts, now } = services;
  const signedIn = requireUser(services);
  return new Hono<AppEnv>()
    .on(...at(routes.defineKey), signedIn, ...jsonBody(defineKeySchema), async (c) => {
      const body = c.req.valid('json');
      if (reservedKeyPattern.test(body.key)) {
        throw new HttpError(
          403,
          'forbidden',
          'Keys of folders, chats and users are defined by the server itself.',
        );
      }
      const record = await store.defineKey({
        key: body.key,
        description: body.description ?? '',
        ownerId: c.get('user').id,
        push: body.push ?? 'none',
        now: now(),
      });
      if (!record)
        throw new HttpError(409, 'key_exists', `The key "${body.key}" is already defined.`);
      return c.json(definition(record), 201);
    })
    .on(...at(routes.listKeys), signedIn, async (c) => {
      const keys: KeyListing[] = (await store.keysFor(c.get('user').id))
        .filter((k) => k.rights.includes('subscribe'))
        .map((k) => ({ ...definition(k.key), rights: k.rights }));
      return c.json({ keys });
    })
    .on(...at(routes.grantKey), signedIn, ...jsonBody(grantSchema), async (c) => {
      const key = c.req.param('key');
      const user = c.get('user');
      const record = await store.getKey(key);
      if (!record || (await store.rightsOf(user.id, key)).length === 0) {
        throw new HttpError(404, 'key_not_found', `There is no key "${key}".`);
      }
      if (record.ownerId !== user.id)
        throw new HttpError(403, 'forbidden', 'Only the key\u2019s owner can grant rights.');
      const { username, rights } = c.req.valid('json');
      const grantee = await accounts.findUserByName(username.trim().toLowerCase());
      if (!grantee) throw new HttpError(404, 'user_not_found', `There is no user "${username}".`);
      if (grantee.user.id === user.id)
        throw new HttpError(400, 'invalid_input', 'The owner always has every right.');
      const unique = [...new Set(rights)].sort();
      await store.setGrant(key, grantee.user.id, unique);
      // Losing the right to subscribe ends the user's registrations for the key, from now on.
      if (!unique.includes('subscribe'))
        await services.notifier.dropRegistrations(grantee.user.id, key);
      return c.json({ key, username: grantee.user.username, rights: unique });
    });
}
