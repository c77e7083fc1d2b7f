// SipHash-2-4, the keyed 64-bit hash behind diff values, computed in 32-bit lanes (no BigInt, no floats).

/**
 * Hashes the first `byteLength` bytes of `words` (little-endian bytes packed four to a word) under
 * `key` (four words: k0 low, k0 high, k1 low, k1 high) and writes the 64-bit result to
 * `out[0]` (low 32 bits) and `out[1]` (high 32 bits), as signed 32-bit integers.
 */
export function sipHash24(
  key: Int32Array,
  words: Int32Array,
  byteLength: number,
  out: Int32Array,
): void {
  const k0l = key[0]!;
  const k0h = key[1]!;
  const k1l = key[2]!;
  const k1h = key[3]!;
  // v0..v3 = k ^ "somepseudorandomlygeneratedbytes", each as (high, low) lanes.
  let v0l = k0l ^ 0x70736575;
  let v0h = k0h ^ 0x736f6d65;
  let v1l = k1l ^ 0x6e646f6d;
  let v1h = k1h ^ 0x646f7261;
  let v2l = k0l ^ 0x6e657261;
  let v2h = k0h ^ 0x6c796765;
  let v3l = k1l ^ 0x79746573;
  let v3h = k1h ^ 0x74656462;

  const fullBlocks = byteLength >>> 3;
  // Blocks 0..fullBlocks-1 are message, block fullBlocks is the tail with the length byte, and the
  // pass after it is the finalization; one loop keeps a single copy of the round.
  for (let block = 0; block <= fullBlocks + 1; block++) {
    let ml = 0;
    let mh = 0;
    let rounds = 4;
    if (block <= fullBlocks) {
      ml = words[2 * block] ?? 0;
      mh = words[2 * block + 1] ?? 0;
      if (block === fullBlocks) {
        const tail = byteLength & 7;
        if (tail < 4) {
          ml &= (1 << (8 * tail)) - 1;
          mh = 0;
        } else {
          mh &= (1 << (8 * (tail - 4))) - 1;
        }
        mh |= byteLength << 24;
      }
      v3l ^= ml;
      v3h ^= mh;
      rounds = 2;
    } else {
      v2l ^= 0xff;
    }
    for (let r = 0; r < rounds; r++) {
      // v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
      let lo = (v0l + v1l) | 0;
      v0h = (v0h + v1h + (lo >>> 0 < v0l >>> 0 ? 1 : 0)) | 0;
      v0l = lo;
      let t = (v1h << 13) | (v1l >>> 19);
      v1l = (v1l << 13) | (v1h >>> 19);
      v1h = t ^ v0h;
      v1l ^= v0l;
      t = v0l;
      v0l = v0h;
      v0h = t;
      // v2 += v3; v3 = rotl(v3, 16); v3 ^= v2
      lo = (v2l + v3l) | 0;
      v2h = (v2h + v3h + (lo >>> 0 < v2l >>> 0 ? 1 : 0)) | 0;
      v2l = lo;
      t = (v3h << 16) | (v3l >>> 16);
      v3l = ((v3l << 16) | (v3h >>> 16)) ^ v2l;
      v3h = t ^ v2h;
      // v0 += v3; v3 = rotl(v3, 21); v3 ^= v0
      lo = (v0l + v3l) | 0;
      v0h = (v0h + v3h + (lo >>> 0 < v0l >>> 0 ? 1 : 0)) | 0;
      v0l = lo;
      t = (v3h << 21) | (v3l >>> 11);
      v3l = ((v3l << 21) | (v3h >>> 11)) ^ v0l;
      v3h = t ^ v0h;
      // v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
      lo = (v2l + v1l) | 0;
      v2h = (v2h + v1h + (lo >>> 0 < v2l >>> 0 ? 1 : 0)) | 0;
      v2l = lo;
      t = (v1h << 17) | (v1l >>> 15);
      v1l = ((v1l << 17) | (v1h >>> 15)) ^ v2l;
      v1h = t ^ v2h;
      t = v2l;
      v2l = v2h;
      v2h = t;
    }
    v0l ^= ml;
    v0h ^= mh;
  }
  out[0] = v0l ^ v1l ^ v2l ^ v3l;
  out[1] = v0h ^ v1h ^ v2h ^ v3h;
}
