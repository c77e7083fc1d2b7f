import { describe, expect, it } from 'vitest';
import { commitOperation } from './commit-operation.ts';
import { CounterIdAllocator } from './id-allocator.ts';
import { planOperations, type SyncPlan } from './plan-operations.ts';
import { loadScenario, type ScenarioNames } from './scenario.ts';
import { scenarioOf } from './scenario-lines.fixture.ts';
import { simulateSync } from './simulate-sync.ts';
import type { SyncOperation } from './sync-operation.ts';
import { pathListing, treesConverged } from './trees-converged.ts';

const now = new Date('2024-05-01T09:30:00Z');

function load(lines: { remote: string[]; sync: string[]; local: string[] }) {
  return loadScenario(scenarioOf(lines));
}

/** `side type id [→ parent/name]` with the scenario's ids. */
function describeOp(op: SyncOperation, names: ScenarioNames): string {
  let text = `${op.side} ${op.type} ${names.nameOf(op.id)}`;
  if ('location' in op) text += ` → ${names.nameOf(op.location.parent)}/${op.location.name}`;
  if (op.side === 'local' && op.type === 'keepConflictedCopy') text += ` as ${op.name}`;
  return text;
}

function describePlan(plan: SyncPlan, names: ScenarioNames) {
  return {
    run: plan.operations.map((op) => describeOp(op, names)).sort(),
    blocked: plan.blocked
      .map((b) => `${describeOp(b.operation, names)} (${b.reason}: ${names.nameOf(b.waitsFor)})`)
      .sort(),
  };
}

/** Runs to the end as the simulator does; returns the remote tree as `path\tkind hash` lines. */
/** The plan for a loaded scenario, described. */
function planOf({ trees, names }: ReturnType<typeof load>) {
  return describePlan(planOperations(trees, { now }), names);
}

function settle({ trees, names }: ReturnType<typeof load>, seed = 7): string[] {
  const result = simulateSync(trees, { seed, now, ids: new CounterIdAllocator(9000) });
  expect(result.operations.filter((o) => o.failure !== undefined)).toEqual([]);
  expect(result.converged).toBe(true);
  expect(treesConverged(trees)).toBe(true);
  return pathListing(trees.remote).map((line) =>
    line.replace(/ ([0-9a-f]{16})$/, (_all, hex: string) => ` ${names.hashOf(hex)}`),
  );
}

describe('planOperations', () => {
  it("plans the seed's Add(5, /root, Foo) first and keeps Foo's children blocked until it is done", () => {
    const loaded = load({
      remote: ['5 Foo/', '6 Foo/Bar/', '7 Foo/Bar/Bye.txt h1'],
      sync: [],
      local: [],
    });
    const { trees, names } = loaded;
    const first = planOperations(trees, { now });
    expect(describePlan(first, names)).toEqual({
      run: ['local createFolder 5 → root/Foo'],
      blocked: [
        'local createFolder 6 → 5/Bar (parent_missing: 5)',
        'local download 7 → 6/Bye.txt (parent_missing: 6)',
      ],
    });
    for (const op of first.operations) commitOperation(trees, op);
    const second = planOperations(trees, { now });
    expect(describePlan(second, names).run).toEqual(['local createFolder 6 → 5/Bar']);
    expect(trees.sync.has(names.idOf('5'))).toBe(true); // both sides agree on Foo: recorded
  });

  it('names the ids and revisions each operation assumes', () => {
    const loaded = load({
      remote: ['1 a.txt h2', '2 gone/'],
      sync: ['1 a.txt h1', '2 gone/', '3 b.txt h1'],
      local: ['1 a.txt h1', '2 gone/', '3 b.txt h1', '4 new.txt h4'],
    });
    const { trees, names } = loaded;
    trees.remote.edit(names.idOf('1'), { rev: 41 });
    trees.remote.edit(names.idOf('2'), { rev: 17 });
    const plan = planOperations(trees, { now });
    const byKey = new Map(plan.operations.map((op) => [describeOp(op, names), op]));
    expect(byKey.get('local download 1 → root/a.txt')!.assumes).toEqual({
      contentHash: trees.local.get(names.idOf('1'))!.contentHash,
    });
    expect(byKey.get('local download 1 → root/a.txt')).toMatchObject({ rev: 41 });
    expect(byKey.get('local delete 3')!.assumes).toEqual({
      contentHash: trees.local.get(names.idOf('3'))!.contentHash,
    });
    expect(byKey.get('remote upload 4 → root/new.txt')!.assumes).toEqual({ absent: true });
    const local = loadLocalDeleteOfFolder();
    expect(local.assumes).toEqual({ rev: 17, empty: true });
  });

  it('waits with a folder delete until its children moved out, and moves them first', () => {
    const loaded = load({
      remote: ['1 old/', '2 old/keep.txt h1', '3 old/drop.txt h1'],
      sync: ['1 old/', '2 old/keep.txt h1', '3 old/drop.txt h1'],
      local: ['2 keep.txt h1'],
    });
    const plan = planOf(loaded);
    expect(plan.run).toEqual(['remote delete 3', 'remote move 2 → root/keep.txt']);
    expect(plan.blocked).toEqual(['remote delete 1 (children_left: 3)']);
    expect(settle(loaded)).toEqual(['keep.txt\tfile h1']);
  });

  it('ranks deletes first, then moves, folders, and small files before large, in batches of at most N', () => {
    const loaded = load({
      remote: ['1 x.txt h1', '2 d/'],
      sync: ['1 x.txt h1', '2 d/'],
      local: [],
    });
    const { trees, names } = loaded;
    for (const [id, size] of [
      [10, 500],
      [11, 5],
      [12, 50],
    ]) {
      trees.remote.add({
        id: id!,
        parent: 0,
        name: `f${id}`,
        kind: 'file',
        size,
        contentHash: '00000000000000aa',
      });
    }
    trees.local.add({ id: 20, parent: 0, name: 'z', kind: 'folder' });
    const plan = planOperations(trees, { now, batchSize: 4 });
    expect(plan.operations.map((op) => `${op.side} ${op.type} ${op.id}`)).toEqual([
      'remote delete 1',
      'remote delete 2',
      'remote add 20',
      'local download 11',
    ]);
    expect(plan.deferred.map((op) => `${op.side} ${op.type} ${op.id}`)).toEqual([
      'local download 12',
      'local download 10',
    ]);
    expect(names.nameOf(1)).toBe('1');
  });

  it('keeps both versions of a file edited differently on both sides: remote in place, local as a dated copy', () => {
    const loaded = load({
      remote: ['1 docs/', '2 docs/report.pdf remote'],
      sync: ['1 docs/', '2 docs/report.pdf base'],
      local: ['1 docs/', '2 docs/report.pdf local'],
    });
    expect(planOf(loaded).run).toEqual([
      'local keepConflictedCopy 2 as report (conflicted copy 2024-05-01).pdf',
    ]);
    expect(settle(loaded)).toEqual([
      'docs\tfolder',
      'docs/report (conflicted copy 2024-05-01).pdf\tfile local',
      'docs/report.pdf\tfile remote',
    ]);
  });

  it('lets an edit win over a delete on the other side: the file comes back', () => {
    const remoteEdit = load({ remote: ['1 a.txt v2'], sync: ['1 a.txt v1'], local: [] });
    expect(planOf(remoteEdit).run).toEqual(['local download 1 → root/a.txt']);
    expect(settle(remoteEdit)).toEqual(['a.txt\tfile v2']);

    // The local edit sits in a folder the server deleted: folder and file go back up.
    const localEdit = load({
      remote: [],
      sync: ['1 d/', '2 d/a.txt v1', '3 d/b.txt v1'],
      local: ['1 d/', '2 d/a.txt v2', '3 d/b.txt v1'],
    });
    expect(planOf(localEdit)).toEqual({
      run: ['local delete 3', 'remote add 1 → root/d'],
      blocked: ['remote upload 2 → 1/a.txt (parent_missing: 1)'],
    });
    expect(settle(localEdit)).toEqual(['d\tfolder', 'd/a.txt\tfile v2']);
  });

  it('brings back a folder deleted on one side when the other moved a file into it', () => {
    const loaded = load({
      remote: ['1 inbox/', '2 inbox/note.txt h1', '3 a.txt h2'],
      sync: ['1 inbox/', '2 note.txt h1', '3 a.txt h2'],
      local: ['2 note.txt h1', '3 a.txt h2'],
    });
    expect(planOf(loaded)).toEqual({
      run: ['local createFolder 1 → root/inbox'],
      blocked: ['local move 2 → 1/note.txt (parent_missing: 1)'],
    });
    expect(settle(loaded)).toEqual(['a.txt\tfile h2', 'inbox\tfolder', 'inbox/note.txt\tfile h1']);
  });

  it('never lets concurrent moves make a cycle: the remote move wins', () => {
    const loaded = load({
      remote: ['1 A/', '2 A/B/'],
      sync: ['1 A/', '2 B/'],
      local: ['2 B/', '1 B/A/'],
    });
    const plan = planOf(loaded);
    expect(plan.run).toEqual(['local move 1 → root/A']);
    expect(plan.blocked).toEqual(['local move 2 → 1/B (ancestor_moving: 1)']);
    expect(settle(loaded)).toEqual(['A\tfolder', 'A/B\tfolder']);
  });

  it('gives a new node with a taken id on the device a new id before anything else', () => {
    const loaded = load({ remote: ['7 a.txt h1'], sync: [], local: ['7 b.txt h2'] });
    expect(planOf(loaded).run).toEqual(
      [
        'local keepConflictedCopy 7 as b (conflicted copy 2024-05-01).txt',
        'remote move 7 → root/a.txt',
      ].slice(0, 1),
    );
    expect(settle(loaded)).toEqual([
      'a.txt\tfile h1',
      'b (conflicted copy 2024-05-01).txt\tfile h2',
    ]);

    const same = load({ remote: ['7 a.txt h1'], sync: [], local: ['7 a.txt h1'] });
    expect(planOf(same).run).toEqual(['sync record 7']);
  });

  it('makes one node of the same file or folder added on both sides, not a copy', () => {
    const loaded = load({
      remote: ['10 Photos/', '11 Photos/a.jpg h1', '12 b.txt h2'],
      sync: [],
      local: ['20 photos/', '21 photos/a.jpg h1', '22 photos/c.jpg h3', '23 b.txt h9'],
    });
    expect(planOf(loaded).run).toEqual([
      'local adopt 20',
      'local move 23 → root/b (conflicted copy 2024-05-01).txt',
      'remote upload 23 → root/b (conflicted copy 2024-05-01).txt',
    ]);
    expect(settle(loaded)).toEqual([
      'Photos\tfolder',
      'Photos/a.jpg\tfile h1',
      'Photos/c.jpg\tfile h3',
      'b (conflicted copy 2024-05-01).txt\tfile h9',
      'b.txt\tfile h2',
    ]);
  });

  it('renames the newcomer when two names differ only by case or Unicode normalization', () => {
    const loaded = load({
      remote: ['1 Notes.txt h1', '2 notes.txt h2', '3 cafe\u0301 h3'],
      sync: [],
      local: ['4 caf\u00e9 h4'],
    });
    const plan = planOf(loaded);
    expect(plan.run).toContain('remote move 2 → root/notes (conflicted copy 2024-05-01).txt');
    expect(settle(loaded)).toEqual([
      'Notes.txt\tfile h1',
      'café\tfile h3',
      'café (conflicted copy 2024-05-01)\tfile h4',
      'notes (conflicted copy 2024-05-01).txt\tfile h2',
    ]);
  });

  it('renames, never drops, a name the device cannot hold', () => {
    const loaded = load({
      remote: ['1 a:b.txt h1', '2 con.txt h2', '3 dots. h3'],
      sync: [],
      local: [],
    });
    expect(planOf(loaded).run).toEqual([
      'local download 1 → root/a_b.txt',
      'local download 2 → root/_con.txt',
      'local download 3 → root/dots_',
      'remote move 1 → root/a_b.txt',
      'remote move 2 → root/_con.txt',
      'remote move 3 → root/dots_',
    ]);
    expect(settle(loaded)).toEqual(['_con.txt\tfile h2', 'a_b.txt\tfile h1', 'dots_\tfile h3']);
  });

  it('swaps two names through a temporary name', () => {
    const loaded = load({
      remote: ['1 a.txt h1', '2 b.txt h2'],
      sync: ['1 a.txt h1', '2 b.txt h2'],
      local: ['1 b.txt h1', '2 a.txt h2'],
    });
    const plan = planOf(loaded);
    expect(plan.run).toEqual(['remote move 1 → root/.cubby-moving-1']);
    expect(settle(loaded)).toEqual(['a.txt\tfile h2', 'b.txt\tfile h1']);
  });

  it('plans the same in incremental mode from the modified ids as from a full diff', () => {
    const lines = {
      remote: ['1 d/', '2 d/a.txt h9', '5 e/', '6 e/x.txt h6', '4 keep.txt h4'],
      sync: ['1 d/', '2 d/a.txt h1', '3 d/b.txt h1', '4 keep.txt h4'],
      local: ['1 d/', '2 d/a.txt h1', '4 kept.txt h4'],
    };
    const full = load(lines);
    const incremental = load(lines);
    const ids = (n: string[]) => n.map((id) => incremental.names.idOf(id));
    const a = planOperations(full.trees, { now });
    const b = planOperations(incremental.trees, { now, modified: ids(['2', '3', '4', '5']) });
    expect(b.operations.map((op) => op.key)).toEqual(a.operations.map((op) => op.key));
    expect(b.blocked.map((x) => x.operation.key)).toEqual(a.blocked.map((x) => x.operation.key));
    // An id nobody modified is not looked at.
    const c = planOperations(incremental.trees, { now, modified: ids(['4']) });
    expect(c.operations.map((op) => describeOp(op, incremental.names))).toEqual([
      'remote move 4 → root/kept.txt',
    ]);
  });
});

function loadLocalDeleteOfFolder() {
  const loaded = load({ remote: ['2 gone/'], sync: ['2 gone/'], local: [] });
  const { trees, names } = loaded;
  trees.remote.edit(names.idOf('2'), { rev: 17 });
  return planOperations(trees, { now }).operations[0]!;
}
