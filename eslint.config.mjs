import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import boundaries from './eslint.boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'test-results/**',
      // Generated from openapi.json by `npm run openapi:types` and `openapi:types:cli`.
      'dashboard/src/api/schema.d.ts',
      'src/cli/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // House style: type-aware lint so an unhandled promise fails `npm run check`.
    // The project service picks the nearest tsconfig.json that includes each file; dashboard
    // specs fall through to the root one. The .mjs files and vite.config.mts stay untyped.
    files: ['{src,test,bench,dashboard/src}/**/*.{ts,tsx}', 'ormconfig.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    ignores: ['dashboard/src/**/!(*.spec).{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    // The dashboard runs in the browser: no Node or Jest globals there.
    files: ['dashboard/src/**/*.{ts,tsx}'],
    ignores: ['dashboard/src/**/*.spec.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...boundaries,
);
