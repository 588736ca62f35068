import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Unit tests: pure logic in Node, components in happy-dom (per-file `@vitest-environment`).
export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
