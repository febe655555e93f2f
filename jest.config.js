/**
 * Three projects: unit (pure, plus DynamoDB Local), integration (through the running local system),
 * and load (`*.load.test.ts`: the runs too heavy for the inner loop — hundreds of sagas at once on
 * the local system, a copy of the whole project checked without the bank), which `npm test` leaves
 * out and `npm run test:load` runs one file at a time.
 */
const { availableParallelism } = require('node:os');
// Each file compiled alone to CommonJS by swc (the type check is its own test, typecheck.test.ts),
// as tsconfig.json's isolatedModules allows: ts-jest loaded TypeScript into every worker and took
// several times as long per file, which a clean clone pays for every file it runs.
const swc = (syntax) => ['@swc/jest', { swcrc: false, sourceMaps: 'inline', module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax }, transform: { useDefineForClassFields: true } } }];
// jose 6 and middy 6 are published as ES modules only, which Jest cannot require on Node 20: compile them to CommonJS too.
const transform = { '^.+\\.ts$': swc('typescript'), '/node_modules/(jose|@middy)/.+\\.js$': swc('ecmascript') };
const transformIgnorePatterns = ['/node_modules/(?!jose/|@middy/)'];
// A load test runs in the load project only, wherever it sits.
const testPathIgnorePatterns = ['/node_modules/', '\\.load\\.test\\.ts$'];
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testSequencer: '<rootDir>/test/sequencer.cjs',
  // Integration tests wait on the running system with their own deadlines; this is the backstop.
  testTimeout: 60_000,
  // One file more than there are cores: an integration file spends much of its time waiting on the
  // local system (retries, timeouts, a tumbling window), which another file's CPU fills. Measured on
  // 2 cores with the interleaving sequencer: 2 workers 222-223 s, 3 workers 185-238 s (six runs),
  // 4 workers 203 s (all before global setup gave the suites' system its quick retry waits).
  maxWorkers: availableParallelism() + 1,
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/**/unit/**/*.test.ts'], testPathIgnorePatterns, transform, transformIgnorePatterns, testEnvironment: 'node' },
    { displayName: 'integration', testMatch: ['<rootDir>/test/**/integration/**/*.test.ts'], testPathIgnorePatterns, transform, transformIgnorePatterns, testEnvironment: 'node' },
    { displayName: 'load', testMatch: ['<rootDir>/test/**/*.load.test.ts'], transform, transformIgnorePatterns, testEnvironment: 'node' },
  ],
};
