// ESLint (flat config): the recommended rules of ESLint and typescript-eslint, with the few this code base decides
// otherwise said here. Formatting is Prettier's (npm run format), not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'imports/', 'node_modules/', 'test/fixtures/', 'test/__snapshots__/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Chart values and YAML are untyped data read key by key (lib/chart/migration), where `any` is the honest type.
      '@typescript-eslint/no-explicit-any': 'off',
      // Heavy modules (generated CRD classes, node:crypto, bcryptjs) load lazily with require() to keep start-up fast.
      '@typescript-eslint/no-require-imports': 'off',
      // Validation patterns match control characters on purpose, to refuse them.
      'no-control-regex': 'off',
      // `_unused` parameters keep a callback's signature readable.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Plain Node scripts and the CLI are CommonJS.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    // `const crypto = require('node:crypto')` names the module as Node's global does.
    rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
