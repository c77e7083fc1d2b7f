// The status line the worker tells the page, composed from its parts (no server: nothing is kept).
import { describe, expect, it } from 'vitest';
import { MemorySyncStateStore } from '../common/db/sync-state-store.ts';
import { MemoryTreeVault } from './memory-tree-vault.fixture.ts';
import type { SyncEvent } from '../common/sync-client/sync-api.ts';
import { SyncWorkerService } from './sync-worker-service.ts';
import { systemClock } from './system-clock.ts';

const mb = 1024 * 1024;
const signal = new AbortController().signal;

function service(usage: number, quota: number, fetchImpl: typeof fetch) {
  const events: SyncEvent[] = [];
  const sync = new SyncWorkerService({
    vault: new MemoryTreeVault(),
    state: new MemorySyncStateStore(),
    fetch: fetchImpl,
    folders: null,
    clock: systemClock,
    emit: (event) => events.push(event),
    // The browser's estimate (navigator.storage.estimate) as numbers: Chromium does not apply
    // quota overrides to test contexts, so the threshold is driven from here.
    storage: async () => ({ usage, quota, persisted: false }),
  });
  return { sync, events };
}

const unreachable: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

describe('the sync status', () => {
  it('is starting until start, then up to date', async () => {
    const { sync } = service(10 * mb, 10_000 * mb, unreachable);
    expect((await sync.status()).phase).toBe('starting');
    await sync.start({}, signal);
    expect(await sync.status()).toMatchObject({ phase: 'up-to-date', waiting: 0, conflicts: [] });
  });

  it('warns in words when storage runs low', async () => {
    const { sync, events } = service(3_900 * mb, 4_000 * mb, unreachable);
    await sync.start({}, signal);
    await expect.poll(async () => (await sync.status()).storage?.low).toBe(true);
    expect((await sync.status()).message).toMatch(/Storage is almost full/);
    await expect
      .poll(() => events.some((e) => e.type === 'status' && e.status.storage?.low))
      .toBe(true);
  });

  it('says offline when the server cannot be reached, and tells the page', async () => {
    const { sync, events } = service(10 * mb, 10_000 * mb, unreachable);
    await sync.start({}, signal);
    await expect(sync.syncAll({}, signal)).rejects.toMatchObject({ code: 'network' });
    expect((await sync.status()).phase).toBe('offline');
    await expect
      .poll(() => events.some((e) => e.type === 'status' && e.status.phase === 'offline'))
      .toBe(true);
  });
});
