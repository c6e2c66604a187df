// One lint configuration for every project (`nx run-many -t lint`).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  // libs/plugins/fixtures/syntax-error.ts holds a syntax error on purpose (the plug-in error tests).
  { ignores: ['**/node_modules/**', '**/dist/**', '**/build/**', 'results/**', 'tmp/**', 'libs/plugins/fixtures/syntax-error.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@ablate/*/*'], message: 'Import a library only through its index (`@ablate/<lib>`).' }] },
      ],
    },
  },
  {
    // The training path runs on GPU backends too, where a synchronous read throws or stalls the device:
    // read tensors with `await t.data()` (libs/training's StepReadback keeps the device busy meanwhile).
    files: ['libs/training/src/**/*.ts', 'libs/pipeline/src/**/*.ts', 'libs/models/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['dataSync', 'arraySync', 'bufferSync', 'readSync'].map((property) => ({ property, message: 'Synchronous tensor reads fail on the webgpu backend: use `await tensor.data()` / `await tensor.array()`.' })),
      ],
    },
  },
  {
    // ES-module scripts run by node in a process of their own (libs/data's decode worker).
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
