// What the sender relies on in web-push's encryption: one aes128gcm record the client can decrypt.
import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptWithWebPush, maxPayloadBytes } from './encrypt-with-web-push.ts';

// The user agent's side of RFC 8291, written from the RFC, to read back what was encrypted.
function decrypt(body: Buffer, clientPrivateKey: Buffer, auth: Buffer): Buffer {
  const hmac = (key: Buffer, ...parts: Buffer[]) => {
    const mac = createHmac('sha256', key);
    parts.forEach((part) => mac.update(part));
    return mac.digest();
  };
  const salt = body.subarray(0, 16);
  const idLength = body[20] ?? 0;
  const senderPublic = body.subarray(21, 21 + idLength);
  const client = createECDH('prime256v1');
  client.setPrivateKey(clientPrivateKey);
  const secret = client.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    client.getPublicKey(),
    senderPublic,
    Buffer.from([1]),
  ]);
  const ikm = hmac(hmac(auth, secret), keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const record = body.subarray(21 + idLength);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
  expect(padded.at(-1)).toBe(2); // the last record's delimiter, no padding after it
  return padded.subarray(0, -1);
}

function clientKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    privateKey: ecdh.getPrivateKey(),
    publicKey: ecdh.getPublicKey(),
    auth: randomBytes(16),
  };
}

describe('encryptWithWebPush', () => {
  it('encrypts so that the client can decrypt, with a 4096-byte record size header', () => {
    const client = clientKeys();
    const body = encryptWithWebPush(client.publicKey, client.auth, Buffer.from('{"id":42}'));
    expect(body.readUInt32BE(16)).toBe(4096);
    expect(body[20]).toBe(65); // the key id is the sender's public key
    expect(decrypt(body, client.privateKey, client.auth).toString()).toBe('{"id":42}');
  });

  it('uses a new sender key pair and salt for every message', () => {
    const client = clientKeys();
    const first = encryptWithWebPush(client.publicKey, client.auth, Buffer.from('same'));
    const second = encryptWithWebPush(client.publicKey, client.auth, Buffer.from('same'));
    expect(first.subarray(0, 16).equals(second.subarray(0, 16))).toBe(false);
    expect(first.subarray(21, 86).equals(second.subarray(21, 86))).toBe(false);
  });

  it('fits the largest allowed payload into the 4,096 bytes every push service accepts', () => {
    const client = clientKeys();
    const payload = randomBytes(maxPayloadBytes);
    const body = encryptWithWebPush(client.publicKey, client.auth, payload);
    expect(body.length).toBe(4096);
    expect(decrypt(body, client.privateKey, client.auth).equals(payload)).toBe(true);
    expect(() =>
      encryptWithWebPush(client.publicKey, client.auth, randomBytes(maxPayloadBytes + 1)),
    ).toThrow(RangeError);
  });

  it('refuses a client key that is not on the curve', () => {
    const client = clientKeys();
    const offCurve = Buffer.from(client.publicKey);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    expect(() => encryptWithWebPush(offCurve, client.auth, Buffer.from('x'))).toThrow();
  });

  it('authenticates the body: one flipped bit makes decryption fail', () => {
    const client = clientKeys();
    const body = encryptWithWebPush(client.publicKey, client.auth, Buffer.from('hello'));
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1;
    expect(() => decrypt(body, client.privateKey, client.auth)).toThrow();
  });
});
