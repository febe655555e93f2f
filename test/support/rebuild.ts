import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testEnv } from './test-env';

const run = promisify(execFile);

/**
 * Rebuilds a view from its events table into a fresh table, with the tool a person runs
 * (`npm run rebuild`) pointed at the test system's DynamoDB Local, and returns the fresh table's name.
 */
export async function rebuildView(view: string, eventsOutput: string, viewOutput: string): Promise<string> {
  const { dynamodbEndpoint, outputs } = testEnv();
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tools/rebuild.ts', view, '--events-table', outputs![eventsOutput]!, '--view-table', outputs![viewOutput]!], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
  });
  const report = new RegExp(`rebuilt ${view}: \\d+ events replayed into (\\S+):`).exec(stdout);
  if (!report) throw new Error(`the rebuild said: ${stdout}`);
  return report[1]!;
}
