import { describe, expect, it } from 'vitest';
import { humanSize } from './human-size.ts';

/** Expects each size in bytes to read as its text. */
function expectSizes(cases: [bytes: number, text: string][]) {
  for (const [bytes, text] of cases) expect(humanSize(bytes), `${bytes} bytes`).toBe(text);
}

describe('humanSize', () => {
  it('says bytes below a kilobyte, with the singular for one', () => {
    expectSizes([
      [0, '0 bytes'],
      [1, '1 byte'],
      [999, '999 bytes'],
    ]);
  });

  it('keeps one decimal below ten and none above, without a trailing zero', () => {
    expectSizes([
      [1_000, '1 KB'],
      [1_234_567, '1.2 MB'],
      [4_000_000, '4 MB'],
      [12_600_000, '13 MB'],
      [3.2e12, '3.2 TB'],
    ]);
  });

  it('moves to the next unit when rounding would reach a thousand', () => {
    expectSizes([
      [999_999, '1 MB'],
      [999_400, '999 KB'],
    ]);
  });
});
