import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'bench/results/', 'coverage/', 'test/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Tests may say why they are skipped.
    files: ['test/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['warn'] }] },
  },
  {
    // Command-line entry points print their own messages.
    files: ['src/**/main.ts', 'src/**/cli.ts', 'bench/**/*.ts', 'scripts/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
