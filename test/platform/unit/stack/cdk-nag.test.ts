import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { composeApp } from '../../../../bin/app';
import { withoutValidation } from '../../../support/app';
import { scratchDir } from '../../../support/scratch';

/**
 * cdk-nag's AwsSolutions pack over every stack of the app: no error may stand unless it is one of
 * the reviewed findings of lib/platform/accepted-findings.ts, accepted on the exact resource that causes it.
 * The findings are read from the one synth's cloud assembly: the assertions library's
 * `Annotations.fromStack` would synthesize the whole app again for each stack, with the CloudFormation
 * validation on (three more synths, most of this file's time).
 */
describe('cdk-nag AwsSolutions', () => {
  const app = new App({ outdir: scratchDir('cdk.out-'), context: { 'aws:cdk:bundling-stacks': [], stage: 'nag' } });
  const { platform, contexts } = composeApp(app);
  Aspects.of(app).add(new AwsSolutionsChecks());
  const assembly = withoutValidation(true, () => app.synth());
  const messages = [platform, ...contexts].flatMap((stack) => assembly.getStackArtifact(stack.artifactId).messages);
  const findings = (level: 'error' | 'warning') => messages.filter((m) => m.level === level && String(m.entry.data).startsWith('AwsSolutions-'));

  it('reports no unsuppressed error', () => {
    const errors = findings('error').map((e) => `${e.id}: ${String(e.entry.data).split('\n')[0]}`);
    expect(errors).toEqual([]);
  });

  it('leaves only warnings a reviewer expects: optional MFA and no PITR on rebuildable tables', () => {
    const warnings = findings('warning').map((w) => String(w.entry.data).split(':')[0]);
    expect([...new Set(warnings)].sort()).toEqual(['AwsSolutions-COG2', 'AwsSolutions-DDB3']);
  });
});
