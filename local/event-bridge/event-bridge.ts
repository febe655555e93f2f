import { randomUUID } from 'node:crypto';
import { matchesPattern, validatePattern, type EventPattern } from './event-pattern';
import { checkTargetInput, targetInput, type TargetInputSpec } from './target-input';

export type RuleTarget = TargetInputSpec & { Id: string; Arn: string; RoleArn?: string; RetryPolicy?: { MaximumRetryAttempts?: number }; DeadLetterConfig?: { Arn?: string } };
/** A rule of a bus; `arn` is what a function's resource-based policy names as the source. */
export type LocalRule = { name: string; arn?: string; busName: string; pattern: EventPattern; enabled: boolean; targets: RuleTarget[] };
export type PutEventsEntry = { EventBusName?: string; Source?: string; DetailType?: string; Detail?: string; Time?: number | string; Resources?: string[] };
export type PutEventsResult = { FailedEntryCount: number; Entries: ({ EventId: string } | { ErrorCode: string; ErrorMessage: string })[] };

/**
 * What a rule target's dead-letter queue gets, as EventBridge sends it: the event itself as the
 * message body, and why it is there in String message attributes.
 */
export type RuleDeadLetter = {
  body: Record<string, unknown>;
  attributes: { RULE_ARN: string; TARGET_ARN: string; ERROR_CODE: string; ERROR_MESSAGE: string; EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts'; RETRY_ATTEMPTS: string };
};

export type EventBridgeOptions = {
  region: string;
  accountId: string;
  /** Delivers to a target ARN (a Lambda function or a state machine) for a rule's event; rejects if the target failed. */
  deliver: (targetArn: string, input: unknown, source: { rule: LocalRule; target: RuleTarget; eventId: string }) => Promise<void>;
  /** Where an event goes when a target keeps failing. */
  deadLetter: (queueArn: string, letter: RuleDeadLetter) => void;
  /** Test-only: whether to fail the next entry (see LocalFaults). */
  failEntry?: () => boolean;
  log?: (line: string) => void;
  /** Local retries are fewer and faster than AWS's 24 hours. */
  maxRetries?: number;
  retryDelayMs?: number;
};

/** How many accepted entries the local bus keeps for a look (a test's, never a consumer's). */
const RECENT_ENTRIES = 2000;

/**
 * EventBridge on this machine: PutEvents on a bus matches every enabled rule of that bus with
 * real event-pattern semantics and delivers the event, shaped by the target's Input, InputPath or
 * InputTransformer, to each target asynchronously, retrying a failing target and then sending it
 * to the target's dead-letter queue.
 */
export class LocalEventBridge {
  private readonly rules: LocalRule[] = [];
  private readonly buses = new Map<string, string>();
  private readonly deliveries = new Set<Promise<void>>();
  private counted = { entries: 0, deliveries: 0 };
  /** The last entries accepted, oldest first, for tests that look at what went on the bus. */
  private readonly recent: PutEventsEntry[] = [];

  constructor(private readonly options: EventBridgeOptions) {}

  /** A custom bus of the template, for DescribeEventBus; the account's `default` bus is always there. */
  addBus(name: string, arn: string): void {
    this.buses.set(name, arn);
  }

  /** DescribeEventBus's answer for a bus by name or ARN, or undefined for a bus that does not exist. */
  describeEventBus(nameOrArn: string): { Name: string; Arn: string } | undefined {
    const name = nameOrArn.split('/').at(-1)!;
    if (name === 'default') return { Name: name, Arn: `arn:aws:events:${this.options.region}:${this.options.accountId}:event-bus/default` };
    const arn = this.buses.get(name);
    return arn ? { Name: name, Arn: arn } : undefined;
  }

  /** Checks the pattern and target inputs once, so a rule the runtime cannot honour fails startup. */
  addRule(rule: LocalRule): void {
    validatePattern(rule.pattern);
    for (const target of rule.targets) checkTargetInput(target);
    this.rules.push(rule);
  }

  putEvents(entries: PutEventsEntry[]): PutEventsResult {
    const results = entries.map((entry) => this.put(entry));
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  /** Entries accepted (what EventBridge bills for custom events) and deliveries to targets. */
  usage(): { entries: number; deliveries: number } {
    return { ...this.counted };
  }

  /** The last {@link RECENT_ENTRIES} entries accepted, oldest first. */
  recentEntries(): PutEventsEntry[] {
    return [...this.recent];
  }

  /** Resolves when every delivery started so far has ended. */
  async idle(): Promise<void> {
    while (this.deliveries.size) await Promise.all([...this.deliveries]);
  }

  private put(entry: PutEventsEntry): PutEventsResult['Entries'][number] {
    if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    if (this.options.failEntry?.()) return { ErrorCode: 'InternalFailure', ErrorMessage: 'injected by a test fault' };
    this.counted.entries += 1;
    this.recent.push(entry);
    if (this.recent.length > RECENT_ENTRIES) this.recent.shift();
    const busName = (entry.EventBusName ?? 'default').split('/').at(-1)!;
    const id = randomUUID();
    const time = entry.Time === undefined ? new Date() : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
    const event = {
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: this.options.accountId,
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.options.region,
      resources: entry.Resources ?? [],
      detail,
    };
    for (const rule of this.rules) {
      if (!rule.enabled || rule.busName !== busName || !matchesPattern(rule.pattern, event)) continue;
      for (const target of rule.targets) {
        this.counted.deliveries += 1;
        this.track(this.deliver(rule, target, event));
      }
    }
    return { EventId: id };
  }

  private track(delivery: Promise<void>): void {
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  private async deliver(rule: LocalRule, target: RuleTarget, event: { id: string }): Promise<void> {
    const input = targetInput(target, event);
    const retries = Math.min(target.RetryPolicy?.MaximumRetryAttempts ?? 185, this.options.maxRetries ?? 2);
    let lastError = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1)));
      try {
        await this.options.deliver(target.Arn, input, { rule, target, eventId: event.id });
        return;
      } catch (error) {
        lastError = (error as Error).message;
        this.options.log?.(`rule ${rule.name} → ${target.Id}: attempt ${attempt + 1} failed: ${lastError}`);
      }
    }
    if (!target.DeadLetterConfig?.Arn) return;
    this.options.deadLetter(target.DeadLetterConfig.Arn, {
      body: event,
      attributes: {
        RULE_ARN: rule.arn ?? this.ruleArn(rule),
        TARGET_ARN: target.Arn,
        // The local runtime tells no kinds of failure apart: each is the target's own.
        ERROR_CODE: 'ERROR_FROM_TARGET',
        ERROR_MESSAGE: lastError,
        EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
        RETRY_ATTEMPTS: String(retries),
      },
    });
  }

  /** A rule's ARN as EventBridge forms it (a custom bus's rules carry the bus's name), for a rule given without one. */
  private ruleArn(rule: LocalRule): string {
    const { region, accountId } = this.options;
    return `arn:aws:events:${region}:${accountId}:rule/${rule.busName === 'default' ? '' : `${rule.busName}/`}${rule.name}`;
  }
}
