/** Three layers told apart by file suffix: *.unit.spec.ts, *.int.spec.ts, test/*.e2e.spec.ts. */
const moduleNameMapper = {
  '^@app/domain$': '<rootDir>/libs/domain/src/index.ts',
  '^@app/event-store$': '<rootDir>/libs/event-store/src/index.ts',
  '^@app/projections$': '<rootDir>/libs/projections/src/index.ts',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};
const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  moduleNameMapper,
  transform,
  testEnvironment: 'node',
  rootDir: __dirname,
  ...extra,
});

module.exports = {
  projects: [
    project('unit', ['<rootDir>/{apps,libs}/**/*.unit.spec.ts']),
    project('int', ['<rootDir>/{apps,libs}/**/*.int.spec.ts']),
    project('e2e', ['<rootDir>/test/**/*.e2e.spec.ts']),
  ],
  testTimeout: 30000,
};
