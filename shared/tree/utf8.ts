// UTF-8 encoding and decoding of names, written out because lib ES2022 (no DOM) has no TextEncoder.

/** Bytes `text` takes in UTF-8, or -1 if it holds a lone surrogate (no UTF-8 form). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return -1;
      bytes += 4;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return -1;
    else bytes += 3;
  }
  return bytes;
}

/**
 * Writes `text` as UTF-8 into `out` from `at` and returns the offset after the last byte.
 * The caller has checked the room with `utf8Length`, which also rules out lone surrogates.
 */
export function encodeUtf8Into(text: string, out: Uint8Array, at: number): number {
  let o = at;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      out[o++] = code;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (code >>> 18);
      out[o++] = 0x80 | ((code >>> 12) & 0x3f);
      out[o++] = 0x80 | ((code >>> 6) & 0x3f);
    } else if (code < 0x800) {
      out[o++] = 0xc0 | (code >>> 6);
    } else {
      out[o++] = 0xe0 | (code >>> 12);
      out[o++] = 0x80 | ((code >>> 6) & 0x3f);
    }
    out[o++] = 0x80 | (code & 0x3f);
  }
  return o;
}

/** Decodes bytes [start, end) of well-formed UTF-8 (as written by `encodeUtf8Into`). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const units: number[] = [];
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units.push(b);
      i += 1;
    } else if (b < 0xe0) {
      units.push(((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
      i += 2;
    } else if (b < 0xf0) {
      units.push(((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
    } else {
      const code =
        (((b & 0x07) << 18) |
          ((bytes[i + 1]! & 0x3f) << 12) |
          ((bytes[i + 2]! & 0x3f) << 6) |
          (bytes[i + 3]! & 0x3f)) -
        0x10000;
      units.push(0xd800 + (code >>> 10), 0xdc00 + (code & 0x3ff));
      i += 4;
    }
  }
  return String.fromCharCode(...units);
}
