import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createServer, type Server } from 'node:http';
import { LocalClock } from '../../../local/clock';
import { closeServer, listenOnLoopback } from '../../../local/edge/loopback-server';
import { SqsPoller } from '../../../local/sqs/event-source';
import { LocalSqs } from '../../../local/sqs/service';

const ARN = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

function system() {
  const clock = new LocalClock();
  const sqs = new LocalSqs(clock);
  const dlq = sqs.addQueue({ name: 'work-dlq', arn: ARN('work-dlq'), url: 'http://local/000000000000/work-dlq', visibilityTimeoutSeconds: 30, retentionSeconds: 14 * 86400 });
  const work = sqs.addQueue({
    name: 'work',
    arn: ARN('work'),
    url: 'http://local/000000000000/work',
    visibilityTimeoutSeconds: 60,
    retentionSeconds: 4 * 86400,
    redrive: { deadLetterQueueArn: dlq.spec.arn, maxReceiveCount: 3 },
  });
  return { clock, sqs, work, dlq };
}

describe('the local SQS queue', () => {
  it('hides a received message for its visibility timeout, counts receives, and moves it to the DLQ past maxReceiveCount', () => {
    const { clock, work, dlq } = system();
    work.send('{"n":1}');
    const [first] = work.receive(10);
    expect(first?.Attributes.ApproximateReceiveCount).toBe('1');
    expect(work.receive(10)).toEqual([]);
    clock.advance(59);
    expect(work.receive(10)).toEqual([]);
    clock.advance(1);
    expect(work.receive(10)[0]?.Attributes.ApproximateReceiveCount).toBe('2');
    clock.advance(60);
    expect(work.receive(10)[0]?.Attributes.ApproximateReceiveCount).toBe('3');
    clock.advance(60);
    // A fourth receive would pass maxReceiveCount 3: the message goes to the DLQ, body and all.
    expect(work.receive(10)).toEqual([]);
    expect(dlq.receive(10).map((m) => m.Body)).toEqual(['{"n":1}']);
  });

  it('deletes and re-times by the latest receipt handle only, and drops messages past retention', () => {
    const { clock, work } = system();
    work.send('a');
    const [old] = work.receive(1);
    clock.advance(60);
    const [latest] = work.receive(1);
    work.delete(old!.ReceiptHandle);
    expect(work.counts().inFlight).toBe(1);
    expect(() => work.changeVisibility(old!.ReceiptHandle, 0)).toThrow(/latest/);
    work.changeVisibility(latest!.ReceiptHandle, 0);
    expect(work.counts().visible).toBe(1);
    clock.advance(4 * 86400 + 1);
    expect(work.counts().visible).toBe(0);
  });
});

describe('the local SQS API and poller', () => {
  let server: Server;
  let client: SQSClient;
  const { sqs, work, dlq } = system();

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const action = String(req.headers['x-amz-target']).split('.')[1] ?? '';
      const answer = await sqs.handle(action, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(answer.body));
    });
    const endpoint = await listenOnLoopback(server, 0);
    client = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(() => closeServer(server));

  it('answers the SDK v3 client: send, receive, re-time, delete, attributes, and errors by name', async () => {
    const url = work.spec.url;
    const sent = await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'hello' }));
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect(Messages.map((m) => [m.MessageId, m.Body])).toEqual([[sent.MessageId, 'hello']]);
    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: Messages[0]!.ReceiptHandle, VisibilityTimeout: 0 }));
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
    await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: again.Messages![0]!.ReceiptHandle }));
    const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', QueueArn: work.spec.arn });
    await expect(client.send(new SendMessageCommand({ QueueUrl: 'http://local/000000000000/nope', MessageBody: 'x' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it("refuses a message over SQS's 1 MiB, and a batch over it together, with SQS's errors", async () => {
    const url = work.spec.url;
    await expect(client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1_048_577) }))).rejects.toMatchObject({ name: 'InvalidParameterValue', message: expect.stringContaining('1048576 bytes') });
    const half = 'y'.repeat(600_000);
    await expect(client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'a', MessageBody: half }, { Id: 'b', MessageBody: half }] }))).rejects.toMatchObject({ name: 'BatchRequestTooLong' });
    expect(work.counts()).toMatchObject({ visible: 0 });
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x'.repeat(1_048_576) }));
    const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body?.length)).toEqual([1_048_576]);
    await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]!.ReceiptHandle }));
  });

  it('delivers batches to a function, deletes what succeeded and keeps only the failures it reports', async () => {
    for (const n of [1, 2, 3]) work.send(String(n));
    const seen: string[] = [];
    const poller = new SqsPoller({
      queue: work,
      mapping: { id: 'Mapping', functionName: 'fn', batchSize: 10, reportBatchItemFailures: true },
      region: 'us-east-1',
      invoke: async (event) => {
        const records = (event as { Records: { messageId: string; body: string }[] }).Records;
        seen.push(...records.map((r) => r.body));
        return { batchItemFailures: records.filter((r) => r.body === '2').map((r) => ({ itemIdentifier: r.messageId })) };
      },
      log: () => undefined,
    });
    poller.start();
    const deadline = Date.now() + 5000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await poller.stop();
    expect(seen.sort()).toEqual(['1', '2', '3']);
    expect(work.counts()).toMatchObject({ visible: 0, inFlight: 1 });
    expect(dlq.counts().visible).toBe(0);
  });
});
