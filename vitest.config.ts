// Vitest: every *.test.ts beside the code and the browser tests in tests/e2e.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Browser tests wait for what a page or worker does next; on two busy cores that can take
    // seconds, so a poll waits up to 10 s (not 1 s) before it fails.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'web/**/*.test.ts',
            'tests/*.test.ts',
          ],
          // Real servers on request for tests type-checked without Node (web/sync-worker).
          globalSetup: ['tests/support/test-server-host.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds the app and the sync harness once per run, only when a browser test runs.
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
