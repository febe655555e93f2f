import { readCloudAssembly } from '../../../local/template/cloud-assembly';
import { LocalAssembly } from '../../../local/template/local-assembly';
import { resourceProps } from '../../../local/template/stack-resource';
import { ACCOUNT, BANK, ENDPOINTS, fixtureAssembly, fixtureStacksWith, MULTI_STACK_ASSEMBLY, ORDERS, PLATFORM } from './multi-stack-fixture';

const assemblyOf = (stacks: ReturnType<typeof readCloudAssembly>) => new LocalAssembly(stacks, ACCOUNT, ENDPOINTS);

describe('a cloud assembly of several stacks', () => {
  const { assembly, resource } = fixtureAssembly();

  it('runs every stack of the manifest, each after the stacks it depends on (the manifest lists consumers first)', () => {
    expect(readCloudAssembly(MULTI_STACK_ASSEMBLY).map((s) => s.stackName)).toEqual([PLATFORM, ORDERS, BANK]);
    expect(assembly.stackNames).toEqual([PLATFORM, ORDERS, BANK]);
  });

  it("resolves Fn::ImportValue to the exporting stack's output, as CloudFormation does", () => {
    const route = resourceProps(resource(ORDERS, 'PlaceOrderRoute8B9C0D1E'));
    expect(route.ApiId).toBe(resource(PLATFORM, 'HttpApiF5A9A8A7').physical!.ref);
    expect(route.AuthorizerId).toBe(resource(PLATFORM, 'HttpApiUsersAuthorizer1C2D3E4F').physical!.ref);
    // The bus name from the imported ARN (Fn::Select of Fn::Split), under an export name made with Fn::Sub.
    const environment = resourceProps(resource(ORDERS, 'ApiHandler5B8E3B2A')).Environment as { Variables: Record<string, string> };
    expect(environment.Variables.BUS_NAME).toBe('orderline-test-events');
    const rule = resourceProps(resource(ORDERS, 'PaymentTakenRule6C7D8E9F'));
    expect(rule.EventBusName).toBe('orderline-test-events');
    const bankEnvironment = resourceProps(resource(BANK, 'ApiHandler5B8E3B2A')).Environment as { Variables: Record<string, string> };
    expect(bankEnvironment.Variables.ORDERS_TABLE).toBe(`${ORDERS}-EventStoreEvents67C89B68`);
  });

  it("refuses a stack over CloudFormation's 500 resources, with CloudFormation's error, and runs one at 500", () => {
    const padded = (n: number) =>
      fixtureStacksWith(BANK, (t) => {
        for (let i = Object.keys(t.Resources).length; i < n; i++) t.Resources[`Pad${i}`] = { Type: 'AWS::SQS::Queue', Properties: {} };
      });
    expect(() => assemblyOf(padded(501))).toThrow(`${BANK}: Template format error: Number of resources, 501, is greater than maximum allowed, 500`);
    expect(assemblyOf(padded(500)).stackNames).toContain(BANK);
  });

  it('reads an export when it is imported, so an exported stream ARN is the real one once the table exists', () => {
    const ordersEvents = resource(ORDERS, 'EventStoreEvents67C89B68').physical!;
    expect(resourceProps(resource(BANK, 'ProjectorOrdersEvents3E4F5A6B')).EventSourceArn).toBe(ordersEvents.attributes.StreamArn);
    ordersEvents.attributes.StreamArn = `${ordersEvents.attributes.Arn}/stream/2026-02-02T00:00:00.000`;
    expect(resourceProps(resource(BANK, 'ProjectorOrdersEvents3E4F5A6B')).EventSourceArn).toBe(ordersEvents.attributes.StreamArn);
  });

  it('gives resources with the same logical id in several stacks each its own physical name, and resolves each in its own stack', () => {
    const [ordersTable, bankTable] = [ORDERS, BANK].map((s) => resource(s, 'EventStoreEvents67C89B68').physical!.ref);
    expect([ordersTable, bankTable]).toEqual([`${ORDERS}-EventStoreEvents67C89B68`, `${BANK}-EventStoreEvents67C89B68`]);
    const tableOf = (stackName: string) => (resourceProps(resource(stackName, 'ApiHandler5B8E3B2A')).Environment as { Variables: Record<string, string> }).Variables.TABLE;
    expect([tableOf(ORDERS), tableOf(BANK)]).toEqual([ordersTable, bankTable]);
    expect(assembly.ofType('AWS::DynamoDB::Table').map((r) => r.label)).toEqual([`${ORDERS}/EventStoreEvents67C89B68`, `${BANK}/EventStoreEvents67C89B68`]);
  });

  it('names every resource by stack and logical id, and by bare logical id only where that is unique', () => {
    const names = assembly.physicalNames();
    expect(names[`${ORDERS}/EventStoreEvents67C89B68`]).toBe(`${ORDERS}-EventStoreEvents67C89B68`);
    expect(names[`${BANK}/EventStoreEvents67C89B68`]).toBe(`${BANK}-EventStoreEvents67C89B68`);
    expect(names).not.toHaveProperty('EventStoreEvents67C89B68');
    expect(names.Projector1A2B3C4D).toBe(`${BANK}-Projector1A2B3C4D`);
    expect(names.Projector1A2B3C4D).toBe(names[`${BANK}/Projector1A2B3C4D`]);
  });

  it("merges every stack's outputs into one record, and keeps them by stack too", () => {
    const { outputs, stackOutputs } = assembly.outputs();
    expect(outputs).toMatchObject({ ApiUrl: ENDPOINTS.apiUrl, OrdersEventsTableName: `${ORDERS}-EventStoreEvents67C89B68`, BankEventsTableName: `${BANK}-EventStoreEvents67C89B68` });
    expect(stackOutputs[PLATFORM]?.ExportHttpApiId).toBe(`${PLATFORM}-HttpApiF5A9A8A7`);
    expect(Object.keys(stackOutputs)).toEqual([PLATFORM, ORDERS, BANK]);
  });
});

describe('what a cloud assembly of several stacks cannot run: a startup error naming it', () => {
  it('an import no stack exports, naming the stack, the resource and the export', () => {
    const stacks = fixtureStacksWith(ORDERS, (t) => (t.Resources.PlaceOrderRoute8B9C0D1E!.Properties!.ApiId = { 'Fn::ImportValue': 'Orderline-test-NoSuchApi' }));
    expect(() => assemblyOf(stacks)).toThrow(`${ORDERS}: PlaceOrderRoute8B9C0D1E imports Orderline-test-NoSuchApi, which no stack of the assembly exports`);
  });

  it('an import from a stack the importer does not depend on (CloudFormation may deploy the importer first)', () => {
    const stacks = fixtureStacksWith(BANK, () => undefined);
    stacks.find((s) => s.stackName === BANK)!.dependsOn = [PLATFORM];
    expect(() => assemblyOf(stacks)).toThrow(`${BANK}: ApiHandlerServiceRoleDefaultPolicy0A1B2C3D imports Orderline-test-OrdersEventsTableArn, which ${ORDERS} exports, but ${BANK} does not depend on ${ORDERS}`);
  });

  it('an export name two stacks define, naming both stacks and their outputs', () => {
    const stacks = fixtureStacksWith(BANK, (t) => (t.Outputs!.BankEventsTableName!.Export = { Name: 'Orderline-test-HttpApiId' }));
    expect(() => assemblyOf(stacks)).toThrow(`export Orderline-test-HttpApiId is defined twice, by ${PLATFORM} (output ExportHttpApiId) and by ${BANK} (output BankEventsTableName)`);
  });

  it('an output key two stacks use, naming both stacks', () => {
    const stacks = fixtureStacksWith(BANK, (t) => (t.Outputs!.ApiUrl = { Value: 'elsewhere' }));
    expect(() => assemblyOf(stacks)).toThrow(`output ApiUrl is in both ${PLATFORM} and ${BANK}`);
  });

  it('a resource type the runtime lacks, with its stack', () => {
    const stacks = fixtureStacksWith(ORDERS, (t) => (t.Resources.Cache = { Type: 'AWS::ElastiCache::CacheCluster' }));
    expect(() => assemblyOf(stacks)).toThrow(`the local runtime cannot run these resources of ${ORDERS}:\n  ${ORDERS}/Cache (AWS::ElastiCache::CacheCluster)`);
  });
});
