// Going offline and back on a hand-driven clock: one try waits at a time, 10 s apart, until the server answers.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/sync/manual-clock.ts';
import { ConnectivityProbe } from './connectivity-probe.ts';

function probe(answers: boolean[]) {
  const clock = new ManualClock();
  const triedAt: number[] = [];
  const changes: boolean[] = [];
  const connectivity: ConnectivityProbe = new ConnectivityProbe(clock, {
    attempt: async () => {
      triedAt.push(clock.now());
      if (answers.shift()) connectivity.reachable();
      else {
        connectivity.unreachable();
        throw new Error('unreachable');
      }
    },
    changed: (offline) => changes.push(offline),
  });
  return { clock, connectivity, triedAt, changes };
}

describe('ConnectivityProbe', () => {
  it('tries every 10 s while the server cannot be reached, and stops once it answers', async () => {
    const { clock, connectivity, triedAt, changes } = probe([false, false, true]);
    connectivity.unreachable();
    expect(connectivity.offline).toBe(true);
    await clock.advance(60_000);
    expect(triedAt).toEqual([10_000, 20_000, 30_000]);
    expect(connectivity.offline).toBe(false);
    expect(changes).toEqual([true, false]);
    expect(clock.pending).toBe(0);
  });

  it('keeps one try waiting however many requests fail', async () => {
    const { clock, connectivity, triedAt, changes } = probe([true]);
    connectivity.unreachable();
    await clock.advance(4_000);
    connectivity.unreachable();
    connectivity.unreachable();
    expect(clock.pending).toBe(1);
    await clock.advance(30_000);
    expect(triedAt).toEqual([10_000]);
    expect(changes).toEqual([true, false]);
  });

  it('tries at once when asked, and waits the full time again after that try fails', async () => {
    const { clock, connectivity, triedAt } = probe([false, true]);
    connectivity.unreachable();
    await clock.advance(3_000);
    await connectivity.probe();
    expect(triedAt).toEqual([3_000]);
    await clock.advance(30_000);
    expect(triedAt).toEqual([3_000, 13_000]);
  });

  it('drops the waiting try when a request reaches the server, or when stopped', async () => {
    const { clock, connectivity, triedAt, changes } = probe([]);
    connectivity.unreachable();
    connectivity.reachable();
    expect(clock.pending).toBe(0);
    connectivity.unreachable();
    connectivity.stop();
    expect(connectivity.offline).toBe(false);
    await clock.advance(60_000);
    expect(triedAt).toEqual([]);
    expect(changes).toEqual([true, false, true]);
  });
});
