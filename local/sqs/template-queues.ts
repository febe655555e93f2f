import type { PhysicalResource } from '../template/intrinsics';
import type { TemplateResource } from '../template/cloud-assembly';
import type { SqsMapping } from './event-source';
import type { QueueSpec } from './queue';

/** SQS's defaults when the template leaves a property out. */
const DEFAULT_VISIBILITY_SECONDS = 30;
const DEFAULT_RETENTION_SECONDS = 4 * 24 * 3600;

/** The queues of the template, with the properties the local SQS honours. */
export function queueSpecs(
  resources: Record<string, TemplateResource>,
  props: (r: TemplateResource, id: string) => Record<string, unknown>,
  physical: (id: string) => PhysicalResource | undefined,
): QueueSpec[] {
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
    .map(([id, r]) => {
      const p = props(r, id);
      const { Arn, QueueName, QueueUrl } = physical(id)!.attributes;
      const redrive = (typeof p.RedrivePolicy === 'string' ? JSON.parse(p.RedrivePolicy) : p.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number } | undefined;
      if (p.FifoQueue === true) throw new Error(`${id}: the local runtime runs standard SQS queues only, not FIFO`);
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
