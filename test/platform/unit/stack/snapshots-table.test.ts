import type { Template } from 'aws-cdk-lib/assertions';
import { synthTemplates } from '../../../support/app';

const app = synthTemplates();
type Statement = { Action: string | string[]; Resource: unknown };
type Store = { template: Template; tables: Record<string, any>; eventsTable: string; snapshotsTable: string };
/** Each context's event store: its events table and its snapshots table. */
const stores: [string, Store][] = app.contexts.map((stack) => {
  const template = app.template(stack.stackName.split('-').at(-1)!);
  const tables = template.findResources('AWS::DynamoDB::Table');
  const idOf = (predicate: (properties: Record<string, any>) => boolean) => Object.keys(tables).find((id) => predicate(tables[id]!.Properties))!;
  return [stack.stackName, { template, tables, eventsTable: idOf((p) => p.StreamSpecification !== undefined), snapshotsTable: idOf((p) => p.KeySchema.length === 1 && p.KeySchema[0].AttributeName === 'streamId') }];
});

/** The actions each role's policy grants on a table, by role. */
function grantsOn(template: Template, table: string): Map<string, string[]> {
  const grants = new Map<string, string[]>();
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const statements: Statement[] = policy.Properties.PolicyDocument.Statement;
    const actions = statements.filter((s) => JSON.stringify(s.Resource).includes(`"${table}"`)).flatMap((s) => [s.Action].flat());
    if (actions.length) grants.set(String(policy.Properties.Roles[0].Ref), actions.sort());
  }
  return grants;
}

describe.each(stores)('the snapshots table of %s', (_stack, { template, tables, eventsTable, snapshotsTable }) => {
  it('is keyed by stream alone and goes with the stack: snapshots are rebuilt from the events', () => {
    expect(snapshotsTable).toMatch(/^EventStoreSnapshots/);
    expect(tables[snapshotsTable]).toMatchObject({
      DeletionPolicy: 'Delete',
      Properties: { KeySchema: [{ AttributeName: 'streamId', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' },
    });
    expect(tables[snapshotsTable]!.Properties.StreamSpecification).toBeUndefined();
  });

  it('is read and written (GetItem, PutItem, nothing else) by exactly the functions that append events', () => {
    const appenders = [...grantsOn(template, eventsTable)].filter(([, actions]) => actions.includes('dynamodb:PutItem')).map(([role]) => role).sort();
    const snapshotters = grantsOn(template, snapshotsTable);
    expect([...snapshotters.keys()].sort()).toEqual(appenders);
    for (const actions of snapshotters.values()) expect(actions).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
  });

  it('is named to every function that may use it, in SNAPSHOTS_TABLE', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const named = functions.filter((fn) => fn.Properties.Environment?.Variables?.SNAPSHOTS_TABLE);
    expect(named.length).toBe(grantsOn(template, snapshotsTable).size);
    for (const fn of named) expect(fn.Properties.Environment.Variables.SNAPSHOTS_TABLE).toEqual({ Ref: snapshotsTable });
  });
});
