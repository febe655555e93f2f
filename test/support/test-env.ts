import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalAuthInfo } from '../../local/oidc';
import type { TargetName } from './target';

/** Endpoints of the system under test, written by test/global-setup.ts for this test run. */
export type TestEnv = {
  target: TargetName;
  region: string;
  /** Undefined on AWS: the SDK's default endpoint. */
  dynamodbEndpoint?: string;
  apiUrl?: string;
  /** The AWS edge endpoint (Step Functions, EventBridge): the local runtime's, or LocalStack's. */
  edgeUrl?: string;
  /** Stack outputs, resolved to the running system's values. */
  outputs?: Record<string, string>;
  /** Physical names by logical id (local only). */
  physicalNames?: Record<string, string>;
  /** Whether the local runtime's test-only fault hooks are there. */
  faultInjection: boolean;
  /** The local issuer the API trusts, to mint tokens with (local only). */
  auth?: LocalAuthInfo;
};

export const TEST_ENV_FILE = join(__dirname, '..', '..', '.local', 'test-env.json');

let read: Readonly<TestEnv> | undefined;
/**
 * The endpoints, read once per test file: global setup writes them before the first test, and the
 * file (about 120 KB of outputs and physical names) would otherwise be parsed again on every call.
 */
export function testEnv(): Readonly<TestEnv> {
  return (read ??= Object.freeze(JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestEnv));
}

/**
 * AWS SDK client settings for the system under test: its endpoint with dummy credentials locally
 * and on LocalStack, the default endpoint and credential chain on AWS.
 */
export function clientConfig(service: 'dynamodb' | 'edge'): { region: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } {
  const env = testEnv();
  const endpoint = service === 'dynamodb' ? env.dynamodbEndpoint : env.edgeUrl;
  if (!endpoint) return { region: env.region };
  return { region: env.region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

/**
 * DynamoDB Local of a local run, for tests that create their own tables. Refused on LocalStack or
 * AWS, where such tests would create tables in a real account: run only the integration project
 * there (`npm run test:integration`).
 */
export function dynamoDbLocalConfig(): ReturnType<typeof clientConfig> {
  const env = testEnv();
  if (env.target !== 'local') throw new Error(`this test needs DynamoDB Local; with TARGET=${env.target} run \`npm run test:integration\` only`);
  return clientConfig('dynamodb');
}
