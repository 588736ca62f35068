// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.build/',
      'artifacts/',
      'docs/schema/',
      'bench/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Shipped code: no stray logging (tokens and secrets must never reach a console), no eval.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // A regex built at run time is built from input sooner or later, and a backtracking one
      // can take exponential time (IAM wildcards: src/core/wildcard.ts). Literals only.
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='RegExp'], CallExpression[callee.name='RegExp']",
          message:
            'No regex built at run time in shipped code: use a literal or src/core/wildcard.ts.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message: 'Use zod/mini in shipped code: full zod carries a new Function probe.',
            },
            {
              name: 'webextension-polyfill',
              message: 'Use src/platform/browser.ts, the one place for browser APIs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/platform/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // src/core is pure domain logic: no browser, no DOM, no network, no clock it is not given.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'location',
          'history',
          'chrome',
          'browser',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'fetch',
          'XMLHttpRequest',
          'WebSocket',
          'MutationObserver',
          'requestAnimationFrame',
          'HTMLElement',
          'Element',
        ].map((name) => ({
          name,
          message: 'src/core is pure: no browser API (src/platform is the one place).',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/platform/*',
                '**/background/*',
                '**/content/*',
                '**/popup/*',
                'webextension-polyfill',
              ],
              message:
                'src/core is pure: the background, content script and popup import it, not the reverse.',
            },
          ],
          paths: [{ name: 'zod', message: 'Use zod/mini in shipped code.' }],
        },
      ],
    },
  },
);
