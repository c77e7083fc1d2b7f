// `npm run bench`: the tree engine at 1,000,000 nodes from the astro listing, each target beside its baseline.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchFigure } from './figure.ts';

const NODES = 1_000_000;

export default async (): Promise<BenchFigure[]> => {
  // In its own process, so the heap measured for the plain-object baseline is that tree's alone.
  const listing = fileURLToPath(new URL('../../shared/data/astro-listing.tsv', import.meta.url));
  const script = fileURLToPath(new URL('./tree-bench.ts', import.meta.url));
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', script, '--listing', listing, '--nodes', String(NODES), '--json'],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(output.trim().split('\n').at(-1)!) as Record<string, number>;
  const n = (key: string) => r[key]!;
  return [
    {
      name: 'tree memory per node, names excluded (1M nodes)',
      value: n('bytesPerNodeExcludingNames'),
      unit: 'B/node',
      lowerIsBetter: true,
      target: '≤ 64 B/node',
      met: n('bytesPerNodeExcludingNames') <= 64,
      baseline: { name: 'plain-object tree', value: n('baselineBytesPerNode'), unit: 'B/node' },
    },
    {
      name: 'tree memory per node, all in',
      value: n('bytesPerNode'),
      unit: 'B/node',
      lowerIsBetter: true,
      target: '≥ 4× smaller than the plain-object tree',
      met: n('bytesPerNode') * 4 <= n('baselineBytesPerNode'),
      baseline: { name: 'plain-object tree', value: n('baselineBytesPerNode'), unit: 'B/node' },
    },
    {
      name: 'interned filename bytes',
      value: n('internedNameBytes'),
      unit: 'B',
      lowerIsBetter: true,
      target: '< 1/3 of the raw name bytes',
      met: n('internedNameBytes') * 3 < n('rawNameBytes'),
      baseline: { name: 'raw names, one per node', value: n('rawNameBytes'), unit: 'B' },
    },
    {
      name: 'update (add or remove at depth 9)',
      value: n('updateNs'),
      unit: 'ns',
      lowerIsBetter: true,
      target: '≥ 20× faster than a Merkle recompute',
      met: n('updateNs') * 20 <= n('merkleUpdateNs'),
      baseline: {
        name: 'Merkle recompute up the same path, 1,000-child folders',
        value: n('merkleUpdateNs'),
        unit: 'ns',
      },
    },
    {
      name: `top-down diff, 100 scattered changes (found ${n('diffChangesFound')})`,
      value: n('diffMs'),
      unit: 'ms',
      lowerIsBetter: true,
      target: '≤ 10 ms and ≥ 100× faster than a full compare',
      met:
        n('diffMs') <= 10 &&
        n('diffMs') * 100 <= n('fullCompareMs') &&
        n('diffChangesFound') === 100,
      baseline: { name: 'node-by-node compare', value: n('fullCompareMs'), unit: 'ms' },
    },
    {
      name: 'deserialize a 1M-node snapshot',
      value: n('deserializeMs'),
      unit: 'ms',
      lowerIsBetter: true,
      target: '≤ 300 ms',
      met: n('deserializeMs') <= 300,
      baseline: { name: 'building the tree from the listing', value: n('buildMs'), unit: 'ms' },
    },
  ];
};
