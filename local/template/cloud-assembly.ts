import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orderStacks } from './stack-order';

/** A CloudFormation resource as the template has it; properties are still unresolved. */
export type TemplateResource = {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: string | string[];
};

/** A stack output; with `Export`, other stacks of the account can read it with `Fn::ImportValue`. */
export type StackOutput = { Value: unknown; Export?: { Name: unknown } };

export type StackTemplate = {
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, StackOutput>;
};

/**
 * One stack of the synthesized cloud assembly: its name, template, where its assets are, and the
 * stacks (by name) it depends on directly.
 */
export type AssemblyStack = { stackName: string; template: StackTemplate; assemblyDir: string; dependsOn: string[] };

type Manifest = {
  artifacts?: Record<string, { type: string; dependencies?: string[]; properties?: { templateFile?: string; stackName?: string } }>;
};

/**
 * Reads every CloudFormation stack of the cloud assembly in `assemblyDir` (cdk.out), in the order
 * they deploy: each after the stacks it depends on (see {@link orderStacks}).
 */
export function readCloudAssembly(assemblyDir: string): AssemblyStack[] {
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as Manifest;
  const artifacts = manifest.artifacts ?? {};
  const stacks = Object.entries(artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([id, artifact]) => ({
      id,
      stackName: artifact.properties?.stackName ?? id,
      templateFile: artifact.properties?.templateFile ?? `${id}.template.json`,
      dependencies: artifact.dependencies ?? [],
    }));
  return orderStacks(stacks, (id) => id in artifacts).map((stack) => ({
    stackName: stack.stackName,
    template: JSON.parse(readFileSync(join(assemblyDir, stack.templateFile), 'utf8')) as StackTemplate,
    assemblyDir,
    dependsOn: stack.dependsOn,
  }));
}

/** Reads one stack of the cloud assembly: the one named `stackName`, or else the only one. */
export function readAssemblyStack(assemblyDir: string, stackName?: string): AssemblyStack {
  const stacks = readCloudAssembly(assemblyDir);
  const stack = stackName ? stacks.find((s) => s.stackName === stackName) : stacks[0];
  if (!stack || (!stackName && stacks.length !== 1)) {
    throw new Error(`expected one stack in ${assemblyDir}${stackName ? ` named ${stackName}` : ''}; found: ${stacks.map((s) => s.stackName).join(', ') || 'none'}`);
  }
  return stack;
}
