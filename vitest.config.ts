import { defineConfig } from 'vitest/config';

/**
 * Unit tests (pure rules, no database) and integration tests (use cases on a real database: a
 * migrated PGlite template by default, PostgreSQL when TEST_DATABASE_URL is set). Browser tests
 * have their own config (vitest.e2e.config.ts) and run with `npm run test:e2e`.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
