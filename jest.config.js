/** Two projects: unit (pure, plus DynamoDB Local) and integration (through the running local system). */
const tsJest = ['ts-jest', { diagnostics: false }];
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], transform: { '^.+\\.ts$': tsJest }, testEnvironment: 'node', testTimeout: 20_000 },
    { displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], transform: { '^.+\\.ts$': tsJest }, testEnvironment: 'node', testTimeout: 60_000 },
  ],
};
