import type { StackResource } from '../template/stack-resource';
import type { SqsMapping } from './event-source';
import type { QueueSpec } from './queue';

/** SQS's defaults when the template leaves a property out. */
const DEFAULT_VISIBILITY_SECONDS = 30;
const DEFAULT_RETENTION_SECONDS = 4 * 24 * 3600;

/** The queues of the assembly's stacks, with the properties the local SQS honours. */
export function queueSpecs(resources: readonly StackResource[], props: (r: StackResource) => Record<string, unknown>): QueueSpec[] {
  return resources
    .filter((r) => r.resource.Type === 'AWS::SQS::Queue')
    .map((r) => {
      const p = props(r);
      const { Arn, QueueName, QueueUrl } = r.physical!.attributes;
      const redrive = (typeof p.RedrivePolicy === 'string' ? JSON.parse(p.RedrivePolicy) : p.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number } | undefined;
      if (p.FifoQueue === true) throw new Error(`${r.key}: the local runtime runs standard SQS queues only, not FIFO`);
      return {
        name: QueueName!,
        arn: Arn!,
        url: QueueUrl!,
        visibilityTimeoutSeconds: Number(p.VisibilityTimeout ?? DEFAULT_VISIBILITY_SECONDS),
        retentionSeconds: Number(p.MessageRetentionPeriod ?? DEFAULT_RETENTION_SECONDS),
        ...(redrive?.deadLetterTargetArn ? { redrive: { deadLetterQueueArn: redrive.deadLetterTargetArn, maxReceiveCount: Number(redrive.maxReceiveCount ?? 1) } } : {}),
      };
    });
}

/** An SQS event source mapping's settings, as the template gives them. */
export function sqsMapping(id: string, functionName: string, p: Record<string, unknown>): SqsMapping {
  if (p.FilterCriteria) throw new Error(`${id}: the local runtime does not filter SQS event sources`);
  return {
    id,
    functionName,
    batchSize: Number(p.BatchSize ?? 10),
    reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
  };
}
