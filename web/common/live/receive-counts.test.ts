import { describe, expect, it } from 'vitest';
import { countLive, countsAfterReconnect } from './receive-counts.ts';

describe('countLive', () => {
  it('counts each new id once and moves the cursor to it', () => {
    let counts = { receivedCount: 0, lastId: 0 };
    for (const id of [3, 7, 9]) counts = countLive(counts, id).counts;
    expect(counts).toEqual({ receivedCount: 3, lastId: 9 });
  });

  it('treats an id at or below the cursor as a resend: not counted, not fresh', () => {
    const counts = { receivedCount: 5, lastId: 9 };
    expect(countLive(counts, 9)).toEqual({ counts, fresh: false });
    expect(countLive(counts, 4)).toEqual({ counts, fresh: false });
    expect(countLive(counts, 10).fresh).toBe(true);
  });
});

describe('countsAfterReconnect', () => {
  it('takes the sent count and cursor of a match or tolerated answer', () => {
    expect(countsAfterReconnect({ verdict: 'match', sentCount: 12, lastId: 40 })).toEqual({
      receivedCount: 12,
      lastId: 40,
    });
    expect(countsAfterReconnect({ verdict: 'tolerated', sentCount: 14, lastId: 44 })).toEqual({
      receivedCount: 14,
      lastId: 44,
    });
  });

  it('starts over from zero at the server cursor on resync', () => {
    expect(countsAfterReconnect({ verdict: 'resync', sentCount: 0, lastId: 90 })).toEqual({
      receivedCount: 0,
      lastId: 90,
    });
  });
});
