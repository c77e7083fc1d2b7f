import { describe, expect, it } from 'vitest';
import { storageState } from './storage-state.ts';

const mb = 1024 * 1024;

describe('storageState', () => {
  it('warns when less than 10 % of a large quota is free', () => {
    const quota = 100_000 * mb;
    expect(storageState({ usage: quota - 9_000 * mb, quota, persisted: false }).low).toBe(true);
    expect(storageState({ usage: quota - 11_000 * mb, quota, persisted: false }).low).toBe(false);
  });

  it('warns below 500 MB free on a medium quota', () => {
    const quota = 3_000 * mb; // 10 % would be 300 MB
    expect(storageState({ usage: quota - 400 * mb, quota, persisted: true }).low).toBe(true);
    expect(storageState({ usage: quota - 600 * mb, quota, persisted: true })).toMatchObject({
      low: false,
      persisted: true,
    });
  });

  it('does not warn from the start on a small quota, nor without one', () => {
    const quota = 1_000 * mb;
    expect(storageState({ usage: 10 * mb, quota, persisted: false }).low).toBe(false);
    expect(storageState({ usage: 800 * mb, quota, persisted: false }).low).toBe(true);
    expect(storageState({ usage: 0, quota: 0, persisted: false }).low).toBe(false);
  });
});
