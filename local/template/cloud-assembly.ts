import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CloudFormation resource as the template has it; properties are still unresolved. */
export type TemplateResource = {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: string | string[];
};

export type StackTemplate = {
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown }>;
};

/** One stack of the synthesized cloud assembly: its name, template and where its assets are. */
export type AssemblyStack = { stackName: string; template: StackTemplate; assemblyDir: string };

type Manifest = {
  artifacts?: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string } }>;
};

/** Reads the one CloudFormation stack of the cloud assembly in `assemblyDir` (cdk.out). */
export function readAssemblyStack(assemblyDir: string, stackName?: string): AssemblyStack {
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks = Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => ({ stackName: artifact.properties?.stackName ?? id, templateFile: artifact.properties?.templateFile ?? `${id}.template.json` }));
  const stack = stackName ? stacks.find((s) => s.stackName === stackName) : stacks[0];
  if (!stack || (!stackName && stacks.length !== 1)) {
    throw new Error(`expected one stack in ${assemblyDir}${stackName ? ` named ${stackName}` : ''}; found: ${stacks.map((s) => s.stackName).join(', ') || 'none'}`);
  }
  const template = JSON.parse(readFileSync(join(assemblyDir, stack.templateFile), 'utf8')) as StackTemplate;
  return { stackName: stack.stackName, template, assemblyDir };
}
