/**
 * ESLint (flat config) for the TypeScript and JavaScript sources: no unused variables, type imports
 * marked as such, and no floating promises in the language server, where an unhandled rejection
 * would lose a response or a diagnostics update. Unused exports, files and dependencies are knip's
 * (knip.json); unused locals and parameters are also reported by `tsc` (tsconfig.json).
 *
 * Only the rule that needs types (no-floating-promises) runs with type information, and only on
 * server/src, so that the lint stays fast.
 */
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'dist-test/', 'out/', 'test-output/', '.e2e/', '.bench/', 'server/src/iam/catalog/generated/'],
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.mjs'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // A leading underscore marks a parameter that a signature requires but the body does not use,
      // the same convention `noUnusedParameters` follows.
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'all', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
