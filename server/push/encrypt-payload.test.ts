import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptPayload, maxPayloadBytes } from './encrypt-payload.ts';

const b64 = (text: string) => Buffer.from(text, 'base64url');

// RFC 8291 Appendix A.
const example = {
  plaintext: 'When I grow up, I want to be a watermelon',
  senderPrivateKey: b64('yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw'),
  clientPublicKey: b64(
    'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  ),
  auth: b64('BTBZMqHH6r4Tts7J_aSIgg'),
  salt: b64('DGv6ra1nlYgDCS1FRnbzlw'),
  message:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6' +
    'TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qul' +
    'cy4a-fN',
};

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

describe('encryptPayload', () => {
  it('reproduces the RFC 8291 Appendix A example byte for byte', () => {
    const body = encryptPayload(
      example.clientPublicKey,
      example.auth,
      Buffer.from(example.plaintext),
      { senderPrivateKey: example.senderPrivateKey, salt: example.salt },
    );
    expect(body.toString('base64url')).toBe(example.message);
  });

  it('encrypts so that the client can decrypt, with a 4096-byte record size header', () => {
    const client = clientKeys();
    const body = encryptPayload(client.publicKey, client.auth, Buffer.from('{"id":42}'));
    expect(body.readUInt32BE(16)).toBe(4096);
    expect(decrypt(body, client.privateKey, client.auth).toString()).toBe('{"id":42}');
  });

  it('uses a new sender key pair and salt for every message', () => {
    const client = clientKeys();
    const first = encryptPayload(client.publicKey, client.auth, Buffer.from('same'));
    const second = encryptPayload(client.publicKey, client.auth, Buffer.from('same'));
    expect(first.subarray(0, 16).equals(second.subarray(0, 16))).toBe(false);
    expect(first.subarray(21, 86).equals(second.subarray(21, 86))).toBe(false);
  });

  it('fits the largest allowed payload into the 4,096 bytes every push service accepts', () => {
    const client = clientKeys();
    const payload = randomBytes(maxPayloadBytes);
    const body = encryptPayload(client.publicKey, client.auth, payload);
    expect(body.length).toBe(4096);
    expect(decrypt(body, client.privateKey, client.auth).equals(payload)).toBe(true);
    expect(() =>
      encryptPayload(client.publicKey, client.auth, randomBytes(maxPayloadBytes + 1)),
    ).toThrow(RangeError);
  });

  it('refuses a client key that is not on the curve', () => {
    const client = clientKeys();
    const offCurve = Buffer.from(client.publicKey);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    expect(() => encryptPayload(offCurve, client.auth, Buffer.from('x'))).toThrow();
  });

  it('authenticates the body: one flipped bit makes decryption fail', () => {
    const client = clientKeys();
    const body = encryptPayload(client.publicKey, client.auth, Buffer.from('hello'));
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1;
    expect(() => decrypt(body, client.privateKey, client.auth)).toThrow();
  });
});
