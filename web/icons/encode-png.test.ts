import { describe, expect, it } from 'vitest';
import { drawAppIcon } from './draw-app-icon.ts';
import { encodePng } from './encode-png.ts';

/** Reads the chunks of a PNG: type, data, and whether the stored CRC matches. */
function chunks(png: Uint8Array, crc: (b: Uint8Array) => number) {
  const view = new DataView(png.buffer, png.byteOffset);
  const out: { type: string; data: Uint8Array; crcOk: boolean }[] = [];
  for (let at = 8; at < png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    const stored = view.getUint32(at + 8 + length);
    out.push({ type, data, crcOk: stored === crc(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

function crc32(bytes: Uint8Array) {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('encodePng', () => {
  it('writes the signature, an RGBA header, the compressed rows and the end, each with its CRC', () => {
    const rows: Uint8Array[] = [];
    const png = encodePng(new Uint8Array(2 * 3 * 4).fill(9), 2, 3, (raw) => {
      rows.push(raw);
      return Uint8Array.of(1, 2, 3);
    });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const parts = chunks(png, crc32);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(parts.every((c) => c.crcOk)).toBe(true);
    expect([...parts[0]!.data]).toEqual([0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0]);
    // Each of the 3 rows: filter byte 0, then 2 pixels of 4 bytes.
    expect(rows[0]).toHaveLength(3 * (1 + 8));
    expect([...rows[0]!.subarray(0, 2)]).toEqual([0, 9]);
  });

  it('refuses pixels that do not fill the image', () => {
    expect(() => encodePng(new Uint8Array(3), 1, 1, (b) => b)).toThrow(RangeError);
  });
});

describe('drawAppIcon', () => {
  it('fills a maskable icon to the corners and leaves a plain one transparent there', () => {
    const size = 64;
    const alphaAt = (px: Uint8Array, x: number, y: number) => px[(y * size + x) * 4 + 3];
    expect(alphaAt(drawAppIcon(size, { maskable: true }), 0, 0)).toBe(255);
    expect(alphaAt(drawAppIcon(size, { maskable: false }), 0, 0)).toBe(0);
  });

  it('keeps the maskable glyph inside the safe zone (the central 80% circle)', () => {
    const size = 128;
    const px = drawAppIcon(size, { maskable: true });
    const background = [px[0], px[1], px[2]];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const r = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) / size;
        if (r <= 0.4) continue;
        const i = (y * size + x) * 4;
        expect([px[i], px[i + 1], px[i + 2]]).toEqual(background);
      }
    }
  });
});
