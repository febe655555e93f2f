import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../local/dynamodb/dynamodb-local';
import { spawnLocalSystem } from '../local/spawn-system';
import { resolveTarget } from './support/target';
import { TEST_ENV_FILE, type TestEnv } from './support/test-env';
import { TEST_RETRY_WAIT_MS } from './support/retry-wait';
import { quickSuitesOnly, suitesSystemContext } from './support/suites-system';
import { synthCached } from './support/synth-cache';
import { SCRATCH_ENV, startScratch } from './support/scratch';

/**
 * With TARGET=local (the default), starts the local system once for the whole test run, exactly
 * as `npm start` does (its log goes to .local/test-system.log). With TARGET=localstack or aws,
 * points the tests at the deployed stack instead. Either way the endpoints go to TEST_ENV_FILE.
 * With ORDERLINE_TEST_SYSTEM=dynamodb it starts DynamoDB Local alone: enough for unit tests (a
 * context's, as the seam test runs them in a copy of the project), none of the system's routes.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Set before anything starts: the test files, and what they and this setup start, inherit it.
  process.env[SCRATCH_ENV] = startScratch();
  rmSync(TEST_ENV_FILE, { force: true });
  const root = join(__dirname, '..');
  mkdirSync(join(root, '.local'), { recursive: true });
  if (process.env.ORDERLINE_TEST_SYSTEM === 'dynamodb') {
    const dynamo = await startDynamoDbLocal();
    await keepTemplates();
    (globalThis as { orderline?: { stop(): Promise<void> } }).orderline = dynamo;
    const env: TestEnv = { target: 'local', region: 'us-east-1', dynamodbEndpoint: dynamo.endpoint, faultInjection: false };
    writeFileSync(TEST_ENV_FILE, JSON.stringify(env));
    return;
  }
  const target = resolveTarget(process.env, (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined));
  if (target.name !== 'local') {
    writeFileSync(TEST_ENV_FILE, JSON.stringify(target.env));
    console.log(`\nintegration tests against TARGET=${target.name}: ${target.env.apiUrl}`);
    return;
  }
  // Every function loaded before the first test when load tests may run: their first burst of
  // hundreds of sagas would otherwise cold-start every function at once. `npm test` (unit and
  // integration only) starts each on first use, as `npm start` does.
  const onlyQuick = await quickSuitesOnly();
  const starting = spawnLocalSystem({
    warm: !onlyQuick,
    ...suitesSystemContext(),
    // The quick suites' fault matrices retry in milliseconds; the load runs keep the definitions' waits and jitter.
    ...(onlyQuick ? { retryWaitMs: TEST_RETRY_WAIT_MS } : {}),
    projectDir: root,
    readyFile: join(root, '.local', 'test-system.json'),
    logFile: join(root, '.local', 'test-system.log'),
  });
  await keepTemplates();
  const system = await starting;
  (globalThis as { orderline?: typeof system }).orderline = system;
  const { apiUrl, edgeUrl, dynamodbEndpoint, outputs, physicalNames, auth } = system.ready;
  const env: TestEnv = { target: 'local', region: 'us-east-1', apiUrl, edgeUrl, dynamodbEndpoint, outputs, physicalNames, faultInjection: true, auth };
  writeFileSync(TEST_ENV_FILE, JSON.stringify(env));
}

/**
 * Synthesizes the app's templates for the stack tests (test/support/app.ts), while the system
 * starts when there is one, unless they are kept for the current sources already: a dozen test
 * files need them, and in a clean clone the first few would each synthesize the same app at once.
 * If the app does not synthesize, the stack tests say why.
 */
async function keepTemplates(): Promise<void> {
  if (synthCached()) return;
  try {
    (await import('./support/app')).synthTemplates();
  } catch {
    // reported by the stack tests
  }
}
