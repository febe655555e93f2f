import { existsSync, readFileSync } from 'node:fs';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { composeApp } from '../../bin/app';
import { keep } from './kept-builds';
import { synthCacheFile } from './synth-cache';
import { scratchDir } from './scratch';

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
  const app = new App({ outdir: scratchDir('cdk.out-'), context: { 'aws:cdk:bundling-stacks': [], stage: 'test', ...context } });
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

/** A stack as the template tests name it: `Orderline-<stage>-<Name>`. */
export type StackRef = { stackName: string };
/** The templates of the app as `bin/` composes it, without its constructs. */
export type SynthesizedTemplates = { stacks: StackRef[]; contexts: StackRef[]; template: (stack: string) => Template; templates: Template[] };
type CachedApp = { stacks: { stackName: string; context: boolean; template: Record<string, unknown> }[] };

/**
 * The templates {@link synthApp} makes for `context`, kept on disk (./synth-cache.ts) by the hash
 * of everything a synth reads (bin/, lib/, functions/, the API document, the lock file and the
 * test support's synth files) with the context: the stack tests synthesize the same app about a
 * dozen times, and each synth costs about 3 s of CPU where reading it back costs milliseconds.
 * Any change to those inputs synthesizes anew, and the apps kept for the sources before are
 * dropped. A test that needs the constructs themselves (to add one, or to read the cloud
 * assembly) calls synthApp. In a clean clone, global setup keeps the default context's first.
 */
export function synthTemplates(context: Record<string, string> = {}): SynthesizedTemplates {
  const { file, current } = synthCacheFile(context);
  const cached = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CachedApp) : synthAndKeep(context, file, current);
  const templates = new Map(cached.stacks.map((s) => [s.stackName, Template.fromJSON(s.template)]));
  const stacks = cached.stacks.map(({ stackName }) => ({ stackName }));
  const template = (name: string) => {
    const found = cached.stacks.find((s) => s.stackName.endsWith(`-${name}`));
    if (!found) throw new Error(`no stack named …-${name}; the app has ${stacks.map((s) => s.stackName).join(', ')}`);
    return templates.get(found.stackName)!;
  };
  return { stacks, contexts: cached.stacks.filter((s) => s.context).map(({ stackName }) => ({ stackName })), template, templates: [...templates.values()] };
}

function synthAndKeep(context: Record<string, string>, file: string, current: string): CachedApp {
  const app = synthApp(context);
  const cached: CachedApp = { stacks: app.stacks.map((stack, i) => ({ stackName: stack.stackName, context: app.contexts.includes(stack), template: app.templates[i]!.toJSON() })) };
  keep(file, JSON.stringify(cached), current);
  return cached;
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
