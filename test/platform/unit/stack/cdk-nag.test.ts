import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { composeApp } from '../../../../bin/app';
import { withoutValidation } from '../../../support/app';

/**
 * cdk-nag's AwsSolutions pack over every stack of the app: no error may stand unless it is one of
 * the reviewed findings of lib/platform/accepted-findings.ts, accepted on the exact resource that causes it.
 */
describe('cdk-nag AwsSolutions', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'nag' } });
  const { platform, contexts } = composeApp(app);
  Aspects.of(app).add(new AwsSolutionsChecks());
  const stacks = [platform, ...contexts];
  withoutValidation(true, () => app.synth());
  const annotations = stacks.map((stack) => Annotations.fromStack(stack));

  it('reports no unsuppressed error', () => {
    const errors = annotations.flatMap((a) => a.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).map((e) => `${e.id}: ${String(e.entry.data).split('\n')[0]}`);
    expect(errors).toEqual([]);
  });

  it('leaves only warnings a reviewer expects: optional MFA and no PITR on rebuildable tables', () => {
    const warnings = annotations.flatMap((a) => a.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).map((w) => String(w.entry.data).split(':')[0]);
    expect([...new Set(warnings)].sort()).toEqual(['AwsSolutions-COG2', 'AwsSolutions-DDB3']);
  });
});
