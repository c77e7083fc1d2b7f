// The status line's phase from counters and state.
import { describe, expect, it } from 'vitest';
import { syncPhase, type SyncPhaseInput } from './sync-phase.ts';

const settled: SyncPhaseInput = {
  started: true,
  offline: false,
  done: 0,
  total: 0,
  failure: null,
  busy: false,
};

describe('syncPhase', () => {
  it('is starting before start, whatever else holds', () => {
    expect(syncPhase({ ...settled, started: false, offline: true, total: 3 })).toBe('starting');
  });

  it('is up to date when nothing is planned, failing or running', () => {
    expect(syncPhase(settled)).toBe('up-to-date');
    expect(syncPhase({ ...settled, done: 4, total: 4 })).toBe('up-to-date');
  });

  it('is offline once the server cannot be reached, even with work left or a failure', () => {
    expect(syncPhase({ ...settled, offline: true, done: 1, total: 5, failure: 'x' })).toBe(
      'offline',
    );
  });

  it('is syncing while planned operations are not all done, even with a failure', () => {
    expect(syncPhase({ ...settled, done: 2, total: 5 })).toBe('syncing');
    expect(syncPhase({ ...settled, done: 2, total: 5, failure: '“a” could not be synced' })).toBe(
      'syncing',
    );
  });

  it('is an error when a failure remains and nothing else is left to do', () => {
    expect(syncPhase({ ...settled, done: 5, total: 5, failure: 'x', busy: true })).toBe('error');
  });

  it('is syncing while rounds run with nothing counted yet (planning)', () => {
    expect(syncPhase({ ...settled, busy: true })).toBe('syncing');
  });
});
