import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_THROTTLE } from '../../../../lib/platform/http-api';
import { OrderlineStack } from '../../../../lib/orderline-stack';

/** Bundling is skipped here; `npm start` covers the real synth. */
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const template = Template.fromStack(new OrderlineStack(app, 'Orderline-snapshots', { stage: 'test', throttle: DEFAULT_THROTTLE }));

type Statement = { Action: string | string[]; Resource: unknown };
const tables = template.findResources('AWS::DynamoDB::Table');
const idOf = (predicate: (properties: Record<string, any>) => boolean) => Object.keys(tables).find((id) => predicate(tables[id]!.Properties))!;
const eventsTable = idOf((p) => p.StreamSpecification !== undefined);
const snapshotsTable = idOf((p) => p.KeySchema.length === 1 && p.KeySchema[0].AttributeName === 'streamId');

/** The actions each role's policy grants on a table, by role. */
function grantsOn(table: string): Map<string, string[]> {
  const grants = new Map<string, string[]>();
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const statements: Statement[] = policy.Properties.PolicyDocument.Statement;
    const actions = statements.filter((s) => JSON.stringify(s.Resource).includes(`"${table}"`)).flatMap((s) => [s.Action].flat());
    if (actions.length) grants.set(String(policy.Properties.Roles[0].Ref), actions.sort());
  }
  return grants;
}

describe('the snapshots table', () => {
  it('is keyed by stream alone and goes with the stack: snapshots are rebuilt from the events', () => {
    expect(snapshotsTable).toMatch(/^EventStoreSnapshots/);
    expect(tables[snapshotsTable]).toMatchObject({
      DeletionPolicy: 'Delete',
      Properties: { KeySchema: [{ AttributeName: 'streamId', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' },
    });
    expect(tables[snapshotsTable]!.Properties.StreamSpecification).toBeUndefined();
  });

  it('is read and written (GetItem, PutItem, nothing else) by exactly the functions that append events', () => {
    const appenders = [...grantsOn(eventsTable)].filter(([, actions]) => actions.includes('dynamodb:PutItem')).map(([role]) => role).sort();
    const snapshotters = grantsOn(snapshotsTable);
    expect([...snapshotters.keys()].sort()).toEqual(appenders);
    for (const actions of snapshotters.values()) expect(actions).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
  });

  it('is named to every function that may use it, in SNAPSHOTS_TABLE', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const named = functions.filter((fn) => fn.Properties.Environment?.Variables?.SNAPSHOTS_TABLE);
    expect(named.length).toBe(grantsOn(snapshotsTable).size);
    for (const fn of named) expect(fn.Properties.Environment.Variables.SNAPSHOTS_TABLE).toEqual({ Ref: snapshotsTable });
  });
});
