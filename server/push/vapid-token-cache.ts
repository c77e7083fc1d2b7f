// VAPID (RFC 8292) Authorization headers, signed by web-push once per push-service origin and reused.
import { createECDH } from 'node:crypto';
import { webPushLibrary } from './web-push-library.ts';

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

export class VapidTokenCache {
  private readonly _publicKey: string;
  private readonly _privateKey: string;
  private readonly _subject: string;
  private readonly _now: () => number;
  /** Authorization header and the time (ms) after which it is renewed, by audience origin. */
  private readonly _byOrigin = new Map<string, { authorization: string; renewAt: number }>();

  constructor(options: VapidTokenCacheOptions) {
    this._subject = checkSubject(options.subject);
    checkKeyPair(options.publicKey, options.privateKey);
    this._publicKey = options.publicKey;
    this._privateKey = options.privateKey;
    this._now = options.now ?? Date.now;
  }

  /** The `Authorization` header value for a request to a push service at `origin`. */
  authorization(origin: string): string {
    const now = this._now();
    const cached = this._byOrigin.get(origin);
    if (cached && now < cached.renewAt) return cached.authorization;
    const expiresAt = Math.floor(now / 1000) + tokenLifetimeSeconds;
    // `vapid t=<ES256 JWT with aud, exp, sub>, k=<public key>`. web-push checks `exp` against
    // the real clock (at most 24 h ahead), so a test clock must stay near the present.
    const { Authorization: authorization } = webPushLibrary.getVapidHeaders(
      origin,
      this._subject,
      this._publicKey,
      this._privateKey,
      'aes128gcm',
      expiresAt,
    );
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

// A pair whose halves do not match would sign tokens every push service refuses.
function checkKeyPair(publicKey: string, privateKey: string): void {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
  if (!ecdh.getPublicKey().equals(Buffer.from(publicKey, 'base64url'))) {
    throw new TypeError('The VAPID public key does not belong to the private key.');
  }
}
