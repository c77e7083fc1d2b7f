import { describe, expect, it } from 'vitest';
import { CounterIdAllocator } from './id-allocator.ts';
import { ManualClock } from './manual-clock.ts';
import { loadScenario } from './scenario.ts';
import { scenarioOf } from './scenario-lines.fixture.ts';
import type { SyncPorts } from './sync-ports.ts';
import { SyncSession } from './sync-session.ts';
import { pathListing, treesConverged } from './trees-converged.ts';

/** A server and a device that take clock time and succeed; the server assigns its own ids. */
function ports(clock: ManualClock, serverIds: CounterIdAllocator, deviceIds: CounterIdAllocator) {
  const seen: string[] = [];
  let rev = 100;
  const ports: SyncPorts = {
    server: {
      sendBlocks: (_op, signal) => clock.sleep(20, signal),
      discardBlocks: async (op) => void seen.push(`discard ${op.key}`),
      fetchBlocks: (_op, signal) => clock.sleep(20, signal),
      commit: async (op) => {
        await clock.sleep(5);
        seen.push(`server ${op.type}`);
        const creates = op.type === 'upload' || op.type === 'add';
        return {
          ...(creates ? { id: serverIds.next() } : {}),
          ...(creates || op.type === 'edit' ? { rev: ++rev } : {}),
        };
      },
    },
    device: {
      discardStaged: async () => {},
      commit: async (op) => {
        await clock.sleep(5);
        seen.push(`device ${op.type}`);
        return op.type === 'keepConflictedCopy' ? { id: deviceIds.next() } : {};
      },
    },
  };
  return { ports, seen };
}

async function runUntilSettled(clock: ManualClock, session: SyncSession): Promise<number> {
  const settled = session.settled();
  let rounds: number | undefined;
  void settled.then((n) => (rounds = n));
  for (let t = 0; t < 10_000 && rounds === undefined; t++) await clock.advance(5);
  return rounds!;
}

describe('SyncSession', () => {
  it('runs plans through the scheduler on a controllable clock until the three trees agree', async () => {
    const { trees } = loadScenario(
      scenarioOf({
        remote: ['1 docs/', '2 docs/a.txt r2', '3 docs/new/', '4 docs/new/n.txt n1'],
        sync: ['1 docs/', '2 docs/a.txt v1', '5 old.txt o1'],
        local: ['1 docs/', '2 docs/a.txt l2', '5 old.txt o1', '6 mine.txt m1'],
      }),
    );
    const clock = new ManualClock(Date.parse('2024-05-01T10:00:00Z'));
    const { ports: p } = ports(clock, new CounterIdAllocator(1000), new CounterIdAllocator(5000));
    const session = new SyncSession({ trees, ports: p, clock, concurrency: 2 });
    const rounds = await runUntilSettled(clock, session);
    expect(rounds).toBeGreaterThanOrEqual(1);
    expect(session.failures).toBe(0);
    expect(treesConverged(trees)).toBe(true);
    expect(pathListing(trees.local).map((line) => line.split('\t')[0])).toEqual([
      'docs',
      'docs/a (conflicted copy 2024-05-01).txt',
      'docs/a.txt',
      'docs/new',
      'docs/new/n.txt',
      'mine.txt',
    ]);
  });

  it('cancels a running upload when the device deletes the file before its commit', async () => {
    const { trees, names } = loadScenario(
      scenarioOf({ remote: [], sync: [], local: ['1 big.bin b1'] }),
    );
    const clock = new ManualClock();
    const { ports: p, seen } = ports(
      clock,
      new CounterIdAllocator(1000),
      new CounterIdAllocator(5000),
    );
    const session = new SyncSession({ trees, ports: p, clock });
    await clock.advance(10); // the upload is sending its blocks
    expect(session.scheduler.snapshot().running).toHaveLength(1);
    trees.local.remove(names.idOf('1'));
    session.noteLocal([names.idOf('1')]);
    await runUntilSettled(clock, session);
    expect(seen).toEqual([`discard remote:upload:${names.idOf('1')}:0/big.bin:0000000000000001:0`]);
    expect(trees.remote.size).toBe(1);
    expect(treesConverged(trees)).toBe(true);
  });
});
