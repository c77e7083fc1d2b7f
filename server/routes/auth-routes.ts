// Sign up, log in, log out: bearer tokens for programs, an HttpOnly SameSite cookie for the browser.
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import {
  credentialsSchema,
  sessionCookieName,
  type SessionAnswer,
  type User,
} from '../../shared/api/auth.ts';
import { routes } from '../../shared/api/routes.ts';
import type { AppEnv } from '../app-env.ts';
import type { FailureLimiter } from '../auth/failure-limiter.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { requireUser } from '../auth/require-user.ts';
import { hashToken, newId, newToken } from '../auth/tokens.ts';
import { HttpError } from '../http-error.ts';
import type { Services } from '../services.ts';
import { jsonBody } from '../validate-json.ts';
import { at } from './at.ts';

export function authRoutes(services: Services) {
  const { accounts, config, loginLimiter, signupLimiter, now } = services;

  async function startSession(c: Context<AppEnv>, user: User): Promise<SessionAnswer> {
    const token = newToken();
    const at = now();
    await accounts.createSession({
      tokenHash: hashToken(token),
      userId: user.id,
      now: at,
      expiresAt: at + config.sessionMs,
    });
    setCookie(c, sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(config.publicOrigin ?? c.req.url).protocol === 'https:',
      maxAge: Math.floor(config.sessionMs / 1000),
    });
    return { user, token };
  }

  function clientAddress(c: Context<AppEnv>): string {
    return c.env.incoming ? (getConnInfo(c).remote.address ?? 'unknown') : 'unknown';
  }

  function refuseWhileLimited(limiter: FailureLimiter, subjects: string[], what: string) {
    const wait = Math.max(...subjects.map((s) => limiter.retryAfter(s)));
    if (wait > 0) {
      throw new HttpError(
        429,
        'rate_limited',
        `${what} Try again in ${Math.ceil(wait / 60)} minute(s).`,
        { 'retry-after': String(wait) },
      );
    }
  }

  return new Hono<AppEnv>()
    .on(...at(routes.signUp), ...jsonBody(credentialsSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c);
      refuseWhileLimited(signupLimiter, [address], 'Too many new accounts from your address.');
      // Each signup counts against the address, so nobody mass-creates accounts from one place.
      signupLimiter.fail(address);
      const user = await accounts.createUser({
        id: newId('u'),
        username,
        passwordHash: await hashPassword(password),
        now: now(),
      });
      if (!user) throw new HttpError(409, 'username_taken', `The username "${username}" is taken.`);
      return c.json(await startSession(c, user), 201);
    })
    .on(...at(routes.logIn), ...jsonBody(credentialsSchema), async (c) => {
      const { username, password } = c.req.valid('json');
      const subjects = [`login-user:${username}`, `login-ip:${clientAddress(c)}`];
      refuseWhileLimited(loginLimiter, subjects, 'Too many failed attempts.');
      const found = await accounts.findUserByName(username);
      const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyPasswordHash));
      if (!found || !ok) {
        for (const s of subjects) loginLimiter.fail(s);
        throw new HttpError(401, 'invalid_credentials', 'That username and password do not match.');
      }
      loginLimiter.reset(subjects[0]!);
      return c.json(await startSession(c, found.user), 200);
    })
    .on(...at(routes.logOut), requireUser(services), async (c) => {
      await accounts.deleteSession(c.get('tokenHash'));
      deleteCookie(c, sessionCookieName, { path: '/' });
      return c.body(null, 204);
    });
}
