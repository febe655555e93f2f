import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { LocalDeadLetters } from '../dead-letters';
import { StreamPoller, type StreamMapping } from '../dynamodb/stream-poller';
import type { EventPattern } from '../event-bridge/event-pattern';
import type { LocalLambda } from '../lambda';
import { SqsPoller } from '../sqs/event-source';
import type { LocalSqs } from '../sqs/service';
import { sqsMapping } from '../sqs/template-queues';
import { assertReadersPerStream } from './stream-readers';
import type { TemplateContext } from './template-context';

/** What the event source mappings poll and feed. */
export type MappingWiring = {
  lambda: (nameOrArn: string) => LocalLambda;
  sqs: LocalSqs;
  streams: DynamoDBStreamsClient;
  deadLetters: LocalDeadLetters;
  /** Whether an ARN is the stream of a table of any stack of the assembly. */
  isTableStream: (arn: string) => boolean;
  /** Calls `listener` whenever a function's write reaches the table of the stream `arn`. */
  onTableWrite: (streamArn: string, listener: () => void) => void;
};

/**
 * How often a stream poller asks while records flow (Lambda polls a DynamoDB stream's shards "at
 * a base rate of 4 times per second"), and once its stream has been quiet a while (a write wakes it).
 */
const ACTIVE_POLL_MS = 250;
const QUIET_POLL_MS = 1000;

/**
 * Starts a poller for every `AWS::Lambda::EventSourceMapping` of the assembly: an SQS queue's, or
 * a DynamoDB stream's (of a table of any stack) with its filters, batch size, retries, bisection,
 * partial batch responses and on-failure destination. A mapping on anything else, or a third
 * reader of one stream, is a startup error.
 */
export function startEventSourceMappings(t: TemplateContext, wiring: MappingWiring): void {
  const mappings = t.ofType('AWS::Lambda::EventSourceMapping');
  assertReadersPerStream(mappings.map((r) => ({ id: r.key, streamArn: String(t.props(r).EventSourceArn) })).filter((m) => wiring.isTableStream(m.streamArn)));
  for (const r of mappings) {
    const id = r.label;
    const p = t.props(r);
    const fn = wiring.lambda(String(p.FunctionName));
    const eventSourceArn = String(p.EventSourceArn);
    const queue = wiring.sqs.queue(eventSourceArn);
    if (queue) {
      t.iam?.assertEventSourceMapping({ id: r.key, functionName: fn.spec.name, eventSourceArn });
      const poller = new SqsPoller({ queue, mapping: sqsMapping(id, fn.spec.name, p), region: t.account.region, invoke: (event) => fn.invoke(event), log: (line) => t.log(`${id}: ${line}`) });
      poller.start();
      t.stops.push(() => poller.stop());
      continue;
    }
    if (!wiring.isTableStream(eventSourceArn)) throw new Error(`${r.key}: event source ${eventSourceArn} is not a DynamoDB stream of a table of the assembly (the local runtime polls only those)`);
    const mapping = streamMapping(id, fn.spec.name, p);
    t.iam?.assertEventSourceMapping({ id: r.key, functionName: fn.spec.name, eventSourceArn, onFailureDestinationArn: mapping.onFailureDestinationArn });
    const poller = new StreamPoller({
      streams: wiring.streams,
      streamArn: eventSourceArn,
      eventSourceArn,
      mapping,
      invoke: (event) => fn.invoke(event),
      sendToFailureDestination: async (failure) => {
        if (!mapping.onFailureDestinationArn) return;
        const first = failure.records[0]?.dynamodb?.SequenceNumber ?? '';
        const last = failure.records.at(-1)?.dynamodb?.SequenceNumber ?? '';
        wiring.deadLetters.send(mapping.onFailureDestinationArn, {
          requestContext: { requestId: crypto.randomUUID(), functionArn: fn.spec.arn, condition: 'RetryAttemptsExhausted', approximateInvokeCount: failure.attempts },
          responseContext: { statusCode: 200, functionError: failure.error },
          version: '1.0',
          timestamp: new Date().toISOString(),
          DDBStreamBatchInfo: { shardId: 'local', startSequenceNumber: first, endSequenceNumber: last, batchSize: failure.records.length, streamArn: eventSourceArn },
        });
      },
      log: (line) => t.log(`${id}: ${line}`),
      pollIntervalMs: ACTIVE_POLL_MS,
      idlePollIntervalMs: QUIET_POLL_MS,
    });
    wiring.onTableWrite(eventSourceArn, () => poller.wake());
    poller.start();
    t.stops.push(() => poller.stop());
  }
}

function streamMapping(id: string, functionName: string, p: Record<string, unknown>): StreamMapping {
  const filters = ((p.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters ?? []).map((f) => JSON.parse(f.Pattern) as EventPattern);
  const destination = (p.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure?.Destination;
  return {
    id,
    functionName,
    batchSize: Number(p.BatchSize ?? 100),
    maximumRetryAttempts: Number(p.MaximumRetryAttempts ?? -1),
    bisectBatchOnFunctionError: p.BisectBatchOnFunctionError === true,
    reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
    filters,
    startingPosition: p.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
    onFailureDestinationArn: destination,
    tumblingWindowSeconds: Number(p.TumblingWindowInSeconds ?? 0),
  };
}

