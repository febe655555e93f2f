import { parseArgs } from 'node:util';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientSettings, readStackTarget } from './stack-target';

const USAGE = `usage: npm run redrive -- <effect|all> [--runtime .local/runtime.json] [--outputs cdk-outputs.json --stage dev]

Moves every message of an effect's dead-letter queue back to its queue, where its function takes
it again (the effects are idempotent, so a message that had in fact been done changes nothing).
Queues: the stack outputs <Name>DeadLetterQueueUrl / <Name>QueueUrl of every stack of the stage
(StartSaga, UndoCustomerCancellation, StartTransfer, each projection's repairs). Against \`npm start\` it reads .local/runtime.json; against AWS give the
stack outputs and the usual AWS credentials.`;

/** Moves every message from one queue to another, ten at a time: sent first, then deleted, so none is lost. */
export async function moveMessages(client: SQSClient, from: string, to: string): Promise<number> {
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: from, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60 }));
    if (Messages.length === 0) return moved;
    await client.send(new SendMessageBatchCommand({ QueueUrl: to, Entries: Messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '' })) }));
    await client.send(new DeleteMessageBatchCommand({ QueueUrl: from, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
    moved += Messages.length;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { runtime: { type: 'string' }, outputs: { type: 'string' }, stage: { type: 'string', default: 'dev' }, help: { type: 'boolean', default: false } },
  });
  const { outputs, edge } = readStackTarget(values);
  const effects = Object.keys(outputs).filter((name) => name.endsWith('DeadLetterQueueUrl')).map((name) => name.replace(/DeadLetterQueueUrl$/, ''));
  const asked = positionals[0];
  if (values.help || !asked || (asked !== 'all' && !effects.includes(asked))) return void console.error(`${USAGE}\n\nthis stack's effects: ${effects.join(', ')}`);
  const client = new SQSClient(clientSettings(edge));
  for (const effect of asked === 'all' ? effects : [asked]) {
    const moved = await moveMessages(client, outputs[`${effect}DeadLetterQueueUrl`]!, outputs[`${effect}QueueUrl`]!);
    console.log(`${effect}: ${moved} message(s) moved back to its queue`);
  }
}


if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`redrive: ${error.message}`);
    process.exit(1);
  });
}
