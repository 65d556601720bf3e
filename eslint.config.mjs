// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'coverage',
      'bench-results',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Nest needs runtime class references for DI and GraphQL metadata: type-only imports would erase them.
    files: ['apps/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // The domain is pure: no framework, driver, Node built-in, clock or randomness.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'crypto', 'path', 'os', 'http', 'child_process'],
              message: 'libs/domain is pure: no Node built-ins.',
            },
            {
              group: ['@nestjs/*', 'pg', 'better-sqlite3', '@kurrent/*', 'graphql', 'jose', 'rxjs'],
              message: 'libs/domain is pure: no framework or driver.',
            },
            { group: ['@app/*'], message: 'libs/domain imports no other lib.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The domain gets dates from commands; it never reads the clock.' },
        { name: 'crypto', message: 'The domain is deterministic.' },
        { name: 'process', message: 'The domain does no I/O.' },
        { name: 'console', message: 'The domain does not log.' },
        { name: 'setTimeout', message: 'The domain does no I/O.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The domain is deterministic.' },
      ],
    },
  },
);
