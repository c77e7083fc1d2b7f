// The run loop on a hand-driven clock: a moment after a kick, again when kicked, back-off while rounds fail.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/sync/manual-clock.ts';
import { SyncRounds, type RoundOutcome } from './sync-rounds.ts';

/** Rounds that answer `outcomes` in turn (then nothing to do), noting when each one ran. */
function rounds(outcomes: (RoundOutcome | undefined)[]) {
  const clock = new ManualClock();
  const ranAt: number[] = [];
  let settled = 0;
  const loop = new SyncRounds(clock, {
    round: async () => {
      ranAt.push(clock.now());
      return outcomes.length > 0 ? outcomes.shift() : { ran: 0, failed: 0 };
    },
    settled: () => settled++,
  });
  return { clock, loop, ranAt, settled: () => settled };
}

describe('SyncRounds', () => {
  it('runs a moment after a kick, round after round until one runs nothing', async () => {
    const { clock, loop, ranAt, settled } = rounds([
      { ran: 3, failed: 0 },
      { ran: 1, failed: 0 },
    ]);
    loop.kick();
    await clock.advance(49);
    expect(ranAt).toEqual([]);
    expect(loop.busy).toBe(true);
    await clock.advance(1);
    expect(ranAt).toEqual([50, 50, 50]);
    expect(settled()).toBe(1);
    expect(loop.busy).toBe(false);
  });

  it('stops when there is nothing to run on yet, without settling', async () => {
    const { clock, loop, ranAt, settled } = rounds([undefined]);
    loop.kick();
    await clock.advance(50);
    expect(ranAt).toEqual([50]);
    expect(settled()).toBe(0);
    expect(loop.busy).toBe(false);
  });

  it('waits 500 ms after a failing round, then twice as long each time, up to a minute', async () => {
    const failing = Array.from({ length: 9 }, () => ({ ran: 1, failed: 1 }));
    const { clock, loop, ranAt } = rounds(failing);
    loop.kick();
    await clock.advance(200_000);
    const waits = ranAt.slice(1).map((at, i) => at - ranAt[i]!);
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('starts the waits over after a round without failures', async () => {
    const { clock, loop, ranAt } = rounds([
      { ran: 1, failed: 1 },
      { ran: 1, failed: 1 },
      { ran: 1, failed: 0 },
      { ran: 1, failed: 1 },
    ]);
    loop.kick();
    await clock.advance(10_000);
    const waits = ranAt.slice(1).map((at, i) => at - ranAt[i]!);
    expect(waits).toEqual([500, 1000, 0, 500]);
  });

  it('runs one more round when kicked while running', async () => {
    const clock = new ManualClock();
    let release!: () => void;
    const ranAt: number[] = [];
    const loop = new SyncRounds(clock, {
      round: async () => {
        ranAt.push(clock.now());
        if (ranAt.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return { ran: 0, failed: 0 };
      },
      settled: () => undefined,
    });
    loop.kick();
    await clock.advance(50);
    loop.kick();
    release();
    await clock.advance(100);
    expect(ranAt).toEqual([50, 100]);
  });

  it('runs no rounds while offline; online runs them with the waits started over', async () => {
    const { clock, loop, ranAt } = rounds([
      { ran: 1, failed: 1 },
      { ran: 1, failed: 1 },
    ]);
    loop.kick();
    await clock.advance(50);
    expect(loop.backoffMs).toBe(500);
    loop.offline();
    await clock.advance(10_000);
    expect(ranAt).toEqual([50]);
    loop.kick();
    await clock.advance(10_000);
    expect(ranAt).toEqual([50]);
    loop.online();
    expect(loop.backoffMs).toBe(0);
    await clock.advance(50);
    expect(ranAt).toEqual([50, 20_100]);
  });

  it('ends a back-off wait at once when stopped, and runs nothing after', async () => {
    const { clock, loop, ranAt } = rounds([{ ran: 1, failed: 1 }]);
    loop.kick();
    await clock.advance(50);
    expect(clock.pending).toBe(1);
    loop.stop();
    await loop.idle();
    expect(loop.busy).toBe(false);
    expect(clock.pending).toBe(0);
    loop.kick();
    await clock.advance(10_000);
    expect(ranAt).toEqual([50]);
  });
});
