import { defineConfig } from 'vitest/config';

// Tests must not depend on speed: many spawn the CLI or run a search, and the
// suite must pass on a loaded 2-core machine while another `synod check` runs
// beside it (vitest's 5 s default failed six such tests at load average 13;
// at load average 18 one CLI test took 17 s). A test that hangs still fails,
// after five minutes.
//
// Two test files at a time: vitest's default on a 2-core machine is one
// (cores - 1), which ran the suite serially in 760 s; the searches are
// CPU-bound and independent, so the second core halves the wall time.
export default defineConfig({
  test: {
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
