// Ids the page holds keep naming their nodes after the server replaced them.
import { describe, expect, it } from 'vitest';
import { RenamedIds } from './renamed-ids.ts';

describe('RenamedIds', () => {
  it('resolves an id never replaced to itself', () => {
    expect(new RenamedIds().resolve(7)).toBe(7);
  });

  it('follows a replacement, and a replacement of the replacement', () => {
    const ids = new RenamedIds();
    ids.note(0x80000001, 12);
    ids.note(12, 40);
    expect(ids.resolve(0x80000001)).toBe(40);
    expect(ids.resolve(12)).toBe(40);
  });

  it('stops after a few hops, so a cycle cannot hang the worker', () => {
    const ids = new RenamedIds();
    ids.note(1, 2);
    ids.note(2, 1);
    expect([1, 2]).toContain(ids.resolve(1));
  });
});
