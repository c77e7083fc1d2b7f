// Progress counted once per operation however often it is planned, bytes only growing, reset when settled.
import { describe, expect, it } from 'vitest';
import type { SyncOperation } from '../../shared/sync/index.ts';
import { SyncProgress } from './sync-progress.ts';

const content = (size: number) => ({ size, contentHash: '0'.repeat(16), mtime: 0 });
const at = { parent: 1, name: 'a.txt' };
const upload = {
  key: 'up:5',
  id: 5,
  side: 'remote',
  type: 'upload',
  location: at,
  content: content(1000),
} as unknown as SyncOperation;
const download = {
  key: 'down:6',
  id: 6,
  side: 'local',
  type: 'download',
  location: at,
  content: content(500),
  rev: 1,
} as unknown as SyncOperation;
const record = { key: 'rec:7', id: 7, side: 'sync', type: 'record' } as unknown as SyncOperation;

function progress() {
  let changes = 0;
  const p = new SyncProgress(() => changes++);
  return { p, changes: () => changes };
}

describe('SyncProgress', () => {
  it('counts each operation and its bytes once, however often it is planned', () => {
    const { p, changes } = progress();
    p.planned([upload, download, record], true);
    p.planned([upload], false);
    expect(p).toMatchObject({ done: 0, total: 2, bytesDone: 0, bytesTotal: 1500, waiting: 1 });
    expect(changes()).toBe(2);
  });

  it('counts bytes only forward and never past the operation, and all of them when done', () => {
    const { p } = progress();
    p.planned([upload, download], true);
    p.moved('up:5', 400);
    p.moved('up:5', 300);
    p.moved('down:6', 9_999);
    expect(p.bytesDone).toBe(900);
    p.finished('up:5');
    expect(p).toMatchObject({ done: 1, bytesDone: 1500, waiting: 0 });
  });

  it('forgets changes waiting that a full plan no longer has', () => {
    const { p } = progress();
    p.planned([upload], true);
    expect(p.waiting).toBe(1);
    p.planned([download], true);
    expect(p.waiting).toBe(0);
  });

  it('keeps failure words until an operation succeeds', () => {
    const { p } = progress();
    p.planned([upload, download], true);
    p.failed('“a.txt” could not be synced: no');
    expect(p.lastFailure).toMatch(/could not be synced/);
    p.finished('down:6');
    expect(p.lastFailure).toBeNull();
  });

  it('starts from zero once settled', () => {
    const { p } = progress();
    p.planned([upload], true);
    p.finished('up:5');
    p.settled();
    expect(p).toMatchObject({ done: 0, total: 0, bytesDone: 0, bytesTotal: 0, waiting: 0 });
    p.planned([upload], true);
    expect(p.total).toBe(1);
  });
});
