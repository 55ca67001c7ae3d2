import { defineConfig } from 'vitest/config';

/**
 * Browser journeys against the built app (`npm run test:e2e` builds first). Each file starts its
 * own server on a fresh demo database and its own Chromium (tests/e2e/support/e2e.ts); files run
 * one after another in a single worker, since two servers plus browsers would compete for the
 * machine's two cores and make timings flaky.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
