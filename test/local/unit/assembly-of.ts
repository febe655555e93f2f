import type { AssemblyStack } from '../../../local/template/cloud-assembly';
import type { LocalAccount } from '../../../local/template/intrinsics';
import { LocalAssembly } from '../../../local/template/local-assembly';

export const ACCOUNT: LocalAccount = { region: 'us-east-1', accountId: '000000000000', partition: 'aws', urlSuffix: 'amazonaws.com' };
export const ENDPOINTS = { apiUrl: 'http://127.0.0.1:3000', edgeUrl: 'http://127.0.0.1:4599' };

/**
 * A cloud assembly as `startLocalSystem` has it once the tables exist, nothing run: each
 * streamed table with a made-up stream ARN (DynamoDB Local gives the real ones).
 */
export function localAssemblyOf(stacks: AssemblyStack[]): LocalAssembly {
  const assembly = new LocalAssembly(stacks, ACCOUNT, ENDPOINTS);
  for (const table of assembly.ofType('AWS::DynamoDB::Table')) {
    if (table.resource.Properties?.StreamSpecification) table.physical!.attributes.StreamArn = `${table.physical!.attributes.Arn}/stream/2026-01-01T00:00:00.000`;
  }
  return assembly;
}
