import { Duration, Stack } from 'aws-cdk-lib';
import { Queue, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { DeadLetterSource } from '../../functions/platform/inbox/dead-letter-item';
import { acceptFinding } from './accepted-findings';

/** What the operator's inbox is told about a dead-letter queue: the kind of its items, whose they are, how many tries came before. */
export type DeadLetterInbox = { kind: DeadLetterSource['kind']; source: string; attempts?: number };

/** A stack's dead-letter queues, as the inbox intake of that stack reads them (lib/platform/context-inbox.ts). */
export type InboxSource = DeadLetterInbox & { queue: IQueue; redriveTo?: IQueue };

const sources = new WeakMap<Stack, InboxSource[]>();

/**
 * A dead-letter queue as every consumer here gets one: two weeks to look at a message, TLS only.
 * Its messages go to the operator's inbox (`inbox`: what they are), through the stack's intake.
 */
export function deadLetterQueue(scope: Construct, id: string, inbox: DeadLetterInbox): Queue {
  const queue = new Queue(scope, id, { retentionPeriod: Duration.days(14), enforceSSL: true });
  acceptFinding(queue, 'deadLetterQueue');
  const stack = Stack.of(scope);
  sources.set(stack, [...(sources.get(stack) ?? []), { ...inbox, queue }]);
  return queue;
}

/** Says where a retry from the inbox sends a dead letter of `deadLetters`: the queue whose consumer takes it again. */
export function redrivesTo(deadLetters: IQueue, queue: IQueue): void {
  const source = sources.get(Stack.of(deadLetters))?.find((s) => s.queue === deadLetters);
  if (!source) throw new Error(`${deadLetters.node.path} was not made by deadLetterQueue()`);
  source.redriveTo = queue;
}

/** Every dead-letter queue made in `stack`. */
export function inboxSourcesOf(stack: Stack): readonly InboxSource[] {
  return sources.get(stack) ?? [];
}

/**
 * A part whose consumers leave what they cannot process in dead-letter queues. Each message there
 * is taken into the operator's inbox (GET /inbox) for a person; lib/platform/monitoring.ts alarms
 * on every one of these queues, which stay empty while the intake works.
 */
export interface HasDeadLetterQueues {
  readonly deadLetterQueues: readonly IQueue[];
}
