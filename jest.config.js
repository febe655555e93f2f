/** Two projects: unit (pure, plus DynamoDB Local) and integration (through the running local system). */
const tsJest = ['ts-jest', { diagnostics: false }];
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Integration tests wait on the running system with their own deadlines; this is the backstop.
  testTimeout: 60_000,
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], transform: { '^.+\\.ts$': tsJest }, testEnvironment: 'node' },
    { displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], transform: { '^.+\\.ts$': tsJest }, testEnvironment: 'node' },
  ],
};
