import { describe, expect, it } from 'vitest';
import { humanSize } from './human-size.ts';

describe('humanSize', () => {
  it('says bytes below a kilobyte, with the singular for one', () => {
    expect(humanSize(0)).toBe('0 bytes');
    expect(humanSize(1)).toBe('1 byte');
    expect(humanSize(999)).toBe('999 bytes');
  });

  it('keeps one decimal below ten and none above, without a trailing zero', () => {
    expect(humanSize(1_000)).toBe('1 KB');
    expect(humanSize(1_234_567)).toBe('1.2 MB');
    expect(humanSize(4_000_000)).toBe('4 MB');
    expect(humanSize(12_600_000)).toBe('13 MB');
    expect(humanSize(3.2e12)).toBe('3.2 TB');
  });

  it('moves to the next unit when rounding would reach a thousand', () => {
    expect(humanSize(999_999)).toBe('1 MB');
    expect(humanSize(999_400)).toBe('999 KB');
  });
});
