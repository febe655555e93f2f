import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Endpoints of the system that test/global-setup.ts started for this test run. */
export type TestEnv = {
  dynamodbEndpoint: string;
  apiUrl?: string;
  /** The AWS edge endpoint of the local runtime (Step Functions). */
  edgeUrl?: string;
  /** Stack outputs, resolved to the running system's values. */
  outputs?: Record<string, string>;
  /** Physical names by logical id. */
  physicalNames?: Record<string, string>;
};

export const TEST_ENV_FILE = join(__dirname, '..', '..', '.local', 'test-env.json');

export function testEnv(): TestEnv {
  return JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnv;
}
