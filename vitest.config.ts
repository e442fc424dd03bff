import { defineConfig } from 'vitest/config';

// Tests must not depend on speed: many spawn the CLI or run a search, and the
// suite must pass on a loaded 2-core machine while another `synod check` runs
// beside it (vitest's 5 s default failed six such tests at load average 13;
// at load average 18 one CLI test took 17 s). A test that hangs still fails,
// after five minutes.
export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
