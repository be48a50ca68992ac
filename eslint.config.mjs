// Lint rules, run by `npm test` through `npm run lint` (with dependency-cruiser and
// Prettier's check). Formatting is Prettier's job (.prettierrc.json); this catches
// mistakes and loose types. TypeScript itself resolves names, so no-undef is off.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'web/dist/', 'node_modules/', 'data/', 'test-results/', 'web/src/api/generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-undef': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // A promise nobody awaits loses its error (an unhandled rejection ends the process): in the
    // service every promise is awaited, returned, or handed to `void` on purpose.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Tests and benchmarks read JSON answers whose shape is the thing under test: `any` is allowed there.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
