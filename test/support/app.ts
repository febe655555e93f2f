import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { composeApp } from '../../bin/app';

/** The app as `bin/` composes it, with each stack's template. */
export type SynthesizedApp = { app: App; platform: Stack; contexts: Stack[]; stacks: Stack[]; template: (stack: string) => Template; templates: Template[] };

/**
 * Synthesizes the whole app as `cdk synth` does, stage `test` unless the context says otherwise.
 * Bundling is skipped (about 1.5 s instead of a full build); `npm start` and one test cover the real synth.
 * So is the CloudFormation validation `cdk synth` runs (a WebAssembly engine: about 3 s of the 4),
 * unless `validate`: one test runs it over the app, as `cdk synth` and `cdk deploy` would.
 * `template('Orders')` is the template of the stack named `Orderline-<stage>-Orders`.
 */
export function synthApp(context: Record<string, string> = {}, options: { validate?: boolean } = {}): SynthesizedApp {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test', ...context } });
  const { platform, contexts, readiness } = composeApp(app);
  const stacks = [platform, ...contexts, readiness];
  const cache = new Map<Stack, Template>();
  const templateOf = (stack: Stack) => cache.get(stack) ?? cache.set(stack, withoutValidation(!options.validate, () => Template.fromStack(stack))).get(stack)!;
  const template = (name: string) => {
    const stack = stacks.find((s) => s.stackName.endsWith(`-${name}`));
    if (!stack) throw new Error(`no stack named …-${name}; the app has ${stacks.map((s) => s.stackName).join(', ')}`);
    return templateOf(stack);
  };
  return { app, platform, contexts, stacks, template, get templates() { return stacks.map(templateOf); } };
}

/** Runs `synth` with the CDK's synthesis-time CloudFormation validation off, when `off` (the app keeps its assembly: later templates reuse it). */
export function withoutValidation<T>(off: boolean, synth: () => T): T {
  const before = process.env.CDK_VALIDATION;
  if (off) process.env.CDK_VALIDATION = 'false';
  try {
    return synth();
  } finally {
    if (before === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = before;
  }
}
