import { describe, expect, it } from 'vitest';
import { CoalescedRun, stopRunning } from './coalesced-run.ts';

describe('CoalescedRun', () => {
  it('runs once more after the run in progress however often it is asked meanwhile', async () => {
    let runs = 0;
    let ended = 0;
    const sync = new CoalescedRun(
      async () => void runs++,
      () => ended++,
    );
    await Promise.all([sync.run(), sync.run(), sync.run(), sync.run()]);
    expect(runs).toBe(2);
    expect(ended).toBe(1);
    await sync.run();
    expect(runs).toBe(3);
  });

  it('ends at once when a run says it was stopped', async () => {
    let runs = 0;
    const sync = new CoalescedRun(async () => {
      runs++;
      return stopRunning;
    });
    await Promise.all([sync.run(), sync.run()]);
    expect(runs).toBe(1);
  });
});
