// Test support: fresh VAPID keys and client subscription keys.
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateVapidKeys, type VapidKeys } from '../vapid-keys.ts';

export function newVapidKeys(): VapidKeys {
  return loadOrCreateVapidKeys(mkdtempSync(join(tmpdir(), 'cubby-vapid-')));
}

/** Keys as a browser would put them in a subscription (the private half is not needed here). */
export function newClientKeys(): { p256dh: string; auth: string } {
  const ecdh = createECDH('prime256v1');
  return {
    p256dh: ecdh.generateKeys().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}
