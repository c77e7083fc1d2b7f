import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize-name.ts';

describe('normalizeName', () => {
  it('returns the NFC form of a decomposed name', () => {
    expect(normalizeName('Cafe\u0301.txt')).toBe('Caf\u00e9.txt');
  });

  it('leaves text below U+0300 as it is, which is already NFC', () => {
    // The shortcut that skips normalize() relies on this for every pair of such characters.
    for (let a = 1; a < 0x300; a++) {
      for (let b = 1; b < 0x300; b += 7) {
        const text = String.fromCharCode(a, b);
        expect(text.normalize('NFC') === text).toBe(true);
      }
    }
  });

  it('refuses the empty name, . and .., slashes, NUL and overlong names with codes', () => {
    const cases: [string, string][] = [
      ['', 'name_empty'],
      ['.', 'name_reserved'],
      ['..', 'name_reserved'],
      ['a/b', 'name_has_slash'],
      ['\0', 'name_has_nul'],
      ['日'.repeat(86), 'name_too_long'],
    ];
    for (const [name, code] of cases) {
      expect(() => normalizeName(name)).toThrow(expect.objectContaining({ code }));
    }
    expect(normalizeName('日'.repeat(85))).toHaveLength(85);
  });
});
