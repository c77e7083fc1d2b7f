// RFC 8291 message encryption (aes128gcm, RFC 8188) of one push payload for one subscription.
import { createCipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';

/** The record size written in the header; one record always holds a whole push message. */
const recordSize = 4096;
/** salt (16) + record size (4) + key id length (1) + the sender's public key (65). */
const headerBytes = 86;
const tagBytes = 16;
/**
 * The largest payload that fits the 4,096-byte message every push service must accept
 * (RFC 8030 §7.2): the header, the GCM tag and the one padding delimiter byte come off.
 */
export const maxPayloadBytes = 4096 - headerBytes - tagBytes - 1;

const keyInfoPrefix = Buffer.from('WebPush: info\0');
const cekInfo = Buffer.from('Content-Encoding: aes128gcm\0\x01');
const nonceInfo = Buffer.from('Content-Encoding: nonce\0\x01');
const one = Buffer.from([1]);
const lastRecordDelimiter = Buffer.from([2]);

/** Test only: the sender key and salt RFC 8291 Appendix A uses, to reproduce its example. */
export interface FixedEncryptionInputs {
  senderPrivateKey: Buffer;
  salt: Buffer;
}

/**
 * Encrypts `payload` for the client keys `p256dh` (65-byte uncompressed P-256 point) and `auth`
 * (16 bytes) with a fresh ECDH key pair and salt, and returns the whole request body.
 * Throws if the point is not on the curve.
 */
export function encryptPayload(
  p256dh: Buffer,
  auth: Buffer,
  payload: Buffer,
  _fixed?: FixedEncryptionInputs,
): Buffer {
  if (payload.length > maxPayloadBytes) {
    throw new RangeError(`A push payload holds at most ${maxPayloadBytes} bytes.`);
  }
  const ecdh = createECDH('prime256v1');
  if (_fixed) ecdh.setPrivateKey(_fixed.senderPrivateKey);
  const senderPublic = _fixed ? ecdh.getPublicKey() : ecdh.generateKeys();
  const sharedSecret = ecdh.computeSecret(p256dh);
  const salt = _fixed?.salt ?? nextSalt();

  // HKDF-SHA-256 written out as HMACs: every expansion here needs a single block (≤ 32 bytes),
  // and plain HMACs cost a fraction of `hkdfSync`, which builds key objects on each call.
  const prkKey = hmac(auth, sharedSecret);
  const ikm = hmac(prkKey, keyInfoPrefix, p256dh, senderPublic, one);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, cekInfo).subarray(0, 16);
  const nonce = hmac(prk, nonceInfo).subarray(0, 12);

  const body = Buffer.allocUnsafe(headerBytes + payload.length + 1 + tagBytes);
  salt.copy(body, 0);
  body.writeUInt32BE(recordSize, 16);
  body[20] = senderPublic.length;
  senderPublic.copy(body, 21);
  const cipher = createCipheriv('aes-128-gcm', cek, nonce);
  let at = headerBytes;
  at += cipher.update(payload).copy(body, at);
  at += cipher.update(lastRecordDelimiter).copy(body, at);
  at += cipher.final().copy(body, at);
  cipher.getAuthTag().copy(body, at);
  return body;
}

// Salts are cut from a pool refilled 4 KiB at a time: one call to the CSPRNG per 256 messages
// instead of one per message. Each salt is copied into the body and never reused.
let saltPool = Buffer.alloc(0);
let saltAt = 0;
function nextSalt(): Buffer {
  if (saltAt + 16 > saltPool.length) {
    saltPool = randomBytes(4096);
    saltAt = 0;
  }
  saltAt += 16;
  return saltPool.subarray(saltAt - 16, saltAt);
}

function hmac(key: Buffer, ...parts: Buffer[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}
