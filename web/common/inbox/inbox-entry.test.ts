import { describe, expect, it } from 'vitest';
import { headline, mergeNewestFirst, toInboxEntry, type InboxEntry } from './inbox-entry.ts';
import { sampleNotification } from './sample-notification.fixture.ts';

const entry = (id: number, read: 0 | 1 = 0): InboxEntry => ({
  ...toInboxEntry(sampleNotification(id, { title: `n${id}` })),
  read,
});

describe('mergeNewestFirst', () => {
  it('lists newest first, each id once', () => {
    const merged = mergeNewestFirst([entry(5), entry(3)], [entry(4), entry(5), entry(9)], 10);
    expect(merged.map((e) => e.id)).toEqual([9, 5, 4, 3]);
  });

  it('keeps the read mark of an entry already listed', () => {
    const merged = mergeNewestFirst([entry(5, 1)], [entry(5, 0)], 10);
    expect(merged).toEqual([entry(5, 1)]);
  });

  it('takes a read mark that arrives for a listed entry', () => {
    expect(mergeNewestFirst([entry(5, 0)], [entry(5, 1)], 10)[0]?.read).toBe(1);
  });

  it('keeps at most the limit, dropping the oldest', () => {
    const merged = mergeNewestFirst([entry(1), entry(2)], [entry(3)], 2);
    expect(merged.map((e) => e.id)).toEqual([3, 2]);
  });
});

describe('toInboxEntry', () => {
  it('starts unread and keeps what the notification says', () => {
    const e = toInboxEntry({
      id: 7,
      key: 'chat:x:messages',
      command: 'POST',
      change: { a: 1 },
      source: 'bob',
      at: '2024-01-01T00:00:00.000Z',
      body: 'hi',
    });
    expect(e).toEqual({
      id: 7,
      key: 'chat:x:messages',
      command: 'POST',
      title: null,
      body: 'hi',
      source: 'bob',
      change: { a: 1 },
      at: '2024-01-01T00:00:00.000Z',
      read: 0,
    });
  });
});

describe('headline', () => {
  it("uses the publisher's title, else what happened where", () => {
    expect(headline({ title: 'plan.md changed', command: 'EDIT', key: 'folder:a' })).toBe(
      'plan.md changed',
    );
    expect(headline({ title: null, command: 'FILE_ADDED', key: 'folder:a' })).toBe(
      'File added in folder:a',
    );
  });
});
