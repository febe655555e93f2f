import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { composeApp } from '../../bin/app';

/** The app as `bin/` composes it, with each stack's template. */
export type SynthesizedApp = { app: App; platform: Stack; contexts: Stack[]; stacks: Stack[]; template: (stack: string) => Template; templates: Template[] };

/**
 * Synthesizes the whole app as `cdk synth` does, stage `test` unless the context says otherwise.
 * Bundling is skipped (about 1.5 s instead of a full build); `npm start` and one test cover the real synth.
 * `template('Orders')` is the template of the stack named `Orderline-<stage>-Orders`.
 */
export function synthApp(context: Record<string, string> = {}): SynthesizedApp {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test', ...context } });
  const { platform, contexts } = composeApp(app);
  const stacks = [platform, ...contexts];
  const cache = new Map<Stack, Template>();
  const templateOf = (stack: Stack) => cache.get(stack) ?? cache.set(stack, Template.fromStack(stack)).get(stack)!;
  const template = (name: string) => {
    const stack = stacks.find((s) => s.stackName.endsWith(`-${name}`));
    if (!stack) throw new Error(`no stack named …-${name}; the app has ${stacks.map((s) => s.stackName).join(', ')}`);
    return templateOf(stack);
  };
  return { app, platform, contexts, stacks, template, get templates() { return stacks.map(templateOf); } };
}
