// Publishing: an event becomes one notification record, answered 202 with its id and recipient counts.
import { Hono } from 'hono';
import {
  idempotencyKeyPattern,
  maxChangeBytes,
  publishEventSchema,
} from '../../shared/api/events.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { HttpError } from '../http-error.ts';
import type { Services } from '../services.ts';
import { jsonBody } from '../validate-json.ts';
import { at } from './at.ts';
import { requireKeyRight } from './key-access.ts';

export function eventRoutes(services: Services) {
  const { store, notifier } = services;
  return new Hono<AppEnv>().on(
    ...at(routes.publish),
    requireUser(services),
    ...jsonBody(publishEventSchema),
    async (c) => {
      const event = c.req.valid('json');
      if (event.change && Buffer.byteLength(JSON.stringify(event.change)) > maxChangeBytes) {
        throw new HttpError(
          413,
          'payload_too_large',
          `An event's change can be at most ${maxChangeBytes} bytes of JSON.`,
        );
      }
      const idempotencyKey = c.req.header('idempotency-key');
      if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
        throw new HttpError(
          400,
          'invalid_input',
          'Idempotency-Key must be 1 to 200 visible ASCII characters.',
        );
      }
      const user = c.get('user');
      const key = await requireKeyRight(store, user.id, event.key, 'publish');
      const result = await notifier.publish(user.id, key, event, idempotencyKey);
      if (result.kind === 'conflict') {
        throw new HttpError(
          409,
          'idempotency_conflict',
          'This Idempotency-Key was used for a different event.',
        );
      }
      return c.json(result.answer, 202);
    },
  );
}
