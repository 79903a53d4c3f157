import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the data tests (whole EMOPIA and grid-pop) take tens of seconds on 2 cores
    testTimeout: 120_000,
    // browser tests poll the page; under a full parallel run on 2 cores a page can take
    // seconds to catch up, so a poll gives up only after 15 s
    expect: { poll: { timeout: 15_000 } },
  },
});
