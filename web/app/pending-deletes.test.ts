import { describe, expect, it } from 'vitest';
import { PendingDeletes, type DeleteTimers, type PendingDelete } from './pending-deletes.ts';

/** Timers driven by hand: `advance` runs what is due. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: DeleteTimers = {
    setTimeout(run, ms) {
      const id = next++;
      due.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due]) {
      if (t.at <= now) {
        due.delete(id);
        t.run();
      }
    }
  };
  return { timers, advance };
}

/** A six-second PendingDeletes on manual timers, recording what it deletes and counting its changes. */
function sixSecondWindow() {
  const { timers, advance } = manualTimers();
  const deleted: PendingDelete[] = [];
  let changes = 0;
  const pending = new PendingDeletes(
    6000,
    (e) => deleted.push(e),
    () => changes++,
    timers,
  );
  return { pending, deleted, advance, changes: () => changes };
}

const a: PendingDelete = { namespaceId: 'n_1', id: 5, name: 'a.txt', folder: 'Notes' };
const b: PendingDelete = { namespaceId: 'n_1', id: 6, name: 'b.txt', folder: '' };

describe('PendingDeletes', () => {
  it('holds an entry for the window, then deletes it once', () => {
    const { pending, deleted, advance } = sixSecondWindow();
    pending.hold(a);
    pending.hold(a);
    expect(pending.hides('n_1', 5, 'Notes', 'a.txt')).toBe(true);
    advance(5999);
    expect(deleted).toEqual([]);
    advance(1);
    expect(deleted).toEqual([a]);
    expect(pending.hides('n_1', 5, 'Notes', 'a.txt')).toBe(false);
    advance(10_000);
    expect(deleted).toEqual([a]);
  });

  it('deletes nothing that was undone, and undo after the window answers false', () => {
    const { pending, deleted, advance, changes } = sixSecondWindow();
    pending.hold(a);
    pending.hold(b);
    expect(pending.entries).toEqual([a, b]);
    expect(pending.undo('n_1', 5)).toBe(true);
    advance(6000);
    expect(deleted).toEqual([b]);
    expect(pending.undo('n_1', 6)).toBe(false);
    expect(changes()).toBe(4);
  });

  it('still hides an entry whose id changed (uploaded meanwhile) by its folder and name', () => {
    const { pending } = sixSecondWindow();
    pending.hold(a);
    expect(pending.hides('n_1', 99, 'Notes', 'a.txt')).toBe(true);
    expect(pending.hides('n_1', 99, '', 'a.txt')).toBe(false);
    expect(pending.hides('n_2', 99, 'Notes', 'a.txt')).toBe(false);
  });

  it('cancels every held delete at once', () => {
    const { pending, deleted, advance } = sixSecondWindow();
    pending.hold(a);
    pending.hold(b);
    pending.cancelAll();
    advance(60_000);
    expect(deleted).toEqual([]);
    expect(pending.entries).toEqual([]);
  });
});
