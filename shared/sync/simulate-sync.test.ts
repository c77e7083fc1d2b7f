import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CounterIdAllocator } from './id-allocator.ts';
import { dumpTree, loadScenario, type Scenario, type ScenarioNode } from './scenario.ts';
import { simulateSync } from './simulate-sync.ts';

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const now = new Date('2024-05-01T08:00:00Z');

/** `path kind hash` lines of a scenario list. */
function paths(list: ScenarioNode[]): string[] {
  const byId = new Map(list.map((n) => [n.id, n]));
  const path = (n: ScenarioNode): string =>
    n.parentId === null ? '' : `${path(byId.get(n.parentId)!)}/${n.name}`;
  return list
    .filter((n) => n.parentId !== null)
    .map((n) => `${path(n)} ${n.kind}${n.hash ? ` ${n.hash}` : ''}`)
    .sort();
}

function run(file: string, seed: number) {
  const scenario = JSON.parse(readFileSync(dir + file, 'utf8')) as Scenario;
  const { trees, names } = loadScenario(scenario);
  const result = simulateSync(trees, { seed, now, ids: new CounterIdAllocator(names.nextFreeId) });
  return { result, remote: paths(dumpTree(trees.remote, names)) };
}

const expected: Record<string, string[]> = {
  'edit-edit-conflict.json': [
    '/docs dir',
    '/docs/report (conflicted copy 2024-05-01).pdf file local-v2',
    '/docs/report.pdf file remote-v2',
  ],
  'move-into-deleted-folder.json': ['/inbox dir', '/inbox/note.txt file n1'],
  'case-twins.json': [
    '/NOTES (conflicted copy 2024-05-01 2).TXT file l1',
    '/Notes.txt file r1',
    '/a_b.txt file r4',
    '/café dir',
    '/café/menu.pdf file l3',
    '/notes (conflicted copy 2024-05-01).txt file r2',
  ],
  'move-cycle.json': ['/A dir', '/A/B dir', '/A/B/C dir', '/A/B/C/f.txt file f2'],
  'edit-vs-delete.json': [
    '/a.txt file a2',
    '/project dir',
    '/project/ideas.md file i1',
    '/project/plan.md file p2',
  ],
  'seed-add-foo.json': ['/Foo dir', '/Foo/Bar dir', '/Foo/Bar/Bye file bye'],
  'swap-names.json': ['/a.txt file z', '/b.txt file x', '/c.txt file y'],
};

describe('simulateSync on the scenarios in scenarios/', () => {
  it('has an expectation for every scenario file', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, final] of Object.entries(expected)) {
    it(`converges on ${file} to the same tree whatever the order within batches`, () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const { result, remote } = run(file, seed);
        expect(result.operations.filter((o) => o.failure !== undefined)).toEqual([]);
        expect(result.converged).toBe(true);
        expect(remote).toEqual(final);
      }
    });
  }

  it('runs as `npm run sync:sim -- SCENARIO.json --seed N` and prints the result as one JSON object', () => {
    const cli = fileURLToPath(new URL('../../bench/sync-sim.ts', import.meta.url));
    const output = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        cli,
        dir + 'edit-edit-conflict.json',
        '--seed',
        '3',
        '--now',
        '2024-05-01',
      ],
      { encoding: 'utf8' },
    );
    const printed = JSON.parse(output) as {
      converged: boolean;
      iterations: number;
      operations: { id: string; type: string }[];
      final: Record<'remote' | 'sync' | 'local', ScenarioNode[]>;
    };
    expect(Object.keys(printed)).toEqual(['converged', 'iterations', 'operations', 'final']);
    expect(printed.converged).toBe(true);
    expect(printed.iterations).toBe(2);
    expect(printed.operations[0]).toMatchObject({ id: 'r1', type: 'keepConflictedCopy' });
    for (const side of ['remote', 'sync', 'local'] as const) {
      expect(paths(printed.final[side])).toEqual(expected['edit-edit-conflict.json']);
      expect(printed.final[side][0]).toEqual({ id: 'root', parentId: null, name: '', kind: 'dir' });
    }
    expect(printed.final.remote.find((n) => n.name === 'report.pdf')!.id).toBe('r1');
  });
});
