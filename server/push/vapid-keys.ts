// The server's VAPID key pair: generated on first start, then read back from DATA_DIR/vapid.json.
import { createECDH, randomUUID } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webPushLibrary } from './web-push-library.ts';

export interface VapidKeys {
  /** base64url of the 65-byte uncompressed P-256 public key (the applicationServerKey). */
  publicKey: string;
  /** base64url of the 32-byte private scalar. */
  privateKey: string;
}

/**
 * Reads `dataDir/vapid.json`, or creates it (mode 0600) with a new key pair if it does not exist.
 * Throws if the file exists but does not hold a valid pair: replacing it silently would
 * invalidate every push subscription made with the old public key.
 */
export function loadOrCreateVapidKeys(dataDir: string): VapidKeys {
  const path = join(dataDir, 'vapid.json');
  mkdirSync(dataDir, { recursive: true });
  try {
    return readVapidKeys(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Written whole under a temporary name and linked into place, so a crash never leaves a
  // half-written file and two servers starting at once agree on one pair (the loser reads it).
  const { publicKey, privateKey } = webPushLibrary.generateVAPIDKeys();
  const keys: VapidKeys = { publicKey, privateKey };
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(temporary, 0o600);
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readVapidKeys(path);
  } finally {
    unlinkSync(temporary);
  }
  return keys;
}

function readVapidKeys(path: string): VapidKeys {
  const text = readFileSync(path, 'utf8');
  const invalid = (why: string) =>
    new Error(
      `${path} does not hold a valid VAPID key pair (${why}). Restore it from a backup, or delete ` +
        'it to generate a new pair; existing push subscriptions then stop working.',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  const { publicKey, privateKey } = (parsed ?? {}) as Partial<Record<keyof VapidKeys, unknown>>;
  if (typeof publicKey !== 'string' || typeof privateKey !== 'string') {
    throw invalid('publicKey and privateKey must be strings');
  }
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    if (!ecdh.getPublicKey().equals(Buffer.from(publicKey, 'base64url'))) throw new Error();
  } catch {
    throw invalid('the public key does not belong to the private key');
  }
  // Someone may have copied the file in with looser permissions; the private key stays private.
  chmodSync(path, 0o600);
  return { publicKey, privateKey };
}
