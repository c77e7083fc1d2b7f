// Health and the VAPID public key: the two routes that need no session.
import { Hono } from 'hono';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import type { Services } from '../services.ts';
import { at } from './at.ts';

export function miscRoutes(services: Services) {
  return new Hono<AppEnv>()
    .on(...at(routes.health), (c) => c.json({ ok: true, version: services.version }))
    .on(...at(routes.pushPublicKey), (c) => c.json({ publicKey: services.vapidPublicKey }));
}
