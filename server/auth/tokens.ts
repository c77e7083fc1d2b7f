// Unguessable ids and tokens (from the CSPRNG), and the hash under which a token is stored.
import { createHash, randomBytes } from 'node:crypto';

/** A random id with a type prefix: 128 bits, base64url. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/** A bearer token: 256 bits, base64url. */
export function newToken(): string {
  return `cub_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as their SHA-256, so a copy of the database does not hold live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
