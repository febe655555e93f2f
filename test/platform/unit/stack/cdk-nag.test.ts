import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DEFAULT_THROTTLE } from '../../../../lib/platform/http-api';
import { OrderlineStack } from '../../../../lib/orderline-stack';

/**
 * cdk-nag's AwsSolutions pack over the whole stack: no error may stand unless it is one of the
 * reviewed findings of lib/accepted-findings.ts, accepted on the exact resource that causes it.
 */
describe('cdk-nag AwsSolutions', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrderlineStack(app, 'Orderline-nag', { stage: 'nag', throttle: DEFAULT_THROTTLE });
  Aspects.of(stack).add(new AwsSolutionsChecks());
  const annotations = Annotations.fromStack(stack);

  it('reports no unsuppressed error', () => {
    const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')).map((e) => `${e.id}: ${String(e.entry.data).split('\n')[0]}`);
    expect(errors).toEqual([]);
  });

  it('leaves only warnings a reviewer expects: optional MFA and no PITR on rebuildable tables', () => {
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')).map((w) => String(w.entry.data).split(':')[0]);
    expect([...new Set(warnings)].sort()).toEqual(['AwsSolutions-COG2', 'AwsSolutions-DDB3']);
  });
});
