import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../common/sync-client/sync-api.ts';
import { conflictsText, storageText, syncStatusText } from './sync-status-text.ts';

const base: SyncStatus = {
  phase: 'up-to-date',
  done: 0,
  total: 0,
  bytesDone: 0,
  bytesTotal: 0,
  waiting: 0,
  conflicts: [],
  storage: null,
  message: null,
};

describe('the sync status line', () => {
  it('says up to date, syncing n of m with bytes, and offline with what waits', () => {
    expect(syncStatusText(base)).toBe('Up to date');
    expect(
      syncStatusText({
        ...base,
        phase: 'syncing',
        done: 3,
        total: 10,
        bytesDone: 1_200_000,
        bytesTotal: 4_000_000,
      }),
    ).toBe('Syncing 3 of 10 (1.2 MB of 4 MB)');
    expect(syncStatusText({ ...base, phase: 'syncing', done: 1, total: 2 })).toBe('Syncing 1 of 2');
    expect(syncStatusText({ ...base, phase: 'offline', waiting: 2 })).toBe(
      'Offline — 2 changes waiting',
    );
    expect(syncStatusText({ ...base, phase: 'offline', waiting: 1 })).toBe(
      'Offline — 1 change waiting',
    );
    expect(syncStatusText(null)).toBe('Getting your files ready…');
    expect(syncStatusText({ ...base, phase: 'error', message: 'The disk is full.' })).toBe(
      'Sync stopped: The disk is full.',
    );
  });

  it('counts conflicts and warns only when storage runs low', () => {
    const conflict = { namespaceId: 'n', id: 1, name: 'a (conflict).txt', path: '/', at: 0 };
    expect(conflictsText(base)).toBe('');
    expect(conflictsText({ ...base, conflicts: [conflict, { ...conflict, id: 2 }] })).toBe(
      '2 conflicts to look at',
    );
    const storage = { usage: 1.9e9, quota: 2e9, persisted: false, low: false };
    expect(storageText(storage)).toBe('');
    expect(storageText({ ...storage, low: true })).toBe('Storage almost full: 1.9 GB of 2 GB used');
  });
});
