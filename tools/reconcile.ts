import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { contextOperations } from './contexts';
import { clientSettings, readStackTarget } from './stack-target';

const USAGE = `usage: npm run reconcile -- [--runtime .local/runtime.json] [--outputs cdk-outputs.json --stage dev] [--grace-minutes 5] [--lookback-days 7] [--order <id> …] [--transfer <id> …]

Finds and repairs what slipped through: placed orders without a saga, cancelled or rejected
orders with a charge not refunded or stock still held, requested transfers without a saga, and
orders and transfers left open by an execution that failed, timed out or was aborted.
Each context's reconciler runs (lib/<context>/operations.ts). Prints what it found and did as JSON; exits 1 if anything could not be repaired; --order and
--transfer limit it to some orders and transfers (giving only one kind checks only that kind). Against \`npm start\` it reads .local/runtime.json;
against AWS give the stack outputs (cdk deploy --outputs-file) and the usual AWS credentials.
The same code runs in AWS every 15 minutes (each context's Reconciler function).`;

async function main(): Promise<void> {
  const contexts = (await contextOperations()).filter((c) => c.reconcile);
  const idFlags = contexts.map((c) => c.reconcile!.idFlag);
  const { values } = parseArgs({
    options: {
      runtime: { type: 'string' },
      outputs: { type: 'string' },
      stage: { type: 'string', default: 'dev' },
      'grace-minutes': { type: 'string', default: '5' },
      'lookback-days': { type: 'string', default: '7' },
      help: { type: 'boolean', default: false },
      ...Object.fromEntries(idFlags.map((flag) => [flag, { type: 'string', multiple: true }] as const)),
    },
  });
  if (values.help) return void console.log(USAGE);
  const target = readStackTarget(values);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientSettings(target.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
  const output = (name: string) => {
    const value = target.outputs[name];
    if (!value) throw new Error(`the stack outputs have no ${name}`);
    return value;
  };
  const asked = (flag: string) => (values as Record<string, unknown>)[flag] as string[] | undefined;
  // Only some ids asked for: a context none of whose ids were given checks nothing.
  const anyAsked = idFlags.some((flag) => asked(flag));
  const reports: Record<string, unknown> = {};
  const findings: { repaired: boolean }[] = [];
  for (const context of contexts) {
    const { idFlag, run } = context.reconcile!;
    const report = await run({
      output,
      optionalOutput: (name) => target.outputs[name] || undefined,
      client,
      sfn: new SFNClient(clientSettings(target.edge)),
      graceMs: Number(values['grace-minutes']) * 60_000,
      lookbackMs: Number(values['lookback-days']) * 24 * 3_600_000,
      ids: anyAsked ? (asked(idFlag) ?? []) : undefined,
    });
    reports[context.name] = report;
    findings.push(...report.findings);
  }
  console.log(JSON.stringify({ checkedAt: new Date().toISOString(), findings, contexts: reports }, null, 2));
  if (findings.some((finding) => !finding.repaired)) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(`reconcile: ${error.message}`);
  process.exit(1);
});
