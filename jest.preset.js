/**
 * Shared Jest settings: TypeScript through SWC (fast, no type checking: `nx run-many -t typecheck`
 * does that), and the `@ablate/*` path aliases of tsconfig.base.json.
 */
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = `<rootDir>/../../${target}`;
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper,
  setupFiles: [require.resolve('./tools/testing/require-data.cjs')],
  testTimeout: 60000,
};
