// 64-bit values kept as two 32-bit lanes, written as and read from 16 hex digits (high lane first).

/** 16 lower-case hex digits of the 64-bit value (high, low). */
export function formatHex64(high: number, low: number): string {
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

/**
 * Reads the first 16 hex digits of `hex` into `out` as [low, high] signed 32-bit lanes. Returns
 * false, leaving `out` alone, when `hex` is shorter than 16 digits or holds a non-hex character.
 */
export function parseHex64Prefix(hex: string, out: Int32Array): boolean {
  if (hex.length < 16 || !/^[0-9a-fA-F]+$/.test(hex)) return false;
  out[1] = parseInt(hex.slice(0, 8), 16) | 0;
  out[0] = parseInt(hex.slice(8, 16), 16) | 0;
  return true;
}
