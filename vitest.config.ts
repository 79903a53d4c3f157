import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the data tests (whole EMOPIA and grid-pop) take tens of seconds on 2 cores
    testTimeout: 120_000,
    // a browser suite's beforeAll starts the server and Chromium, which took over the
    // default 10 s while the training test shared the 2 cores
    hookTimeout: 60_000,
    // browser tests poll the page; under a full parallel run on 2 cores a page can take
    // seconds to catch up, so a poll gives up only after 15 s
    expect: { poll: { timeout: 15_000 } },
  },
});
