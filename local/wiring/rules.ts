import type { LocalIam } from '../iam';
import type { LocalEventBridge, RuleTarget } from '../event-bridge/event-bridge';
import { runOnSchedule } from '../event-bridge/schedules';
import type { TemplateContext } from './template-context';

/** A rule's delivery to one target, told which rule and target it is for (to be authorized). */
export type RuleDelivery = (targetArn: string, input: unknown, source: { rule: { name: string; arn?: string }; target: RuleTarget; eventId: string }) => Promise<void>;

/**
 * A rule's delivery, refused as AWS refuses it when the target's role or the function's
 * resource-based policy does not allow it (the delivery then fails, is retried, and goes to the
 * target's dead-letter queue).
 */
export function authorizedDelivery(iam: () => LocalIam | undefined, deliver: (targetArn: string, input: unknown) => Promise<void>): RuleDelivery {
  return async (targetArn, input, { rule, target, eventId }) => {
    const refusal = iam()?.ruleTargetRefusal({ arn: rule.arn ?? rule.name, name: rule.name }, target, eventId);
    if (refusal) throw new Error(refusal);
    await deliver(targetArn, input);
  };
}

/**
 * Adds every `AWS::Events::EventBus` of the assembly (DescribeEventBus finds it), and every `AWS::Events::Rule`: a pattern rule to its bus (a context's rule on
 * the platform's bus, named through an import, included), a scheduled rule to a timer that sends
 * its targets a Scheduled Event. A target the runtime cannot deliver to, or a rule with neither,
 * is a startup error.
 */
export function addRules(t: TemplateContext, eventBridge: LocalEventBridge, deliver: RuleDelivery): void {
  for (const r of t.ofType('AWS::Events::EventBus')) eventBridge.addBus(r.physical!.ref, r.physical!.attributes.Arn!);
  for (const r of t.ofType('AWS::Events::Rule')) {
    const p = t.props(r);
    const targets = (p.Targets ?? []) as RuleTarget[];
    const undeliverable = targets.filter((target) => !/^arn:aws:(lambda|states|sqs):/.test(target.Arn));
    if (undeliverable.length) throw new Error(`${r.key}: the local runtime delivers rule events to Lambda functions, state machines and SQS queues only, not ${undeliverable.map((target) => target.Arn).join(', ')}`);
    const physical = r.physical!;
    t.iam?.assertRuleTargets({ id: r.key, arn: physical.attributes.Arn }, targets);
    if (typeof p.ScheduleExpression === 'string') {
      // A scheduled rule sends its targets a Scheduled Event, as EventBridge does.
      const event = () => ({ version: '0', id: crypto.randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: t.account.accountId, time: new Date().toISOString(), region: t.account.region, resources: [physical.attributes.Arn], detail: {} });
      const rule = { name: physical.ref, arn: physical.attributes.Arn };
      const fire = async () => {
        const e = event();
        await Promise.all(targets.map((target) => deliver(target.Arn, e, { rule, target, eventId: e.id })));
      };
      t.stops.push(runOnSchedule(p.ScheduleExpression, fire, (line) => t.log(`${r.label}: ${line}`)));
      continue;
    }
    if (!p.EventPattern) throw new Error(`${r.key}: a rule needs an EventPattern or a ScheduleExpression`);
    const pattern = typeof p.EventPattern === 'string' ? JSON.parse(p.EventPattern) : p.EventPattern;
    eventBridge.addRule({
      name: physical.ref,
      arn: physical.attributes.Arn,
      busName: String(p.EventBusName ?? 'default').split('/').at(-1)!,
      pattern,
      enabled: p.State !== 'DISABLED',
      targets,
    });
  }
}
