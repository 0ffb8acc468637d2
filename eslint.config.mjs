import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layer boundaries from docs/architecture.md, enforced as import rules:
//   shared/   imports nothing of ours but shared/
//   renderer/ imports shared/ only: no main, no electron, no Node modules
//   electron  only in main/electron/ and preload/
const nodeBuiltins = ['fs', 'path', 'child_process', 'os', 'crypto', 'http', 'net', 'stream', 'worker_threads'];
const noNode = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ may import electron.' }] }],
    },
  },
  {
    files: ['main/electron/**', 'preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [
          { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'shared/ imports nothing of ours outside shared/.' },
          { group: noNode, message: 'shared/ runs in the renderer too: no Node modules.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks to main only through window.api.' }],
        patterns: [
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer imports shared/ only.' },
          { group: noNode, message: 'The renderer has no Node modules.' },
        ],
      }],
    },
  },
);
