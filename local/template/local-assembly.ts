import type { AssemblyStack } from './cloud-assembly';
import { IntrinsicResolver, type LocalAccount, type PhysicalResource } from './intrinsics';
import { physicalResource, unsupportedResources, type LocalEndpoints } from './physical-resources';
import { importProblems, importSites, StackExports } from './stack-exports';
import type { StackResource } from './stack-resource';

/** The stacks' outputs, resolved: one record merged over every stack (output keys are unique), and by stack. */
export type AssemblyOutputs = { outputs: Record<string, string>; stackOutputs: Record<string, Record<string, string>> };

type LocalStack = { stack: AssemblyStack; resolver: IntrinsicResolver };

/**
 * The whole cloud assembly as it runs on this machine: every stack in deployment order, each
 * resource with its local physical name (`<its stack>-<logicalId>`) and its intrinsics resolved in
 * its own stack, `Fn::ImportValue` reading the exports of the stacks it depends on. What cannot
 * run (a resource type the runtime lacks, an import no stack it depends on exports, an export or
 * output key defined twice) is an error here, before anything starts.
 */
export class LocalAssembly {
  readonly stackNames: string[];
  /** Every resource of every stack, in the order the stacks deploy. */
  readonly resources: StackResource[];
  private readonly stacks: LocalStack[];

  constructor(stacks: readonly AssemblyStack[], account: LocalAccount, endpoints: LocalEndpoints) {
    assertRunnable(stacks);
    assertUniqueOutputKeys(stacks);
    this.stackNames = stacks.map((s) => s.stackName);
    const exports = new StackExports();
    const sharedIds = sharedLogicalIds(stacks);
    this.resources = [];
    this.stacks = stacks.map((stack) => {
      const { stackName } = stack;
      const physical = new Map<string, PhysicalResource>();
      for (const [id, resource] of Object.entries(stack.template.Resources)) {
        const p = physicalResource(id, resource, { ...account, stackName }, endpoints);
        if (p) physical.set(id, p);
      }
      const resolver = new IntrinsicResolver({ ...account, stackName }, stack.template.Resources, (id) => physical.get(id), (name, path) => exports.value(name, path));
      const resolve = (value: unknown, path: string) => resolver.resolve(value, path);
      for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
        const key = `${stackName}/${logicalId}`;
        this.resources.push({ stackName, logicalId, key, label: sharedIds.has(logicalId) ? key : logicalId, resource, physical: physical.get(logicalId), resolve });
      }
      return { stack, resolver };
    });

    for (const { stack, resolver } of this.stacks) {
      for (const [outputKey, output] of Object.entries(stack.template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        const path = `${stack.stackName}/Outputs.${outputKey}`;
        const name = resolver.resolveString(output.Export.Name, `${path}.Export.Name`);
        exports.add({ name, stackName: stack.stackName, outputKey, value: () => resolver.resolveString(output.Value, path) });
      }
    }
    const problems = this.stacks.flatMap(({ stack, resolver }) =>
      importProblems(stack.stackName, importSites(stack.template), (written, path) => resolver.resolveString(written, path), exports, dependenciesOf(stack.stackName, stacks)),
    );
    if (problems.length) throw new Error(`the stacks' cross-stack references cannot be resolved:\n  ${problems.join('\n  ')}`);
  }

  /** Every resource of this type, of every stack. */
  ofType(type: string): StackResource[] {
    return this.resources.filter((r) => r.resource.Type === type);
  }

  /** Every stack's outputs, resolved to their local values (after the tables exist: an output may be a stream ARN). */
  outputs(): AssemblyOutputs {
    const stackOutputs = Object.fromEntries(
      this.stacks.map(({ stack, resolver }) => [
        stack.stackName,
        Object.fromEntries(Object.entries(stack.template.Outputs ?? {}).map(([key, o]) => [key, resolver.resolveString(o.Value, `${stack.stackName}/Outputs.${key}`)])),
      ]),
    );
    return { outputs: Object.assign({}, ...Object.values(stackOutputs)) as Record<string, string>, stackOutputs };
  }

  /**
   * Physical names for tests and tools that look inside: by `<stackName>/<logicalId>` for every
   * resource, and by bare logical id too where no other stack has that id.
   */
  physicalNames(): Record<string, string> {
    const named = this.resources.filter((r) => r.physical);
    return Object.fromEntries([
      ...named.map((r) => [r.key, r.physical!.ref]),
      ...named.filter((r) => r.label === r.logicalId).map((r) => [r.logicalId, r.physical!.ref]),
    ]);
  }
}

/** Every resource the runtime can neither run nor safely ignore, of every stack: one startup error naming them with their stacks. */
/** CloudFormation's quota: a stack holds at most 500 resources. */
export const MAX_STACK_RESOURCES = 500;

function assertRunnable(stacks: readonly AssemblyStack[]): void {
  // CloudFormation refuses such a template before it creates anything, with this message.
  for (const { stackName, template } of stacks) {
    const count = Object.keys(template.Resources).length;
    if (count > MAX_STACK_RESOURCES) throw new Error(`${stackName}: Template format error: Number of resources, ${count}, is greater than maximum allowed, ${MAX_STACK_RESOURCES}`);
  }
  const unsupported = stacks.flatMap((s) => unsupportedResources(s.template.Resources).map((what) => ({ stackName: s.stackName, what })));
  if (!unsupported.length) return;
  const names = [...new Set(unsupported.map((u) => u.stackName))];
  throw new Error(`the local runtime cannot run these resources of ${names.join(', ')}:\n  ${unsupported.map((u) => `${u.stackName}/${u.what}`).join('\n  ')}`);
}

/** The runtime's outputs are one flat record (tests and tools read `outputs.ApiUrl`), so a key may be in one stack only. */
function assertUniqueOutputKeys(stacks: readonly AssemblyStack[]): void {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const { stackName, template } of stacks) {
    for (const key of Object.keys(template.Outputs ?? {})) {
      const other = owner.get(key);
      if (other) clashes.push(`output ${key} is in both ${other} and ${stackName}`);
      else owner.set(key, stackName);
    }
  }
  if (clashes.length) throw new Error(`the stacks' output keys must be unique across the assembly: ${clashes.join('; ')}`);
}

/** Logical ids that more than one stack uses. */
function sharedLogicalIds(stacks: readonly AssemblyStack[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const id of stacks.flatMap((s) => Object.keys(s.template.Resources))) (seen.has(id) ? shared : seen).add(id);
  return shared;
}

/** The stacks `stackName` depends on, directly or through others. */
function dependenciesOf(stackName: string, stacks: readonly AssemblyStack[]): Set<string> {
  const found = new Set<string>();
  const pending = [stackName];
  while (pending.length) {
    const name = pending.pop();
    for (const dependency of stacks.find((s) => s.stackName === name)?.dependsOn ?? []) {
      if (found.has(dependency)) continue;
      found.add(dependency);
      pending.push(dependency);
    }
  }
  return found;
}
