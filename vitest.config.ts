import path from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Unit tests: pure logic in Node, components in happy-dom (per-file `@vitest-environment`).
export default defineConfig({
  plugins: [preact()],
  resolve: {
    alias: {
      // The build's flavour (vite.config.ts): development here, as the end-to-end tests load.
      'virtual:crossrole/build': path.resolve(
        import.meta.dirname,
        'tests/support/build-development.ts',
      ),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
