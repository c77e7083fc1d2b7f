import { describe, expect, it } from 'vitest';
import { foldName } from './fold-name.ts';

describe('foldName', () => {
  it('folds a decomposed name exactly as its composed twin, in either case', () => {
    const nfd = 'CAFE\u0301.txt';
    expect(foldName(nfd)).toBe('caf\u00e9.txt');
    expect(foldName(nfd)).toBe(foldName('caf\u00c9.TXT'));
  });

  it('normalizes before lower-casing, and again after', () => {
    expect(foldName('E\u0301')).toBe('\u00e9');
    // No capital H with line below exists, but its lower case does (U+1E96): both fold to it.
    expect(foldName('H\u0331')).toBe('\u1e96');
    expect(foldName('H\u0331')).toBe(foldName('\u1e96'));
    expect(foldName('\u0130')).toBe('i\u0307');
  });

  it('keeps case when case-sensitive, but still normalizes', () => {
    expect(foldName('Cafe\u0301', true)).toBe('Caf\u00e9');
    expect(foldName('Foo', true)).not.toBe(foldName('foo', true));
  });

  it('trims nothing: a trailing space makes another name', () => {
    expect(foldName('a ')).toBe('a ');
    expect(foldName('a ')).not.toBe(foldName('a'));
    expect(foldName(' a', true)).toBe(' a');
  });
});
