import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from './id-index.ts';

describe('IdIndex', () => {
  it('behaves like a Map from id to slot through any inserts and removes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 })), { maxLength: 300 }),
        (steps) => {
          const index = new IdIndex(8);
          const ids = new Int32Array(400);
          const model = new Map<number, number>();
          let nextSlot = 0;
          for (const [insert, id] of steps) {
            if (insert && !model.has(id)) {
              ids[nextSlot] = id;
              index.insert(nextSlot, ids);
              model.set(id, nextSlot++);
            } else if (!insert) {
              expect(index.remove(id, ids)).toBe(model.get(id) ?? -1);
              model.delete(id);
            }
            expect(index.count).toBe(model.size);
          }
          for (let id = 0; id <= 60; id++) expect(index.find(id, ids)).toBe(model.get(id) ?? -1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds ids above 2^31, kept as negative int32', () => {
    const index = new IdIndex();
    const ids = new Int32Array([0xfffffffe | 0]);
    index.insert(0, ids);
    expect(index.find(0xfffffffe, ids)).toBe(0);
  });
});
