import { describe, expect, it } from 'vitest';
import type { AbortSignalLike } from './abort-signal.ts';
import { commitOperation } from './commit-operation.ts';
import { ManualClock } from './manual-clock.ts';
import { planOperations } from './plan-operations.ts';
import { loadScenario } from './scenario.ts';
import { scenarioOf } from './scenario-lines.fixture.ts';
import type { SyncOperation } from './sync-operation.ts';
import type { SyncPorts } from './sync-ports.ts';
import { SyncScheduler, type SchedulerEvent } from './sync-scheduler.ts';
import { treesConverged } from './trees-converged.ts';

const BLOCKS_MS = 10;
const COMMIT_MS = 5;
const DISCARD_MS = 3;

/** Ports whose every call takes clock time; they log what reached the server and the device. */
function fakePorts(clock: ManualClock) {
  const calls: string[] = [];
  /** A call that takes `ms` (cut short by `signal`, where the port passes one), then logs `what`. */
  const taking =
    (ms: number, what: string) =>
    async (op: SyncOperation, signal?: AbortSignalLike): Promise<void> => {
      await clock.sleep(ms, signal);
      calls.push(`${clock.now()} ${what} ${op.key}`);
    };
  const committing = (what: string) => async (op: SyncOperation) => {
    await taking(COMMIT_MS, what)(op);
    return {};
  };
  const ports: SyncPorts = {
    server: {
      sendBlocks: taking(BLOCKS_MS, 'blocks sent'),
      discardBlocks: taking(DISCARD_MS, 'blocks discarded'),
      fetchBlocks: taking(BLOCKS_MS, 'blocks fetched'),
      commit: committing('server commit'),
    },
    device: {
      discardStaged: taking(DISCARD_MS, 'staged discarded'),
      commit: committing('device commit'),
    },
  };
  return { ports, calls };
}

/** A one-byte file named `key` in the root, new to the side it goes to. */
function newFileAt(key: string) {
  return {
    location: { parent: 0, name: key },
    content: { kind: 'file' as const, size: 1, contentHash: '00000000000000aa' },
    assumes: { absent: true as const },
  };
}

function upload(key: string): SyncOperation {
  return { key, side: 'remote', type: 'upload', id: 1, ...newFileAt(key) };
}

function download(key: string): SyncOperation {
  return { key, side: 'local', type: 'download', id: 2, rev: 1, ...newFileAt(key) };
}

function remoteDelete(key: string): SyncOperation {
  return { key, side: 'remote', type: 'delete', id: 3, size: 0, assumes: { rev: 0 } };
}

function setUp(concurrency: number) {
  const clock = new ManualClock();
  const { ports, calls } = fakePorts(clock);
  const events: string[] = [];
  const committed: string[] = [];
  const scheduler = new SyncScheduler({
    ports,
    clock,
    concurrency,
    onCommitted: (op) => committed.push(op.key),
    onEvent: (e: SchedulerEvent) =>
      events.push(`${e.at} ${e.key} ${e.event}${e.step ? ` ${e.step}` : ''}`),
  });
  return { clock, scheduler, calls, events, committed };
}

describe('SyncScheduler', () => {
  it("cancels plan 1's stale tasks, lets shared ones run on, and starts plan 2's new ones only after the cancellations finish", async () => {
    const { clock, scheduler, calls, events, committed } = setUp(4);
    scheduler.submit([upload('A'), upload('B'), download('C')]);
    await clock.advance(4);
    expect(scheduler.snapshot().running.sort()).toEqual(['A', 'B', 'C']);

    scheduler.submit([upload('A'), upload('D')]);
    expect(scheduler.stateOf('A')).toBe('running');
    expect(scheduler.stateOf('D')).toBe('waiting');
    expect(scheduler.snapshot().cancelling.sort()).toEqual(['B', 'C']);

    await clock.advance(2); // t = 6: the undo of B and C is under way (until t = 7)
    expect(scheduler.stateOf('D')).toBe('waiting');
    await clock.advance(1); // t = 7: both cancellations confirmed
    expect(scheduler.stateOf('D')).toBe('running');

    await clock.advance(100);
    await scheduler.idle();
    expect(committed.sort()).toEqual(['A', 'D']);
    expect(calls).toEqual([
      '7 blocks discarded B',
      '7 staged discarded C',
      '10 blocks sent A',
      '15 server commit A',
      '17 blocks sent D',
      '22 server commit D',
    ]);
    // A ran once, from start to commit, never told to stop.
    expect(events.filter((e) => e.includes(' A '))).toEqual([
      '0 A start',
      '0 A step send blocks',
      '10 A commit commit',
      '15 A done',
    ]);
    expect(events).toContain('7 B cancelled');
    expect(events).toContain('7 D start');
  });

  it('does not cancel a task whose commit has started, and holds new work until it ends', async () => {
    const { clock, scheduler, calls, committed } = setUp(2);
    scheduler.submit([remoteDelete('X')]);
    await clock.advance(2);
    expect(scheduler.stateOf('X')).toBe('committing');
    scheduler.submit([upload('Y')]);
    expect(scheduler.snapshot().committing).toEqual(['X']);
    expect(scheduler.stateOf('Y')).toBe('waiting');
    await clock.advance(100);
    await scheduler.idle();
    expect(committed).toEqual(['X', 'Y']);
    expect(calls).toEqual(['5 server commit X', '15 blocks sent Y', '20 server commit Y']);
  });

  it('never has more than N tasks in a step at once', async () => {
    const { clock, scheduler, events } = setUp(2);
    scheduler.submit(['a', 'b', 'c', 'd', 'e'].map(upload));
    let running = 0;
    let most = 0;
    const check = () => {
      running = scheduler.snapshot().running.length + scheduler.snapshot().committing.length;
      most = Math.max(most, running);
    };
    for (let t = 0; t < 100; t++) {
      check();
      await clock.advance(1);
    }
    await scheduler.idle();
    expect(most).toBe(2);
    expect(events.filter((e) => e.endsWith('done'))).toHaveLength(5);
  });

  it("turns the seed's delete-then-undo into nothing: the delete is cancelled before it reaches the server", async () => {
    const loaded = loadScenario(
      scenarioOf({
        remote: ['1 A.txt h1'],
        sync: ['1 A.txt h1'],
        local: ['1 A.txt h1', '2 big.bin h2'],
      }),
    );
    const { trees } = loaded;
    const now = new Date('2024-05-01');
    const clock = new ManualClock();
    const { ports, calls } = fakePorts(clock);
    const schedulerWithTrees = new SyncScheduler({
      ports,
      clock,
      concurrency: 1,
      onCommitted: (op, outcome) => commitOperation(trees, op, outcome),
    });
    // t0: a large upload is under way and takes the only slot.
    const plan0 = planOperations(trees, { now }).operations;
    schedulerWithTrees.submit(plan0);
    await clock.advance(1);
    // t2: the user deletes A; the plan asks the server to delete it, queued behind the upload.
    const a = trees.local.get(1)!;
    trees.local.remove(1);
    const plan1 = planOperations(trees, { now }).operations;
    expect(plan1.map((op) => `${op.side} ${op.type} ${op.id}`)).toContain('remote delete 1');
    schedulerWithTrees.submit(plan1);
    await clock.advance(1);
    // t3: the user undoes the delete; the plan no longer holds it.
    trees.local.add({ id: 1, parent: 0, name: a.name, kind: 'file', contentHash: a.contentHash });
    const plan2 = planOperations(trees, { now }).operations;
    expect(plan2.some((op) => op.type === 'delete')).toBe(false);
    schedulerWithTrees.submit(plan2);
    await clock.advance(100);
    await schedulerWithTrees.idle();
    for (const op of planOperations(trees, { now }).operations) commitOperation(trees, op);
    expect(trees.remote.has(1)).toBe(true);
    expect(treesConverged(trees)).toBe(true);
    expect(calls.filter((c) => c.includes('delete'))).toEqual([]);
  });
});
