// VAPID (RFC 8292) Authorization headers, signed once per push-service origin and reused.
import { createECDH, createPrivateKey, sign, type KeyObject } from 'node:crypto';

export interface VapidTokenCacheOptions {
  /** base64url of the 65-byte uncompressed P-256 public key. */
  publicKey: string;
  /** base64url of the 32-byte P-256 private scalar. */
  privateKey: string;
  /** Who to contact about this sender: a `mailto:` or `https:` URL. */
  subject: string;
  /** Milliseconds since the epoch; `Date.now` unless a test drives the clock. */
  now?: () => number;
}

/** Tokens live 12 hours (RFC 8292 allows up to 24) and are replaced one hour before they expire. */
const tokenLifetimeSeconds = 12 * 3600;
const renewBeforeSeconds = 3600;
/** Push-service origins remembered at once; WNS spreads clients over many host names. */
const maxOrigins = 1000;

const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'ES256' })).toString('base64url');

export class VapidTokenCache {
  private readonly _key: KeyObject;
  private readonly _publicKey: string;
  private readonly _subject: string;
  private readonly _now: () => number;
  /** Authorization header and the time (ms) after which it is renewed, by audience origin. */
  private readonly _byOrigin = new Map<string, { authorization: string; renewAt: number }>();

  constructor(options: VapidTokenCacheOptions) {
    this._subject = checkSubject(options.subject);
    this._publicKey = options.publicKey;
    this._key = privateKeyObject(options.publicKey, options.privateKey);
    this._now = options.now ?? Date.now;
  }

  /** The `Authorization` header value for a request to a push service at `origin`. */
  authorization(origin: string): string {
    const now = this._now();
    const cached = this._byOrigin.get(origin);
    if (cached && now < cached.renewAt) return cached.authorization;
    const expiresAt = Math.floor(now / 1000) + tokenLifetimeSeconds;
    const claims = { aud: origin, exp: expiresAt, sub: this._subject };
    const unsigned = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(unsigned), {
      key: this._key,
      dsaEncoding: 'ieee-p1363',
    });
    const authorization = `vapid t=${unsigned}.${signature.toString('base64url')}, k=${this._publicKey}`;
    this._byOrigin.delete(origin);
    if (this._byOrigin.size >= maxOrigins) {
      const oldest = this._byOrigin.keys().next().value;
      if (oldest !== undefined) this._byOrigin.delete(oldest);
    }
    this._byOrigin.set(origin, {
      authorization,
      renewAt: (expiresAt - renewBeforeSeconds) * 1000,
    });
    return authorization;
  }
}

function checkSubject(subject: string): string {
  let protocol = '';
  try {
    protocol = new URL(subject).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'mailto:' && protocol !== 'https:') {
    throw new TypeError(`The VAPID subject must be a mailto: or https: URL, not ${subject}.`);
  }
  return subject;
}

// The private key as a KeyObject, after checking that it belongs to the public key.
function privateKeyObject(publicKey: string, privateKey: string): KeyObject {
  const d = Buffer.from(privateKey, 'base64url');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const derived = ecdh.getPublicKey();
  if (!derived.equals(Buffer.from(publicKey, 'base64url'))) {
    throw new TypeError('The VAPID public key does not belong to the private key.');
  }
  return createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: d.toString('base64url'),
      x: derived.subarray(1, 33).toString('base64url'),
      y: derived.subarray(33).toString('base64url'),
    },
  });
}
