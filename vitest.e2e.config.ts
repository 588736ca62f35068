import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in system Chromium, one file at a time (2-core machines).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
