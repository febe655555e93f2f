import { Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ENV } from '../../functions/platform/contract/environment';
import type { DeadLetterSource } from '../../functions/platform/inbox/dead-letter-item';
import { INBOX_RETRY_EVENT } from '../../functions/platform/inbox/retry-request';
import type { ContextStack } from './context-stack';
import { inboxSourcesOf } from './dead-letter-queue';
import { HandlerFunction } from './handler-function';
import { grantTable } from './table-access';

export type ContextInboxProps = {
  /** The context's reconciler: a retry of a failed saga runs it on that saga's subject. */
  reconciler: LambdaFunction;
  /** The saga steps that record a failed compensation: they put it in the inbox, naming the reconciler as its retry. */
  failureRecorders: LambdaFunction[];
};

/**
 * A context's part of the operator's inbox, added once its parts exist:
 * - an intake function that takes every message of the stack's dead-letter queues
 *   (deadLetterQueue()) into the inbox, with the queue a retry sends it back to;
 * - its failure recorders write to the inbox, and a bus rule runs its reconciler when the inbox
 *   asks it to finish a saga (`InboxRetryRequested` for this stack's target), with the outcome
 *   recorded on the item.
 */
export function contextInbox(stack: ContextStack, props: ContextInboxProps): void {
  const { inbox, bus } = stack.platform;
  const sources = inboxSourcesOf(stack);
  const intake = new HandlerFunction(stack, 'InboxIntake', { entry: 'platform/inbox/intake-handler.ts', description: "Takes the context's dead letters into the operator's inbox" });
  const declared: DeadLetterSource[] = sources.map((s) => ({ arn: s.queue.queueArn, kind: s.kind, source: s.source, ...(s.attempts ? { attempts: s.attempts } : {}), ...(s.redriveTo ? { redriveUrl: s.redriveTo.queueUrl } : {}) }));
  intake.addEnvironment(ENV.inboxTable, inbox.tableName);
  intake.addEnvironment(ENV.inboxSources, stack.toJsonString(declared));
  grantTable(intake, inbox, ['PutItem']);
  for (const source of sources) intake.addEventSource(new SqsEventSource(source.queue, { batchSize: 10, reportBatchItemFailures: true }));

  const target = `${stack.stackName}-reconciler`;
  new Rule(stack, 'InboxRetries', {
    eventBus: bus,
    description: "Runs the reconciler on a saga the operator's inbox retries",
    eventPattern: { source: [INBOX_RETRY_EVENT.source], detailType: [INBOX_RETRY_EVENT.detailType], detail: { target: [target] } },
    targets: [new LambdaTarget(props.reconciler, { event: RuleTargetInput.fromEventPath('$.detail'), retryAttempts: 2 })],
  });
  props.reconciler.addEnvironment(ENV.inboxTable, inbox.tableName);
  grantTable(props.reconciler, inbox, ['UpdateItem']);
  for (const recorder of props.failureRecorders) {
    recorder.addEnvironment(ENV.inboxTable, inbox.tableName);
    recorder.addEnvironment(ENV.inboxRetryTarget, target);
    grantTable(recorder, inbox, ['PutItem', 'UpdateItem']);
  }
}
