/**
 * Three projects: unit (pure, plus DynamoDB Local), integration (through the running local system),
 * and load (`*.load.test.ts`: the runs too heavy for the inner loop — hundreds of sagas at once on
 * the local system, a copy of the whole project checked without the bank), which `npm test` leaves
 * out and `npm run test:load` runs one file at a time.
 */
const { availableParallelism } = require('node:os');
const tsJest = ['ts-jest', { diagnostics: false }];
// jose 6 and middy 6 are published as ES modules only, which Jest cannot require on Node 20: compile them to CommonJS too.
const transform = { '^.+\\.ts$': tsJest, '/node_modules/(jose|@middy)/.+\\.js$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }] };
const transformIgnorePatterns = ['/node_modules/(?!jose/|@middy/)'];
// A load test runs in the load project only, wherever it sits.
const testPathIgnorePatterns = ['/node_modules/', '\\.load\\.test\\.ts$'];
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Integration tests wait on the running system with their own deadlines; this is the backstop.
  testTimeout: 60_000,
  // Two files at once even on two cores: most integration time is waiting on the local system.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/**/unit/**/*.test.ts'], testPathIgnorePatterns, transform, transformIgnorePatterns, testEnvironment: 'node' },
    { displayName: 'integration', testMatch: ['<rootDir>/test/**/integration/**/*.test.ts'], testPathIgnorePatterns, transform, transformIgnorePatterns, testEnvironment: 'node' },
    { displayName: 'load', testMatch: ['<rootDir>/test/**/*.load.test.ts'], transform, transformIgnorePatterns, testEnvironment: 'node' },
  ],
};
