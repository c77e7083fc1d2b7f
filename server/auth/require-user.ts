// Authenticates a request by bearer token or session cookie; cookie requests that change state must
// come from our own origin (the Origin header), so another site cannot ride the cookie.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sessionCookieName } from '../../shared/api/auth.ts';
import type { AppEnv } from '../app-env.ts';
import { HttpError } from '../http-error.ts';
import type { Services } from '../services.ts';
import { hashToken } from './tokens.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireUser(services: Services) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    let token: string | undefined;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        throw new HttpError(
          401,
          'unauthorized',
          'The Authorization header must be "Bearer <token>".',
        );
      token = match[1];
    } else {
      token = getCookie(c, sessionCookieName);
      if (token && !safeMethods.has(c.req.method)) {
        const origin = c.req.header('origin');
        const expected = services.config.publicOrigin ?? new URL(c.req.url).origin;
        if (origin !== expected) {
          throw new HttpError(
            403,
            'origin_mismatch',
            'This request must come from the Cubby app itself.',
          );
        }
      }
    }
    if (!token) throw new HttpError(401, 'unauthorized', 'Sign in first.');
    const tokenHash = hashToken(token);
    const user = await services.accounts.findSession(tokenHash, services.now());
    if (!user) throw new HttpError(401, 'unauthorized', 'Your session has ended; sign in again.');
    c.set('user', user);
    c.set('tokenHash', tokenHash);
    await next();
  });
}
