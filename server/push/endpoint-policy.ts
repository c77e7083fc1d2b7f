// Which push endpoints Cubby may send to, and the check every subscription passes first.
import { ECDH } from 'node:crypto';
import { isIP } from 'node:net';
import { PushSubscriptionError } from './push-subscription-error.ts';
import type { PushSubscriptionData } from './push-subscription-data.ts';

export interface EndpointPolicy {
  /**
   * Host names push endpoints may use: `fcm.googleapis.com` matches that host only,
   * `*.push.apple.com` matches any name with more labels ending in `.push.apple.com`.
   */
  allowedHosts: string[];
  /**
   * Test only: exact origins such as `http://127.0.0.1:8090` allowed although they are http or
   * loopback, and exempt from the connection-time address check. Empty in production.
   */
  testOrigins: string[];
}

/** The push services of Chrome/Edge (FCM), Firefox, Windows (WNS) and Safari (APNs). */
export const defaultAllowedHosts: readonly string[] = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.notify.windows.com',
  'web.push.apple.com',
  '*.push.apple.com',
];

/** A subscription that passed `validatePushSubscription`, decoded for sending. */
export interface ValidatedSubscription {
  url: URL;
  /** The push service origin: the VAPID audience and the connection pool key. */
  origin: string;
  /** The client's public key: 65 bytes, uncompressed, on P-256. */
  p256dh: Buffer;
  /** The client's authentication secret: 16 bytes. */
  auth: Buffer;
  /** Whether the endpoint is one of the policy's test origins. */
  isTestOrigin: boolean;
}

const maxEndpointLength = 2048;
const base64url = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Checks a subscription against the policy and decodes its keys.
 * Throws `PushSubscriptionError` (`invalid_endpoint`, `endpoint_not_allowed` or `invalid_keys`).
 * `options.curveCheck: false` skips decoding the point, for a caller that is about to run ECDH
 * with it anyway (which refuses a point off the curve just the same).
 */
export function validatePushSubscription(
  subscription: PushSubscriptionData,
  policy: EndpointPolicy,
  options: { curveCheck?: boolean } = {},
): ValidatedSubscription {
  const url = parseEndpoint(subscription.endpoint);
  const isTestOrigin = policy.testOrigins.some((origin) => sameOrigin(origin, url.origin));
  if (!isTestOrigin) checkEndpointHost(url, policy.allowedHosts);
  return {
    url,
    origin: url.origin,
    p256dh: decodeP256dh(subscription.keys?.p256dh, options.curveCheck ?? true),
    auth: decodeAuth(subscription.keys?.auth),
    isTestOrigin,
  };
}

/** Whether `hostname` (as `URL` gives it: lower case, punycode) matches an allow-list entry. */
export function isAllowedHost(hostname: string, allowedHosts: readonly string[]): boolean {
  const labels = hostname.split('.');
  return allowedHosts.some((pattern) => {
    const wildcard = pattern.startsWith('*.');
    const patternLabels = (wildcard ? pattern.slice(2) : pattern).toLowerCase().split('.');
    if (wildcard ? labels.length <= patternLabels.length : labels.length !== patternLabels.length) {
      return false;
    }
    const tail = labels.slice(labels.length - patternLabels.length);
    return tail.every((label, i) => label !== '' && label === patternLabels[i]);
  });
}

function parseEndpoint(endpoint: unknown): URL {
  if (typeof endpoint !== 'string' || endpoint.length > maxEndpointLength) {
    throw new PushSubscriptionError(
      'invalid_endpoint',
      `The endpoint must be a URL of at most ${maxEndpointLength} characters.`,
    );
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PushSubscriptionError('invalid_endpoint', 'The endpoint is not a valid URL.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new PushSubscriptionError(
      'invalid_endpoint',
      'The endpoint must not carry a user name or password.',
    );
  }
  return url;
}

function checkEndpointHost(url: URL, allowedHosts: readonly string[]): void {
  if (url.protocol !== 'https:') {
    throw new PushSubscriptionError('endpoint_not_allowed', 'The endpoint must use https.');
  }
  // URL keeps IPv6 literals in brackets and rewrites every IPv4 spelling (0x7f.1) to dotted form.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) {
    throw new PushSubscriptionError(
      'endpoint_not_allowed',
      'The endpoint must name a push service, not an IP address.',
    );
  }
  if (!isAllowedHost(url.hostname, allowedHosts)) {
    throw new PushSubscriptionError(
      'endpoint_not_allowed',
      `The endpoint host ${url.hostname} is not an allowed push service.`,
    );
  }
}

function sameOrigin(configured: string, origin: string): boolean {
  try {
    return new URL(configured).origin === origin;
  } catch {
    return false;
  }
}

function decodeP256dh(p256dh: unknown, curveCheck: boolean): Buffer {
  const bytes = decodeBase64url(p256dh);
  if (bytes?.length !== 65 || bytes[0] !== 0x04) {
    throw new PushSubscriptionError(
      'invalid_keys',
      'keys.p256dh must be base64url of a 65-byte uncompressed P-256 public key.',
    );
  }
  if (!curveCheck) return bytes;
  try {
    // Decoding the point makes OpenSSL check that it lies on the curve.
    ECDH.convertKey(bytes, 'prime256v1');
  } catch {
    throw new PushSubscriptionError('invalid_keys', 'keys.p256dh is not a point on P-256.');
  }
  return bytes;
}

function decodeAuth(auth: unknown): Buffer {
  const bytes = decodeBase64url(auth);
  if (bytes?.length !== 16) {
    throw new PushSubscriptionError('invalid_keys', 'keys.auth must be base64url of 16 bytes.');
  }
  return bytes;
}

function decodeBase64url(text: unknown): Buffer | undefined {
  if (typeof text !== 'string' || !base64url.test(text)) return undefined;
  return Buffer.from(text, 'base64url');
}
