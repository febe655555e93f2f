import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InboxItem } from '../functions/platform/inbox/inbox-item';
import { InboxStore } from '../functions/platform/inbox/inbox-store';
import { retryItem } from '../functions/platform/inbox/retry-item';
import { clientSettings, readStackTarget } from './stack-target';

const USAGE = `usage: npm run redrive -- <source|all> [--runtime .local/runtime.json] [--outputs cdk-outputs.json --stage dev]

Retries every open dead letter of a source in the operator's inbox (GET /inbox, npm run inbox): each
goes back to the queue it came from, where its function takes it again (the consumers are
idempotent, so a message that had in fact been done changes nothing), and its item is closed as
retried by operator:<you>. Sources: the effects (StartSaga, UndoCustomerCancellation, StartTransfer)
and each view's repairs (ProjectOrders, ProjectAccounts, …). To look first, or to retry one item:
npm run inbox. Against \`npm start\` it reads .local/runtime.json; against AWS give the stack outputs
and the usual AWS credentials.`;

/** Every open dead letter that can go back to its queue, newest first. */
async function openDeadLetters(inbox: InboxStore): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  let after: Record<string, string> | undefined;
  do {
    const page = await inbox.list('open', { limit: 100, after });
    items.push(...page.items.filter((item) => item.retry?.kind === 'send'));
    after = page.next;
  } while (after);
  return items;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runtime: { type: 'string' }, outputs: { type: 'string' }, stage: { type: 'string', default: 'dev' }, help: { type: 'boolean', default: false } },
  });
  const asked = positionals[0];
  if (values.help || !asked) return void console.error(USAGE);
  const { outputs, dynamodb, edge } = readStackTarget(values);
  const output = (name: string) => outputs[name] ?? (() => { throw new Error(`the stack outputs have no ${name}`); })();
  const inbox = new InboxStore(DynamoDBDocumentClient.from(new DynamoDBClient(clientSettings(dynamodb))), output('InboxTableName'));
  const clients = { sqs: new SQSClient(clientSettings(edge)), events: new EventBridgeClient(clientSettings(edge)), busName: output('EventBusName') };
  const items = (await openDeadLetters(inbox)).filter((item) => asked === 'all' || item.source === asked);
  const moved = new Map<string, number>(asked === 'all' ? [] : [[asked, 0]]);
  for (const item of items) {
    const { item: after } = await retryItem(inbox, item.itemId, `operator:${userInfo().username}`, clients);
    if (after.history.some((record) => record.type === 'Retried')) moved.set(item.source, (moved.get(item.source) ?? 0) + 1);
  }
  for (const [source, count] of moved) console.log(`${source}: ${count} message(s) moved back to its queue`);
  if (moved.size === 0) console.log('the inbox holds no dead letter to move back');
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`redrive: ${error.message}`);
    process.exit(1);
  });
}
