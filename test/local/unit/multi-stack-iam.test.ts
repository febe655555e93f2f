import type { AssemblyStack } from '../../../local/template/cloud-assembly';
import { resourceProps } from '../../../local/template/stack-resource';
import { assemblyIamOf } from './iam/assembly-iam-of';
import { signedBy } from './iam/local-iam-of';
import { BANK, fixtureAssembly, fixtureStacksWith, ORDERS } from './multi-stack-fixture';

/**
 * The IAM of every stack of the fixture assembly, enforced as one account's: a role of one stack
 * with a policy naming (by import) a table or stream of another stack.
 */
function enforced(stacks?: AssemblyStack[]) {
  const { assembly, resource } = fixtureAssembly(stacks);
  const { iam, log, addFunction } = assemblyIamOf(assembly);
  const functionOf = (stackName: string, logicalId: string) => addFunction(resource(stackName, logicalId));
  return { assembly, iam, log, resource, functionOf };
}

const putItem = (tableName: string) => ({ TableName: tableName, Item: { streamId: { S: 'a-1' }, version: { N: '1' } } });

describe('IAM across the stacks of an assembly', () => {
  const { assembly, iam, log, resource, functionOf } = enforced();
  const bankHandler = functionOf(BANK, 'ApiHandler5B8E3B2A');
  const ordersTable = resource(ORDERS, 'EventStoreEvents67C89B68').physical!;
  const bankTable = resource(BANK, 'EventStoreEvents67C89B68').physical!;

  it('loads the roles, policies and Lambda permissions of every stack, with nothing it cannot evaluate', () => {
    const count = (type: string) => assembly.ofType(type).length;
    expect(new Set(assembly.ofType('AWS::IAM::Role').map((r) => r.stackName)).size).toBe(3);
    expect(iam.summary).toMatchObject({ roles: count('AWS::IAM::Role'), policies: count('AWS::IAM::Policy'), lambdaPermissions: count('AWS::Lambda::Permission'), warnings: [] });
  });

  it('lets a function of one stack write a table of another stack that its policy names by import', () => {
    expect(iam.guardCall(signedBy(bankHandler.accessKeyId, 'DynamoDB_20120810.PutItem'), putItem(ordersTable.ref))).toBeUndefined();
  });

  it('still refuses what no policy grants: the same function on its own stack\'s table', () => {
    const answer = iam.guardCall(signedBy(bankHandler.accessKeyId, 'DynamoDB_20120810.PutItem'), putItem(bankTable.ref));
    expect(answer).toMatchObject({ status: 400 });
    expect(log.at(-1)).toBe(
      `iam: AccessDeniedException: ${bankHandler.name} (role ${BANK}-ApiHandlerServiceRoleE6D5C4B3) may not dynamodb:PutItem on ${bankTable.attributes.Arn}: no identity-based policy allows it`,
    );
  });

  it("tells the two stacks' roles apart though they share a logical id: the orders' handler may write its own table only", () => {
    const ordersHandler = functionOf(ORDERS, 'ApiHandler5B8E3B2A');
    expect(iam.guardCall(signedBy(ordersHandler.accessKeyId, 'DynamoDB_20120810.PutItem'), putItem(ordersTable.ref))).toBeUndefined();
    expect(iam.guardCall(signedBy(ordersHandler.accessKeyId, 'DynamoDB_20120810.PutItem'), putItem(bankTable.ref))).toMatchObject({ status: 400 });
  });

  it("lets a function of one stack read another stack's table stream that its role's policy names by import", () => {
    const projector = functionOf(BANK, 'Projector1A2B3C4D');
    const mapping = resourceProps(resource(BANK, 'ProjectorOrdersEvents3E4F5A6B'));
    expect(mapping.EventSourceArn).toBe(ordersTable.attributes.StreamArn);
    expect(() => iam.assertEventSourceMapping({ id: 'ProjectorOrdersEvents', functionName: projector.name, eventSourceArn: String(mapping.EventSourceArn) })).not.toThrow();
  });

  it('refuses that event source mapping when the grant on the imported stream is missing, as AWS does', () => {
    const stacks = fixtureStacksWith(BANK, (t) => {
      const document = t.Resources.ProjectorServiceRoleDefaultPolicy5B4A3C2D!.Properties!.PolicyDocument as { Statement: unknown[] };
      document.Statement = document.Statement.slice(1);
    });
    const without = enforced(stacks);
    const projector = without.functionOf(BANK, 'Projector1A2B3C4D');
    const streamArn = without.resource(ORDERS, 'EventStoreEvents67C89B68').physical!.attributes.StreamArn!;
    expect(() => without.iam.assertEventSourceMapping({ id: 'ProjectorOrdersEvents', functionName: projector.name, eventSourceArn: streamArn })).toThrow(
      `ProjectorOrdersEvents: AWS refuses this event source mapping: the role ${BANK}-ProjectorServiceRole9F8E7D6C of ${projector.name} lacks dynamodb:DescribeStream on ${streamArn}`,
    );
  });
});
