import { defineConfig } from 'vitest/config';

// API suites run once on SQLite and, when TEST_DATABASE_URL is set, again on PostgreSQL.
const apiTests = ['src/server/**/*.test.ts'];
const pg = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/contracts/**/*.test.ts', 'web/**/*.test.ts'] } },
      { test: { name: 'api-sqlite', include: apiTests, env: { TEST_ENGINE: 'sqlite' }, testTimeout: 30_000, hookTimeout: 60_000 } },
      ...(pg
        ? [{ test: { name: 'api-pg', include: apiTests, env: { TEST_ENGINE: 'pg' }, testTimeout: 30_000, hookTimeout: 60_000 } }]
        : []),
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } },
    ],
  },
});
