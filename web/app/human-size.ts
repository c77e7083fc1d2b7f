// Byte counts as people read them: "512 bytes", "1.2 MB", "40 GB" (powers of 1,000, as disks are sold).

const units = ['KB', 'MB', 'GB', 'TB', 'PB'];

export function humanSize(bytes: number): string {
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${Math.max(0, Math.round(bytes))} bytes`;
  let value = bytes / 1000;
  let unit = 0;
  // Round first, so 999,999 bytes reads "1 MB" rather than "1000 KB".
  while (unit < units.length - 1 && round(value) >= 1000) {
    value /= 1000;
    unit++;
  }
  return `${round(value)} ${units[unit]}`;
}

/** One decimal below 10 ("1.2"), whole numbers above ("12"), never a trailing ".0". */
function round(value: number): number {
  return value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
}
