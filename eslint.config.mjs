// Lint run by `npm test` (typescript-eslint's recommended rules, type-aware where it matters).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', 'dist-jsii/', 'test/languages/java/target/', 'lib/core/shapes.generated.ts', 'lib/validation/fields.generated.ts', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // require() is how this library loads heavy parts lazily (schemas, the YAML writer, the
      // validation entry from the CLI plugin) and how tests load a second copy of it.
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
