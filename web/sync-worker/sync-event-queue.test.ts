// Events to the page gathered on a hand-driven clock.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/sync/manual-clock.ts';
import type { SyncEvent, SyncStatus } from '../common/sync-client/sync-api.ts';
import { SyncEventQueue } from './sync-event-queue.ts';

function queue() {
  const clock = new ManualClock();
  const events: { at: number; event: SyncEvent }[] = [];
  let done = 0;
  const status = () => ({ phase: 'syncing', done }) as SyncStatus;
  const events_ = new SyncEventQueue(clock, status, (event) =>
    events.push({ at: clock.now(), event }),
  );
  return { clock, queue: events_, events, setDone: (n: number) => (done = n) };
}

describe('SyncEventQueue', () => {
  it('tells the status once per 100 ms, as it is when told', async () => {
    const { clock, queue: q, events, setDone } = queue();
    for (let i = 1; i <= 50; i++) {
      setDone(i);
      q.statusChanged();
    }
    await clock.advance(100);
    expect(events).toEqual([
      { at: 100, event: { type: 'status', status: { phase: 'syncing', done: 50 } } },
    ]);
  });

  it('names each changed namespace once per 200 ms, and tells the status too', async () => {
    const { clock, queue: q, events } = queue();
    q.listingsChanged(['n_a']);
    q.listingsChanged(['n_b', 'n_a']);
    await clock.advance(200);
    expect(
      events.map((e) => [e.at, e.event.type, 'namespaceId' in e.event ? e.event.namespaceId : '']),
    ).toEqual([
      [100, 'status', ''],
      [200, 'changed', 'n_a'],
      [200, 'changed', 'n_b'],
    ]);
    q.listingsChanged(['n_b']);
    await clock.advance(200);
    expect(events.filter((e) => e.event.type === 'changed').map((e) => e.at)).toEqual([
      200, 200, 400,
    ]);
  });
});
