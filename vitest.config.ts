import { defineConfig } from 'vitest/config';

// Tests must not depend on speed: a test that spawns the CLI may take 10-20 s on two cores
// shared with other searches (vitest's 5 s default failed six such tests at load average 13).
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
