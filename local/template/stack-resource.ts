import type { TemplateResource } from './cloud-assembly';
import type { PhysicalResource } from './intrinsics';

/**
 * One resource of one stack of the assembly. Logical ids repeat across stacks (`CDKMetadata`, a
 * context's `EventStoreEvents…`), so a resource is known by its `key`, and its intrinsics are
 * resolved in its own stack.
 */
export type StackResource = {
  stackName: string;
  logicalId: string;
  /** `<stackName>/<logicalId>`: unique in the assembly. */
  key: string;
  /** How logs name it: its logical id when no other stack has that id, else its key. */
  label: string;
  resource: TemplateResource;
  /** Its local name and attributes (Ref and GetAtt values), if it has a local counterpart. */
  physical: PhysicalResource | undefined;
  /** Resolves intrinsics as they stand in this resource's stack. */
  resolve: (value: unknown, path: string) => unknown;
};

/** The resource's properties with every intrinsic resolved to its local value; errors name the resource by its key. */
export function resourceProps(r: StackResource): Record<string, unknown> {
  return r.resolve(r.resource.Properties ?? {}, r.key) as Record<string, unknown>;
}

/**
 * The resources of one template on its own, labelled by logical id: what a test or a tool that
 * reads a single template hands to the readers that take an assembly's resources.
 */
export function templateResources(
  stackName: string,
  resources: Readonly<Record<string, TemplateResource>>,
  physical: (logicalId: string) => PhysicalResource | undefined,
  resolve: (value: unknown, path: string) => unknown,
): StackResource[] {
  return Object.entries(resources).map(([logicalId, resource]) => ({
    stackName,
    logicalId,
    key: `${stackName}/${logicalId}`,
    label: logicalId,
    resource,
    physical: physical(logicalId),
    resolve,
  }));
}
