import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sipHash24 } from './sip-hash.ts';

/** A straightforward BigInt SipHash-2-4 from the paper, to check the 32-bit lane version against. */
function referenceSipHash(keyBytes: Uint8Array, message: Uint8Array): bigint {
  const mask = (1n << 64n) - 1n;
  const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & mask;
  const u64 = (bytes: Uint8Array, at: number) => {
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i] ?? 0);
    return v;
  };
  const k0 = u64(keyBytes, 0);
  const k1 = u64(keyBytes, 8);
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & mask;
    v1 = rotl(v1, 13n) ^ v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & mask;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & mask;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & mask;
    v1 = rotl(v1, 17n) ^ v2;
    v2 = rotl(v2, 32n);
  };
  const blocks = message.length >> 3;
  for (let i = 0; i < blocks; i++) {
    const m = u64(message, i * 8);
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  let last = BigInt(message.length & 0xff) << 56n;
  for (let i = message.length - 1; i >= blocks * 8; i--) {
    last |= BigInt(message[i]!) << BigInt(8 * (i - blocks * 8));
  }
  v3 ^= last;
  round();
  round();
  v0 ^= last;
  v2 ^= 0xffn;
  round();
  round();
  round();
  round();
  return (v0 ^ v1 ^ v2 ^ v3) & mask;
}

function packWords(bytes: Uint8Array): Int32Array {
  const words = new Int32Array(Math.ceil(bytes.length / 8) * 2 + 2);
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << (8 * (i & 3));
  return words;
}

function laneHash(keyBytes: Uint8Array, message: Uint8Array): bigint {
  const out = new Int32Array(2);
  sipHash24(
    new Int32Array(packWords(keyBytes).subarray(0, 4)),
    packWords(message),
    message.length,
    out,
  );
  return (BigInt(out[1]! >>> 0) << 32n) | BigInt(out[0]! >>> 0);
}

const paperKey = Uint8Array.from({ length: 16 }, (_, i) => i);
const counting = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

describe('sipHash24', () => {
  it('matches the published SipHash-2-4 test vectors', () => {
    expect(laneHash(paperKey, counting(0))).toBe(0x726fdb47dd0e0e31n);
    expect(laneHash(paperKey, counting(1))).toBe(0x74f839c593dc67fdn);
    expect(laneHash(paperKey, counting(8))).toBe(0x93f5f5799a932462n);
    // The worked example of the SipHash paper: 15 bytes 00..0e.
    expect(laneHash(paperKey, counting(15))).toBe(0xa129ca6149be45e5n);
  });

  it('agrees with a 64-bit BigInt implementation for any key and message', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ maxLength: 80 }),
        (key, message) => {
          expect(laneHash(key, message)).toBe(referenceSipHash(key, message));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores whatever the word array holds past byteLength', () => {
    const key = new Int32Array([1, 2, 3, 4]);
    const clean = new Int32Array([0x11223344, 0x55, 0, 0]);
    const dirty = new Int32Array([0x11223344, 0x7fffff55, -1, -1]);
    const a = new Int32Array(2);
    const b = new Int32Array(2);
    sipHash24(key, clean, 5, a);
    sipHash24(key, dirty, 5, b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('gives a different value under a different key', () => {
    const words = new Int32Array([42, 7]);
    const a = new Int32Array(2);
    const b = new Int32Array(2);
    sipHash24(new Int32Array([1, 2, 3, 4]), words, 8, a);
    sipHash24(new Int32Array([1, 2, 3, 5]), words, 8, b);
    expect(Array.from(b)).not.toEqual(Array.from(a));
  });
});
