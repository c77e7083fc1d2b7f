import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, signUp, type TestApp } from './test-app.fixture.ts';

let server: TestApp;
beforeAll(async () => {
  server = await openTestApp({ LOGIN_MAX_FAILURES: '3' });
});
afterAll(() => server.dispose());

describe('accounts', () => {
  it('signs up with a token, logs in with a cookie, and logs out', async () => {
    const signup = await call(server, 'POST', '/api/auth/signup', {
      body: { username: 'Alice', password: 'correct horse battery' },
    });
    expect(signup.status).toBe(201);
    expect(signup.body.user.username).toBe('alice');
    expect(signup.body.token).toMatch(/^cub_[A-Za-z0-9_-]{43}$/);

    const login = await call(server, 'POST', '/api/auth/login', {
      body: { username: 'alice', password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cubby_session=cub_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const sessionCookie = cookie.split(';')[0]!;
    const keys = await call(server, 'GET', '/api/keys', { headers: { cookie: sessionCookie } });
    expect(keys.status).toBe(200);

    const out = await call(server, 'POST', '/api/auth/logout', { token: login.body.token });
    expect(out.status).toBe(204);
    const after = await call(server, 'GET', '/api/keys', { token: login.body.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    // The signup token is a separate session and still works.
    expect((await call(server, 'GET', '/api/keys', { token: signup.body.token })).status).toBe(200);
  });

  it('stores only an scrypt hash of the password', async () => {
    await signUp(server, 'hashcheck', 'a password to hide');
    const found = await server.services.accounts.findUserByName('hashcheck');
    expect(found?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(found?.passwordHash).not.toContain('a password to hide');
  });

  it('refuses a taken username with 409', async () => {
    await signUp(server, 'bob');
    const again = await call(server, 'POST', '/api/auth/signup', {
      body: { username: 'BOB', password: 'something else' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('username_taken');
  });

  it('answers bad input with 400, 415 and the contract error', async () => {
    const short = await call(server, 'POST', '/api/auth/signup', {
      body: { username: 'carol', password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'invalid_input' });
    expect(short.body.error.message).toMatch(/password/);

    const badJson = await call(server, 'POST', '/api/auth/signup', {
      raw: '{"username":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('invalid_json');

    const text = await call(server, 'POST', '/api/auth/login', {
      raw: 'username=a',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported_media_type');
  });

  it('answers a wrong password with 401 and rate-limits repeated failures with 429', async () => {
    await signUp(server, 'dave', 'the right password');
    for (let i = 0; i < 3; i++) {
      const wrong = await call(server, 'POST', '/api/auth/login', {
        body: { username: 'dave', password: 'the wrong password' },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('invalid_credentials');
    }
    const limited = await call(server, 'POST', '/api/auth/login', {
      body: { username: 'dave', password: 'the right password' },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a cookie request that changes state from another origin', async () => {
    const { token } = await signUp(server, 'erin');
    const cookie = `cubby_session=${token}`;
    const body = { key: 'notes:erin' };
    const foreign = await call(server, 'POST', '/api/keys', {
      body,
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('origin_mismatch');
    const missing = await call(server, 'POST', '/api/keys', { body, headers: { cookie } });
    expect(missing.status).toBe(403);
    const same = await call(server, 'POST', '/api/keys', {
      body,
      headers: { cookie, origin: server.origin },
    });
    expect(same.status).toBe(201);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await call(server, 'GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
