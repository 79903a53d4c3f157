import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the data tests (whole EMOPIA and grid-pop) take tens of seconds on 2 cores
    testTimeout: 120_000,
  },
});
