// ESLint: typescript-eslint's recommended rules, plus the import boundaries between the runtimes.
// Imports point toward shared/: server/ and web/ never import each other; in web/, the page, the
// service worker and the sync worker reach each other only through web/common.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Test and benchmark aids: production code never imports them. */
const testAids = [
  '**/manual-clock.ts',
  '**/seeded-random.ts',
  '**/simulate-sync.ts',
  '**/scenario.ts',
  '**/compare-node-by-node.ts',
  '**/verify-diff-values.ts',
  '**/*.fixture.ts',
];
const tests = ['**/*.test.ts', '**/*.fixture.ts', 'tests/**', 'bench/**'];
// The aids themselves import each other.
const aids = [
  'shared/sync/simulate-sync.ts',
  'shared/sync/scenario.ts',
  'shared/sync/seeded-random.ts',
  'shared/sync/manual-clock.ts',
];

/** One area's rule: it may not import these patterns (on top of the test aids). */
function boundary(files, patterns, paths = [], ignores = []) {
  return {
    files,
    ignores: [...tests, ...aids, ...ignores],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...patterns, ...testAids], paths }],
    },
  };
}

const pageOnly = ['**/app/**', '**/components/**', '**/live-link/**', '**/styles/**'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tsbuild/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  boundary(
    ['shared/**/*.ts'],
    ['node:*', '**/server/**', '**/web/**'],
    ['fs', 'path', 'crypto', 'http'],
  ),
  boundary(['server/**/*.ts'], ['**/web/**']),
  // web/common: shared by page, service worker and sync worker, so it imports none of them.
  boundary(
    ['web/common/**/*.ts'],
    ['**/server/**', 'node:*', ...pageOnly, '**/sw/**', '**/sync-worker/**'],
  ),
  boundary(['web/sw/**/*.ts'], ['**/server/**', 'node:*', ...pageOnly, '**/sync-worker/**']),
  boundary(['web/sync-worker/**/*.ts'], ['**/server/**', 'node:*', ...pageOnly, '**/sw/**']),
  // The page reaches the sync worker only through web/common/sync-client.
  boundary(
    ['web/**/*.ts'],
    ['**/server/**', 'node:*', '**/sw/**', '**/sync-worker/**'],
    [],
    ['web/common/**', 'web/sw/**', 'web/sync-worker/**'],
  ),
);
