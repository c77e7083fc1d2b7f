import { describe, expect, it } from 'vitest';
import { VapidTokenCache } from './vapid-token-cache.ts';
import { loadOrCreateVapidKeys } from './vapid-keys.ts';
import { verifyVapidHeader } from './testing/verify-vapid-header.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const keys = loadOrCreateVapidKeys(mkdtempSync(join(tmpdir(), 'cubby-vapid-')));

/** A cache signing with `keys` as `subject`, on the clock `now` (milliseconds). */
const cacheFor = (subject: string, now: () => number) =>
  new VapidTokenCache({ ...keys, subject, now });

describe('VapidTokenCache', () => {
  it('signs an ES256 token for the origin that verifies against the public key', () => {
    const now = Date.now();
    const cache = cacheFor('mailto:ops@example.com', () => now);
    const checked = verifyVapidHeader(
      cache.authorization('https://fcm.googleapis.com'),
      keys.publicKey,
    );
    expect(checked.valid).toBe(true);
    expect(checked.k).toBe(keys.publicKey);
    expect(checked.header).toEqual({ typ: 'JWT', alg: 'ES256' });
    expect(checked.claims.aud).toBe('https://fcm.googleapis.com');
    expect(checked.claims.sub).toBe('mailto:ops@example.com');
    expect(checked.claims.exp).toBeGreaterThan(now / 1000);
    expect(checked.claims.exp).toBeLessThanOrEqual(now / 1000 + 24 * 3600);
  });

  it('reuses the token per origin until shortly before it expires', () => {
    // Near the present: web-push refuses to sign an expiry more than 24 h ahead of the real clock.
    let now = Date.now();
    const cache = cacheFor('https://cubby.example', () => now);
    const first = cache.authorization('https://fcm.googleapis.com');
    now += 10 * 3600 * 1000;
    expect(cache.authorization('https://fcm.googleapis.com')).toBe(first);
    expect(cache.authorization('https://web.push.apple.com')).not.toBe(first);
    now += 1.5 * 3600 * 1000; // 11.5 h after signing: within the last hour of its 12 h life
    const renewed = cache.authorization('https://fcm.googleapis.com');
    expect(renewed).not.toBe(first);
    expect(verifyVapidHeader(renewed, keys.publicKey).claims.exp * 1000).toBeGreaterThan(now);
  });

  it('refuses a subject that is neither mailto: nor https:, and a mismatched key pair', () => {
    expect(() => new VapidTokenCache({ ...keys, subject: 'http://cubby.example' })).toThrow(
      TypeError,
    );
    const other = loadOrCreateVapidKeys(mkdtempSync(join(tmpdir(), 'cubby-vapid-')));
    expect(
      () => new VapidTokenCache({ ...keys, privateKey: other.privateKey, subject: 'mailto:a@b.c' }),
    ).toThrow(/does not belong/);
  });
});
