import { join } from 'node:path';
import { readCloudAssembly, type AssemblyStack } from '../../../local/template/cloud-assembly';
import type { LocalAssembly } from '../../../local/template/local-assembly';
import type { StackResource } from '../../../local/template/stack-resource';
import { localAssemblyOf } from './assembly-of';

export { ACCOUNT, ENDPOINTS } from './assembly-of';

/** The three-stack cloud assembly of fixtures/multi-stack (see its README), as cdk.out would hold it. */
export const MULTI_STACK_ASSEMBLY = join(__dirname, 'fixtures', 'multi-stack');
export const [PLATFORM, ORDERS, BANK] = ['Orderline-test-Platform', 'Orderline-test-Orders', 'Orderline-test-Bank'] as const;

/** The fixture's assembly once its tables exist (see `localAssemblyOf`), and a lookup of its resources. */
export function fixtureAssembly(stacks: AssemblyStack[] = readCloudAssembly(MULTI_STACK_ASSEMBLY)): { assembly: LocalAssembly; resource: (stackName: string, logicalId: string) => StackResource } {
  const assembly = localAssemblyOf(stacks);
  const resource = (stackName: string, logicalId: string) => {
    const found = assembly.resources.find((r) => r.stackName === stackName && r.logicalId === logicalId);
    if (!found) throw new Error(`the fixture has no ${stackName}/${logicalId}`);
    return found;
  };
  return { assembly, resource };
}
/** The fixture's stacks, a fresh copy, with `edit` applied to the named stack's template. */
export function fixtureStacksWith(stackName: string, edit: (template: AssemblyStack['template']) => void): AssemblyStack[] {
  const stacks = structuredClone(readCloudAssembly(MULTI_STACK_ASSEMBLY));
  edit(stacks.find((s) => s.stackName === stackName)!.template);
  return stacks;
}
