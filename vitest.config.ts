import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on every machine: keep parallelism modest so timing-sensitive
    // end-to-end tests (3-second platform deadlines) are not starved.
    maxWorkers: 2,
    pool: 'forks',
  },
});
