import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Endpoints of the system that test/global-setup.ts started for this test run. */
export type TestEnv = {
  dynamodbEndpoint: string;
  apiUrl?: string;
};

export const TEST_ENV_FILE = join(__dirname, '..', '..', '.local', 'test-env.json');

export function testEnv(): TestEnv {
  return JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnv;
}
