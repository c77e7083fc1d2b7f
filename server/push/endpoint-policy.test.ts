import { createECDH, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  defaultAllowedHosts,
  isAllowedHost,
  validatePushSubscription,
  type EndpointPolicy,
} from './endpoint-policy.ts';
import {
  PushSubscriptionError,
  type PushSubscriptionErrorCode,
} from './push-subscription-error.ts';

const production: EndpointPolicy = { allowedHosts: [...defaultAllowedHosts], testOrigins: [] };

function clientKeys() {
  const ecdh = createECDH('prime256v1');
  return {
    p256dh: ecdh.generateKeys().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

function refusal(endpoint: string, keys = clientKeys(), policy = production) {
  try {
    validatePushSubscription({ endpoint, keys }, policy);
  } catch (error) {
    if (error instanceof PushSubscriptionError) return { code: error.code, message: error.message };
    throw error;
  }
  return undefined;
}

const expectRefused = (code: PushSubscriptionErrorCode, endpoint: string, keys = clientKeys()) =>
  expect(refusal(endpoint, keys)?.code).toBe(code);

describe('validatePushSubscription', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc:APA91b',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAAAA',
    'https://wns2-bl2p.notify.windows.com/w/?token=BQYAAAB',
    'https://web.push.apple.com/QGuQyavXutnMH',
    'https://api.push.apple.com/3/device/abc',
    'https://FCM.GoogleAPIs.com/fcm/send/upper-case-host',
  ])('accepts a browser push service endpoint: %s', (endpoint) => {
    const keys = clientKeys();
    const target = validatePushSubscription({ endpoint, keys }, production);
    expect(target.p256dh.length).toBe(65);
    expect(target.auth.length).toBe(16);
    expect(target.isTestOrigin).toBe(false);
    expect(target.origin).toBe(new URL(endpoint).origin);
  });

  it('refuses what is not a URL', () => {
    expectRefused('invalid_endpoint', 'not a url');
    expectRefused('invalid_endpoint', '');
    expectRefused('invalid_endpoint', `https://fcm.googleapis.com/${'a'.repeat(3000)}`);
  });

  it('refuses plain http, even to an allowed host', () => {
    expectRefused('endpoint_not_allowed', 'http://fcm.googleapis.com/fcm/send/abc');
    expect(refusal('http://fcm.googleapis.com/x')?.message).toMatch(/https/);
  });

  it('refuses endpoints carrying a user name or password', () => {
    expectRefused('invalid_endpoint', 'https://user:pw@fcm.googleapis.com/fcm/send/abc');
    expectRefused('invalid_endpoint', 'https://evil.example@fcm.googleapis.com/fcm/send/abc');
  });

  it.each([
    'https://10.0.0.1/fcm/send/abc',
    'https://127.0.0.1/',
    'https://169.254.169.254/latest/meta-data/',
    'https://2130706433/', // 127.0.0.1 as one decimal number
    'https://0x7f.1/', // 127.0.0.1 in hex shorthand
    'https://[::1]/',
    'https://[fe80::1]/',
    'https://[::ffff:10.0.0.1]/',
    'https://[2a00:1450:4001:82a::200a]/', // even a public IPv6 literal
    'https://8.8.8.8/',
  ])('refuses the IP literal %s', (endpoint) => {
    expectRefused('endpoint_not_allowed', endpoint);
    expect(refusal(endpoint)?.message).toMatch(/IP address/);
  });

  it.each([
    'https://localhost/fcm/send/abc',
    'https://evil.example/fcm/send/abc',
    'https://evil.example/fcm.googleapis.com/fcm/send/abc',
    'https://evil.example/?https://fcm.googleapis.com/',
    'https://fcm.googleapis.com.evil.example/fcm/send/abc',
    'https://evilfcm.googleapis.com/fcm/send/abc',
    'https://googleapis.com/fcm/send/abc',
    'https://notify.windows.com/w/', // `*.` needs at least one more label
    'https://evilnotify.windows.com/w/',
    'https://notify.windows.com.evil.example/w/',
    'https://push.apple.com.evil.example/x',
    'https://fcm.googleapis.com./fcm/send/abc', // trailing dot: not the name on the list
  ])('refuses a host off the allow-list: %s', (endpoint) => {
    expectRefused('endpoint_not_allowed', endpoint);
  });

  it('refuses keys that are not a P-256 point and a 16-byte secret', () => {
    const good = clientKeys();
    const point = Buffer.from(good.p256dh, 'base64url');
    const offCurve = Buffer.from(point);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    const compressed = Buffer.concat([
      Buffer.from([2 + ((point[64] ?? 0) & 1)]),
      point.subarray(1, 33),
    ]);
    const endpoint = 'https://fcm.googleapis.com/fcm/send/abc';
    const cases: Array<[string, { p256dh: string; auth: string }]> = [
      ['point not on the curve', { ...good, p256dh: offCurve.toString('base64url') }],
      ['64 bytes', { ...good, p256dh: point.subarray(0, 64).toString('base64url') }],
      ['compressed point', { ...good, p256dh: compressed.toString('base64url') }],
      [
        'the all-zero point',
        { ...good, p256dh: Buffer.alloc(65, 0).fill(4, 0, 1).toString('base64url') },
      ],
      ['standard base64 characters', { ...good, p256dh: good.p256dh.replace(/-/g, '+') + '/' }],
      ['auth of 15 bytes', { ...good, auth: randomBytes(15).toString('base64url') }],
      ['auth of 17 bytes', { ...good, auth: randomBytes(17).toString('base64url') }],
      ['empty auth', { ...good, auth: '' }],
    ];
    for (const [name, keys] of cases) {
      expect(refusal(endpoint, keys)?.code, name).toBe('invalid_keys');
    }
  });

  it('lets an exact test origin through over http and loopback, and nothing else', () => {
    const policy: EndpointPolicy = {
      allowedHosts: [...defaultAllowedHosts],
      testOrigins: ['http://127.0.0.1:8090'],
    };
    const keys = clientKeys();
    const target = validatePushSubscription(
      { endpoint: 'http://127.0.0.1:8090/notify/abc', keys },
      policy,
    );
    expect(target.isTestOrigin).toBe(true);
    for (const endpoint of [
      'http://127.0.0.1:8091/notify/abc', // another port
      'https://127.0.0.1:8090/notify/abc', // another scheme
      'http://localhost:8090/notify/abc', // another host name for the same place
      'http://127.0.0.1/notify/abc',
    ]) {
      expect(refusal(endpoint, keys, policy)?.code, endpoint).toBe('endpoint_not_allowed');
    }
    expect(refusal('http://u:p@127.0.0.1:8090/notify/abc', keys, policy)?.code).toBe(
      'invalid_endpoint',
    );
  });
});

describe('isAllowedHost', () => {
  it('matches exact names by all labels and `*.` patterns by their trailing labels', () => {
    expect(isAllowedHost('a.b.push.apple.com', ['*.push.apple.com'])).toBe(true);
    expect(isAllowedHost('push.apple.com', ['*.push.apple.com'])).toBe(false);
    expect(isAllowedHost('xpush.apple.com', ['*.push.apple.com'])).toBe(false);
    expect(isAllowedHost('fcm.googleapis.com', ['FCM.googleapis.com'])).toBe(true);
    expect(isAllowedHost('x.fcm.googleapis.com', ['fcm.googleapis.com'])).toBe(false);
  });
});
