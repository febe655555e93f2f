import { LocalIam } from '../../../../local/iam';
import { tableKeysOf } from '../../../../local/iam/table-keys';
import type { LocalAssembly } from '../../../../local/template/local-assembly';
import { resourceProps, type StackResource } from '../../../../local/template/stack-resource';
import { ACCOUNT } from '../assembly-of';

/** A function registered with the local IAM: its name, ARN and the access key its calls are signed with. */
export type RegisteredFunction = { name: string; arn: string; accessKeyId: string };

/**
 * The local IAM of a whole cloud assembly (every stack's roles, policies and permissions), built
 * as `startLocalSystem` builds it but without running anything.
 */
export function assemblyIamOf(assembly: LocalAssembly): { iam: LocalIam; log: string[]; addFunction: (r: StackResource) => RegisteredFunction } {
  const tables = assembly.ofType('AWS::DynamoDB::Table').map((r) => ({ tableName: r.physical!.ref, properties: resourceProps(r) }));
  const log: string[] = [];
  const iam = new LocalIam({ resources: assembly.resources, account: ACCOUNT, tableKeys: tableKeysOf(tables), log: (line) => log.push(line) });
  // With its role, as startFunctions registers each function.
  const addFunction = (r: StackResource) => {
    const { ref: name, attributes } = r.physical!;
    const accessKeyId = iam.addFunction({ name, arn: attributes.Arn!, roleArn: String(resourceProps(r).Role) });
    return { name, arn: attributes.Arn!, accessKeyId };
  };
  return { iam, log, addFunction };
}
