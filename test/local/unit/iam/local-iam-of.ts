import type { TemplateResource } from '../../../../local/template/cloud-assembly';
import { LocalIam } from '../../../../local/iam';
import { tableKeysOf } from '../../../../local/iam/table-keys';
import { IntrinsicResolver, type PhysicalResource, type Pseudo } from '../../../../local/template/intrinsics';
import { physicalResource } from '../../../../local/template/physical-resources';
import { templateResources, type StackResource } from '../../../../local/template/stack-resource';

export const PSEUDO: Pseudo = { region: 'us-east-1', accountId: '000000000000', stackName: 'Orderline-test', partition: 'aws', urlSuffix: 'amazonaws.com' };

/**
 * The local IAM of a template, built as `startLocalSystem` builds it but without running
 * anything: tables get a made-up stream ARN where they have a stream.
 */
export function localIamOf(resources: Record<string, TemplateResource>): {
  iam: LocalIam;
  log: string[];
  physical: Map<string, PhysicalResource>;
  props: (id: string) => Record<string, unknown>;
  stackResources: StackResource[];
} {
  const physical = new Map<string, PhysicalResource>();
  for (const [id, r] of Object.entries(resources)) {
    const p = physicalResource(id, r, PSEUDO, { apiUrl: 'http://127.0.0.1:3000', edgeUrl: 'http://127.0.0.1:4599' });
    if (p) physical.set(id, p);
    if (p && r.Type === 'AWS::DynamoDB::Table' && r.Properties?.StreamSpecification) p.attributes.StreamArn = `${p.attributes.Arn}/stream/2026-11-23T00:00:00.000`;
  }
  const resolver = new IntrinsicResolver(PSEUDO, resources, (id) => physical.get(id));
  const props = (id: string) => resolver.resolve(resources[id]?.Properties ?? {}, id) as Record<string, unknown>;
  const tables = Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
    .map(([id]) => ({ tableName: physical.get(id)!.ref, properties: props(id) }));
  const log: string[] = [];
  const stackResources = templateResources(PSEUDO.stackName, resources, (id) => physical.get(id), (value, path) => resolver.resolve(value, path));
  const iam = new LocalIam({ resources: stackResources, account: PSEUDO, tableKeys: tableKeysOf(tables), log: (line) => log.push(line) });
  return { iam, log, physical, props, stackResources };
}

/** Headers of a call signed by `accessKeyId` (the signature itself is never checked). */
export function signedBy(accessKeyId: string, target: string): Record<string, string> {
  return { authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261123/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0`, 'x-amz-target': target };
}
