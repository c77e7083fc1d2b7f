// `npm run sync:sim -- SCENARIO.json [--seed N] [--now YYYY-MM-DD] [--batch N]`: runs the sync planner on a scenario until it settles and prints one JSON object.
import { readFileSync } from 'node:fs';
import { CounterIdAllocator } from '../shared/sync/id-allocator.ts';
import { dumpTree, loadScenario, type Scenario } from '../shared/sync/scenario.ts';
import { simulateSync } from '../shared/sync/simulate-sync.ts';
import type { SyncOperation } from '../shared/sync/sync-operation.ts';
import type { ScenarioNames } from '../shared/sync/scenario.ts';

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run sync:sim -- SCENARIO.json [--seed N] [--now YYYY-MM-DD] [--batch N]`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
let seed = 1;
let now = new Date();
let batchSize: number | undefined;
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  const value = () => args[++i] ?? usage(`${arg} needs a value`);
  if (arg === '--seed') seed = Number(value());
  else if (arg === '--now') now = new Date(value());
  else if (arg === '--batch') batchSize = Number(value());
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else file = arg;
}
if (file === undefined) usage('no scenario given');
if (!Number.isInteger(seed)) usage('--seed takes an integer');
if (Number.isNaN(now.getTime())) usage('--now takes a date');

let scenario: Scenario;
try {
  scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
} catch (error) {
  usage(`cannot read ${file}: ${(error as Error).message}`);
}

let loaded: ReturnType<typeof loadScenario>;
try {
  loaded = loadScenario(scenario);
} catch (error) {
  usage(`invalid scenario: ${(error as Error).message}`);
}
const { trees, names } = loaded;
const result = simulateSync(trees, {
  seed,
  now,
  batchSize,
  ids: new CounterIdAllocator(names.nextFreeId),
});

console.log(
  JSON.stringify({
    converged: result.converged,
    iterations: result.iterations,
    operations: result.operations.map((step) => ({
      iteration: step.iteration,
      ...describe(step.operation, names),
      ...(step.outcome.id !== undefined && step.outcome.id !== step.operation.id
        ? { newId: names.nameOf(step.outcome.id) }
        : {}),
      ...(step.failure !== undefined ? { failed: step.failure } : {}),
    })),
    final: {
      remote: dumpTree(trees.remote, names),
      sync: dumpTree(trees.sync, names),
      local: dumpTree(trees.local, names),
    },
  }),
);

/** An operation with the scenario's string ids and hashes. */
function describe(operation: SyncOperation, names: ScenarioNames): Record<string, unknown> {
  const out: Record<string, unknown> = {
    side: operation.side,
    type: operation.type,
    id: names.nameOf(operation.id),
  };
  if ('location' in operation) {
    out.parentId = names.nameOf(operation.location.parent);
    out.name = operation.location.name;
  }
  if (operation.side === 'local' && operation.type === 'keepConflictedCopy') {
    out.name = operation.name;
  }
  if (operation.side === 'local' && operation.type === 'adopt') {
    out.serverId = names.nameOf(operation.serverId);
    out.name = operation.name;
  }
  if ('content' in operation) {
    out.kind = operation.content.kind === 'folder' ? 'dir' : 'file';
    const hash = names.hashOf(operation.content.contentHash);
    if (hash !== undefined && operation.content.kind === 'file') out.hash = hash;
  } else if (operation.type === 'add' || operation.type === 'createFolder') {
    out.kind = 'dir';
  }
  const assumes: Record<string, unknown> = { ...operation.assumes };
  if (typeof assumes.parent === 'number') assumes.parent = names.nameOf(assumes.parent);
  if (typeof assumes.contentHash === 'string')
    assumes.contentHash = names.hashOf(assumes.contentHash);
  out.assumes = assumes;
  return out;
}
