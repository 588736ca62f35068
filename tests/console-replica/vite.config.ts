// The test-only IAM console replica: a small React 18 + Cloudscape app served by
// tests/support/console-replica.ts at real console URLs. Built with `npm run build:replica`.
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  build: {
    outDir: path.resolve(import.meta.dirname, '../../.build/console-replica'),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rolldownOptions: {
      // Cloudscape marks its modules 'use client' (for React Server Components): harmless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
