import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createServer, type Server } from 'node:http';
import { LocalClock } from '../../../local/clock';
import { closeServer, listenOnLoopback } from '../../../local/edge/loopback-server';
import { SqsPoller } from '../../../local/sqs/event-source';
import { md5OfAttributes, selectAttributes } from '../../../local/sqs/message-attributes';
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

  it('keeps a message\'s attributes through every receive and the move to the DLQ', () => {
    const { clock, work, dlq } = system();
    const attributes = { Reason: { DataType: 'String', StringValue: 'late' }, Tries: { DataType: 'Number', StringValue: '3' } };
    work.send('{"n":1}', { attributes });
    for (let receive = 1; receive <= 3; receive++) {
      expect(work.receive(10)[0]?.MessageAttributes).toEqual(attributes);
      clock.advance(60);
    }
    expect(work.receive(10)).toEqual([]);
    expect(dlq.receive(10).map((m) => [m.Body, m.MessageAttributes])).toEqual([['{"n":1}', attributes]]);
  });

  it("computes MD5OfMessageAttributes by SQS's algorithm and picks attributes by name, prefix or All", () => {
    // AWS's own samples: two strings (given out of name order), and one binary value.
    const strings = { test_attribute_name_2: { DataType: 'String', StringValue: 'test_attribute_value_2' }, test_attribute_name_1: { DataType: 'String', StringValue: 'test_attribute_value_1' } };
    expect(md5OfAttributes(strings)).toBe('d53f3b558fe951154770f25cb63dbba9');
    expect(md5OfAttributes({ test_attribute_name: { DataType: 'Binary', BinaryValue: Buffer.from('test_attribute_value').toString('base64') } })).toBe('23f6bd27ea87aab7dfeadcc9aebee495');
    expect(md5OfAttributes({})).toBeUndefined();
    const attributes = { 'Trace.Id': { DataType: 'String', StringValue: 't' }, 'Trace.Span': { DataType: 'String', StringValue: 's' }, Tracer: { DataType: 'String', StringValue: 'x' } };
    expect(Object.keys(selectAttributes(attributes, ['Trace.*']))).toEqual(['Trace.Id', 'Trace.Span']);
    expect(Object.keys(selectAttributes(attributes, ['Tracer']))).toEqual(['Tracer']);
    expect(Object.keys(selectAttributes(attributes, ['.*']))).toHaveLength(3);
    expect(Object.keys(selectAttributes(attributes, ['All']))).toHaveLength(3);
    expect(selectAttributes(attributes, undefined)).toEqual({});
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

  it('keeps the message attributes the SDK sends, and returns those a receive asks for with their MD5', async () => {
    const tagged = sqs.addQueue({ name: 'tagged', arn: ARN('tagged'), url: 'http://local/000000000000/tagged', visibilityTimeoutSeconds: 30, retentionSeconds: 86400 });
    const url = tagged.spec.url;
    const MessageAttributes = {
      ParkedBecause: { DataType: 'String', StringValue: 'unreadable' },
      'Trace.Attempt': { DataType: 'Number', StringValue: '2' },
      'Trace.Blob': { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 254, 255]) },
    };
    const sent = await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'one', MessageAttributes }));
    const batch = await client.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'b', MessageBody: 'two', MessageAttributes: { ParkedBecause: { DataType: 'String', StringValue: 'batched' } } }] }));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(batch.Successful?.[0]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);

    const all = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], VisibilityTimeout: 0 }));
    const one = all.Messages?.find((m) => m.Body === 'one');
    expect(one?.MessageAttributes).toEqual({
      ParkedBecause: { DataType: 'String', StringValue: 'unreadable' },
      'Trace.Attempt': { DataType: 'Number', StringValue: '2' },
      'Trace.Blob': { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 254, 255]) },
    });
    expect(one?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(all.Messages?.find((m) => m.Body === 'two')?.MessageAttributes).toEqual({ ParkedBecause: { DataType: 'String', StringValue: 'batched' } });

    const traced = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['Trace.*'], VisibilityTimeout: 0 }));
    expect(Object.keys(traced.Messages?.find((m) => m.Body === 'one')?.MessageAttributes ?? {})).toEqual(['Trace.Attempt', 'Trace.Blob']);
    // Asked for none: none, and no MD5 of them, as SQS answers.
    const plain = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    expect(plain.Messages?.map((m) => [m.MessageAttributes, m.MD5OfMessageAttributes])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);

    await expect(client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { Count: { DataType: 'Number', StringValue: 'many' } } }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', MessageAttributes: { Empty: { DataType: 'String', StringValue: '' } } }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('hands a function the message attributes in the Lambda SQS record shape', async () => {
    const tagged = sqs.addQueue({ name: 'to-function', arn: ARN('to-function'), url: 'http://local/000000000000/to-function', visibilityTimeoutSeconds: 30, retentionSeconds: 86400 });
    tagged.send('hello', { attributes: { ParkedBecause: { DataType: 'String', StringValue: 'why' }, Blob: { DataType: 'Binary', BinaryValue: 'AAH+/w==' } } });
    const records: { messageAttributes: unknown; md5OfMessageAttributes?: string }[] = [];
    const poller = new SqsPoller({
      queue: tagged,
      mapping: { id: 'Mapping', functionName: 'fn', batchSize: 10, reportBatchItemFailures: false },
      region: 'us-east-1',
      invoke: async (event) => void records.push(...(event as { Records: typeof records }).Records),
      log: () => undefined,
    });
    poller.start();
    const deadline = Date.now() + 5000;
    while (records.length < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await poller.stop();
    expect(records).toEqual([
      expect.objectContaining({
        messageAttributes: {
          ParkedBecause: { stringValue: 'why', stringListValues: [], binaryListValues: [], dataType: 'String' },
          Blob: { binaryValue: 'AAH+/w==', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
        },
        md5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
      }),
    ]);
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
