// RFC 8291 payload encryption (aes128gcm, one record) by web-push, returning the whole request body.
import { webPushLibrary } from './web-push-library.ts';

/** salt (16) + record size (4) + key id length (1) + the sender's public key (65). */
const headerBytes = 86;
const tagBytes = 16;
/**
 * The largest payload that fits the 4,096-byte message every push service must accept
 * (RFC 8030 §7.2): the header, the GCM tag and the one padding delimiter byte come off.
 */
export const maxPayloadBytes = 4096 - headerBytes - tagBytes - 1;

/**
 * Encrypts `payload` for the client keys `p256dh` (65-byte uncompressed P-256 point) and `auth`
 * (16 bytes) with a fresh ECDH key pair and salt, through `webpush.encrypt`. The body starts with
 * the salt, the record size (4,096) and the sender's public key (RFC 8188 §2.1).
 * Throws a RangeError for a payload over `maxPayloadBytes`, and if the point is not on the curve.
 */
export function encryptWithWebPush(p256dh: Buffer, auth: Buffer, payload: Buffer): Buffer {
  if (payload.length > maxPayloadBytes) {
    throw new RangeError(`A push payload holds at most ${maxPayloadBytes} bytes.`);
  }
  return webPushLibrary.encrypt(
    p256dh.toString('base64url'),
    auth.toString('base64url'),
    payload,
    'aes128gcm',
  ).cipherText;
}
