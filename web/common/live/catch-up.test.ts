import { describe, expect, it } from 'vitest';
import type { ReconnectAnswer, ReconnectRequest } from '../../../shared/api/clients.ts';
import { toInboxEntry } from '../inbox/inbox-entry.ts';
import { sampleNotification } from '../inbox/sample-notification.fixture.ts';
import { catchUp, maxPagesPerCheck, type CatchUpPort } from './catch-up.ts';
import { countsAfterReconnect, type ReceiveCounts } from './receive-counts.ts';

const note = (id: number) => sampleNotification(id);

/** A port over in-memory counts and inbox, answering from a queue of server answers. */
function port(answers: ReconnectAnswer[], start: ReceiveCounts | undefined) {
  let counts = start;
  const inbox = new Set<number>();
  const requests: ReconnectRequest[] = [];
  const p: CatchUpPort = {
    loadCounts: async () => counts,
    reconnect: async (request) => {
      requests.push(request);
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      return answer;
    },
    record: async (answer) => {
      counts = countsAfterReconnect(answer);
      const fresh = answer.notifications.filter((n) => !inbox.has(n.id));
      for (const n of fresh) inbox.add(n.id);
      return fresh.map(toInboxEntry);
    },
  };
  return { p, requests, inbox: () => [...inbox] };
}

describe('catchUp', () => {
  it('sends the stored counts and applies the replay', async () => {
    const { p, requests, inbox } = port(
      [
        {
          verdict: 'tolerated',
          sentCount: 7,
          lastId: 12,
          notifications: [note(11), note(12)],
          more: false,
        },
      ],
      { receivedCount: 5, lastId: 10 },
    );
    const result = await catchUp(p);
    expect(requests).toEqual([{ receivedCount: 5, lastId: 10 }]);
    expect(result.verdict).toBe('tolerated');
    expect(result.added.map((e) => e.id)).toEqual([11, 12]);
    expect(result.counts).toEqual({ receivedCount: 7, lastId: 12 });
    expect(inbox()).toEqual([11, 12]);
  });

  it('asks again with the updated counts while more pages wait', async () => {
    const { p, requests } = port(
      [
        {
          verdict: 'match',
          sentCount: 2,
          lastId: 2,
          notifications: [note(1), note(2)],
          more: true,
        },
        { verdict: 'match', sentCount: 3, lastId: 3, notifications: [note(3)], more: false },
      ],
      { receivedCount: 0, lastId: 0 },
    );
    const result = await catchUp(p);
    expect(requests).toEqual([
      { receivedCount: 0, lastId: 0 },
      { receivedCount: 2, lastId: 2 },
    ]);
    expect(result.added.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('stops at a resync, with counts reset to the server cursor', async () => {
    const { p } = port(
      [{ verdict: 'resync', sentCount: 0, lastId: 50, notifications: [], more: false }],
      { receivedCount: 999, lastId: 10 },
    );
    const result = await catchUp(p);
    expect(result.verdict).toBe('resync');
    expect(result.counts).toEqual({ receivedCount: 0, lastId: 50 });
    expect(result.added).toEqual([]);
  });

  it('does not ask the server when nobody is signed in', async () => {
    const { p, requests } = port([], undefined);
    expect((await catchUp(p)).verdict).toBe('none');
    expect(requests).toEqual([]);
  });

  it('gives up after a bounded number of pages from a server that always says more', async () => {
    const answers = Array.from({ length: maxPagesPerCheck + 5 }, (_, i) => ({
      verdict: 'match' as const,
      sentCount: i + 1,
      lastId: i + 1,
      notifications: [note(i + 1)],
      more: true,
    }));
    const { p, requests } = port(answers, { receivedCount: 0, lastId: 0 });
    await catchUp(p);
    expect(requests).toHaveLength(maxPagesPerCheck);
  });
});
