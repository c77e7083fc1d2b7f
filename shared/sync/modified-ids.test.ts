import { describe, expect, it } from 'vitest';
import { commitOperation } from './commit-operation.ts';
import { ModifiedIds } from './modified-ids.ts';
import { planOperations } from './plan-operations.ts';
import { loadScenario } from './scenario.ts';
import { scenarioOf } from './scenario-lines.fixture.ts';
import { treesConverged } from './trees-converged.ts';

const now = new Date('2024-05-01');

describe('ModifiedIds', () => {
  it('feeds the incremental planner from journal and device changes until the trees converge', () => {
    const { trees, names } = loadScenario(
      scenarioOf({
        remote: ['1 a/', '2 a/x.txt h1'],
        sync: ['1 a/', '2 a/x.txt h1'],
        local: ['1 a/', '2 a/x.txt h1'],
      }),
    );
    const modified = new ModifiedIds();
    // The journal reports a new folder with a file in it; the device renames x.txt.
    trees.remote.add({ id: 50, parent: 0, name: 'b', kind: 'folder' });
    trees.remote.add({
      id: 51,
      parent: 50,
      name: 'y.txt',
      kind: 'file',
      contentHash: '00000000000000bb',
    });
    modified.noteRemote([50]);
    trees.local.rename(names.idOf('2'), 'z.txt');
    modified.noteLocal([names.idOf('2')]);
    for (let round = 0; round < 10 && !treesConverged(trees); round++) {
      const plan = planOperations(trees, { now, modified: modified.take() });
      modified.keep(plan.pending);
      for (const op of plan.operations) modified.noteCommitted(commitOperation(trees, op));
    }
    expect(treesConverged(trees)).toBe(true);
    expect(trees.local.findByPath('b/y.txt')).toBe(51);
    expect(trees.remote.findByPath('a/z.txt')).toBe(names.idOf('2'));
  });

  it('without the modified ids the incremental planner sees nothing', () => {
    const { trees } = loadScenario(scenarioOf({ remote: ['1 a.txt h1'], sync: [], local: [] }));
    expect(planOperations(trees, { now, modified: [] }).operations).toEqual([]);
    expect(planOperations(trees, { now }).operations).toHaveLength(1);
  });
});
