// The 128-bit key of a tree's diff values: random per tree, or shared by the parties that compare.
import { TreeError } from './tree-error.ts';

/** Four 32-bit words: k0 low, k0 high, k1 low, k1 high (SipHash's two 64-bit key halves). */
export type HashKey = Int32Array;

interface RandomSource {
  getRandomValues(array: Int32Array): Int32Array;
}

/**
 * A fresh key from the platform's cryptographic random source (Web Crypto, present in browsers,
 * workers and Node 20 alike). Throws `no_random_source` rather than fall back to a guessable key.
 */
export function randomHashKey(): HashKey {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (source === undefined) {
    throw new TreeError('no_random_source', 'No crypto.getRandomValues to draw a hash key from.');
  }
  return source.getRandomValues(new Int32Array(4));
}

/** Reads a key written by `formatHashKey`: 32 hex digits, the 16 key bytes in order. */
export function parseHashKey(hex: string): HashKey {
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
    throw new TreeError('key_invalid', 'A hash key is 32 hex digits (16 bytes).');
  }
  const key = new Int32Array(4);
  for (let word = 0; word < 4; word++) {
    let value = 0;
    // Bytes are little-endian within each word, as SipHash reads its key.
    for (let b = 3; b >= 0; b--) {
      value = (value << 8) | parseInt(hex.slice(word * 8 + b * 2, word * 8 + b * 2 + 2), 16);
    }
    key[word] = value;
  }
  return key;
}

/** The key as 32 hex digits, the inverse of `parseHashKey`. */
export function formatHashKey(key: HashKey): string {
  let hex = '';
  for (let word = 0; word < 4; word++) {
    for (let b = 0; b < 4; b++)
      hex += ((key[word]! >>> (8 * b)) & 0xff).toString(16).padStart(2, '0');
  }
  return hex;
}

/** Whether two keys are the same 128 bits. */
export function sameHashKey(a: HashKey, b: HashKey): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}
