import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    // SQL lives in query files (decision 024): services, routes and helpers call named queries.
    files: ['src/server/**/*.ts'],
    ignores: [
      'src/server/**/queries.ts',
      'src/server/**/*-queries.ts',
      'src/server/**/queries/**',
      'src/server/platform/**',
      'src/server/**/migrations/**',
      'src/server/demo/**',
      'src/server/**/demo.ts',
      'src/server/**/*-demo.ts',
      'src/server/**/*.test.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]',
          message: "SQL lives in query files: move this statement to the area's queries.ts (or queries/<use-case>.ts).",
        },
        {
          selector: "TaggedTemplateExpression[tag.name='sql']",
          message: "SQL lives in query files: move this fragment to the area's queries.ts.",
        },
      ],
    },
  },
);
