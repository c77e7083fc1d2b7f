// RFC 8291 payload encryption (aes128gcm, one record) by web-push, returning the whole request body.
import { webPushLibrary } from './web-push-library.ts';

/**
 * Encrypts `payload` for the client keys `p256dh` (65-byte uncompressed P-256 point) and `auth`
 * (16 bytes) with a fresh ECDH key pair and salt, through `webpush.encrypt`. The body carries
 * the salt, the record size and the sender's public key in its header (RFC 8188 §2.1).
 * Throws if the point is not on the curve.
 */
export function encryptWithWebPush(p256dh: Buffer, auth: Buffer, payload: Buffer): Buffer {
  return webPushLibrary.encrypt(
    p256dh.toString('base64url'),
    auth.toString('base64url'),
    payload,
    'aes128gcm',
  ).cipherText;
}
