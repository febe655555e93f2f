import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { readCloudAssembly, type TemplateResource } from '../../../local/template/cloud-assembly';
import { loadOrCreateSigningKey, mintToken } from '../../../local/oidc';
import { startLocalSystem, type LocalSystem } from '../../../local/system';
import { addProduct, createOrder } from '../../support/fixtures';
import type { SagaView } from '../../support/saga';
import { eventually } from '../../support/eventually';
import { TEST_RETRY_WAIT_MS } from '../../support/retry-wait';
import { describeLocal } from '../../support/local-only';
import { clientConfig, testEnv } from '../../support/test-env';

/**
 * The local runtime enforces the template's IAM: a second local system runs a copy of the
 * synthesized assembly with two grants taken out, and fails where AWS would — with
 * AccessDeniedException, named in the runtime's log — while everything still granted works.
 */
const ROOT = join(__dirname, '..', '..', '..');
const STATE_DIR = join(ROOT, '.local', 'iam-test');
const ACCOUNT = '000000000000';

type Resources = Record<string, TemplateResource>;
type Statement = { Action: string | string[]; Resource?: unknown };

const idOf = (resources: Resources, type: string, prefix: string) => {
  const id = Object.keys(resources).find((key) => resources[key]?.Type === type && key.startsWith(prefix));
  if (!id) throw new Error(`no ${type} ${prefix}… in the template`);
  return id;
};
/** The logical id of the role a resource's property names with `Fn::GetAtt [Role, Arn]`. */
const roleOf = (resources: Resources, id: string, property: string) => (resources[id]?.Properties?.[property] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

/** Takes `action` out of every statement of the role's policies that names `resourceId`; drops a statement left with no action. */
function withoutGrant(resources: Resources, roleId: string, action: string, resourceId: string): void {
  let removed = 0;
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' || !JSON.stringify(resource.Properties?.Roles).includes(`"${roleId}"`)) continue;
    const document = resource.Properties!.PolicyDocument as { Statement: Statement[] };
    document.Statement = document.Statement.flatMap((statement) => {
      if (!JSON.stringify(statement.Resource).includes(`"${resourceId}"`)) return [statement];
      const actions = [statement.Action].flat();
      removed += actions.filter((a) => a === action).length;
      const kept = actions.filter((a) => a !== action);
      return kept.length ? [{ ...statement, Action: kept }] : [];
    });
  }
  if (!removed) throw new Error(`${roleId} has no ${action} on ${resourceId} to take out`);
}

/**
 * A copy of the test run's assembly (the manifest, every stack's template and the functions'
 * bundles), with the orders stack's template changed; returns where it is and that stack's name.
 */
function copyAssembly(edit: (resources: Resources) => void): { dir: string; stackName: string } {
  const source = join(ROOT, 'cdk.out');
  const target = join(STATE_DIR, 'cdk.out');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(source, 'manifest.json'), join(target, 'manifest.json'));
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { templateFile?: string } }> };
  const stacks = readCloudAssembly(source);
  const orders = stacks.find((stack) => stack.stackName.endsWith('-Orders'))!;
  edit(orders.template.Resources);
  for (const stack of stacks) {
    const [id, artifact] = Object.entries(manifest.artifacts).find(([id, a]) => a.type === 'aws:cloudformation:stack' && (id === stack.stackName || a.properties?.templateFile === `${stack.stackName}.template.json`))!;
    writeFileSync(join(target, artifact.properties?.templateFile ?? `${id}.template.json`), JSON.stringify(stack.template));
    for (const resource of Object.values(stack.template.Resources)) {
      const asset = resource.Metadata?.['aws:asset:path'];
      if (typeof asset === 'string') cpSync(join(source, asset), join(target, asset), { recursive: true });
    }
  }
  return { dir: target, stackName: orders.stackName };
}

describeLocal('IAM, enforced from the template', 'it starts a second local system from a changed copy of the assembly', () => {
  let system: LocalSystem;
  const log: string[] = [];
  const ids = { createOrder: '', createOrderRole: '', confirmOrder: '', events: '', stockLevels: '' };
  let customer: string;
  let admin: string;

  const call = async <Body = Record<string, unknown>>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> => {
    const response = await fetch(`${system.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Body };
  };
  let ordersStack = '';
  /** A resource's local name, by its logical id in the orders stack (ids repeat across stacks). */
  const physical = (id: string) => system.physicalNames[`${ordersStack}/${id}`]!;
  const eventsTable = () => physical(ids.events);
  const stockLevelsTable = () => physical(ids.stockLevels);
  const localDynamo = () => new DynamoDBClient({ region: 'us-east-1', endpoint: system.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  beforeAll(async () => {
    const copy = copyAssembly((resources) => {
      ids.createOrder = idOf(resources, 'AWS::Lambda::Function', 'CreateOrder');
      ids.confirmOrder = idOf(resources, 'AWS::Lambda::Function', 'OrderSagaConfirmOrderFunction');
      ids.events = idOf(resources, 'AWS::DynamoDB::Table', 'EventStoreEvents');
      ids.stockLevels = idOf(resources, 'AWS::DynamoDB::Table', 'StockLevelsTable');
      ids.createOrderRole = roleOf(resources, ids.createOrder, 'Role');
      const machine = idOf(resources, 'AWS::StepFunctions::StateMachine', 'OrderSaga');
      withoutGrant(resources, ids.createOrderRole, 'dynamodb:PutItem', ids.events);
      withoutGrant(resources, roleOf(resources, machine, 'RoleArn'), 'lambda:InvokeFunction', ids.confirmOrder);
    });
    ordersStack = copy.stackName;
    system = await startLocalSystem({ assemblyDir: copy.dir, apiPort: 0, edgePort: 0, stateDir: STATE_DIR, retryWaitMs: TEST_RETRY_WAIT_MS, log: (line) => log.push(line) });
    const auth = system.auth!;
    const key = await loadOrCreateSigningKey(auth.keyFile);
    const common = { issuer: auth.issuer, audience: auth.audiences[0]!, ttlSeconds: 3600 };
    customer = await mintToken(key, { ...common, sub: 'c-1' });
    admin = await mintToken(key, { ...common, sub: 'admin-1', groups: ['admin'] });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  }, 30_000);

  it('a function without a grant fails as in AWS: API Gateway\'s 500, AccessDeniedException in the log, nothing appended', async () => {
    expect(system.iam.enforced).toBe(true);
    const res = await call(customer, 'POST', '/orders', { currency: 'EUR' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('AccessDenied');

    const functionName = physical(ids.createOrder);
    const tableArn = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${eventsTable()}`;
    const denial = log.find((line) => line.includes('AccessDeniedException') && line.includes(functionName) && line.includes('dynamodb:PutItem') && line.includes(tableArn));
    expect(denial).toBe(`iam: AccessDeniedException: ${functionName} (role ${physical(ids.createOrderRole)}) may not dynamodb:PutItem on ${tableArn}: no identity-based policy allows it`);
    const { Count } = await localDynamo().send(new ScanCommand({ TableName: eventsTable(), Select: 'COUNT' }));
    expect(Count).toBe(0);
  });

  it('what is still granted works on the same system', async () => {
    const res = await call(customer, 'GET', '/products?limit=5');
    expect(res).toMatchObject({ status: 200, body: { items: [] } });
    expect((await call(customer, 'GET', '/health')).status).toBe(200);
  });

  it('a state machine role that may not invoke a step\'s function: the step fails with Lambda.AWSLambdaException and the saga compensates', async () => {
    // CreateOrder cannot append here: the order (and its product) are made on the test run's
    // system and their events copied into this one, where placing the order starts the saga.
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 2 }]);
    const main = new DynamoDBClient(clientConfig('dynamodb'));
    const mainEvents = testEnv().outputs!.OrdersEventsTableName!;
    for (const streamId of [`product#${sku}`, `order#${orderId}`]) {
      const { Items = [] } = await main.send(
        new QueryCommand({ TableName: mainEvents, KeyConditionExpression: 'streamId = :s', ExpressionAttributeValues: { ':s': { S: streamId } }, ConsistentRead: true }),
      );
      for (const Item of Items as Record<string, AttributeValue>[]) await localDynamo().send(new PutItemCommand({ TableName: eventsTable(), Item }));
    }
    // And the product's stock level, which its ProductAdded created in the same transaction.
    const { Item: level } = await main.send(new GetItemCommand({ TableName: testEnv().outputs!.StockLevelsTableName!, Key: { sku: { S: sku } }, ConsistentRead: true }));
    await localDynamo().send(new PutItemCommand({ TableName: stockLevelsTable(), Item: level! }));
    await eventually(() => call(customer, 'GET', `/orders/${orderId}`), (r) => r.status === 200, { what: 'the copied order in the orders view' });

    expect((await call(customer, 'POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })).status).toBe(202);
    const saga = await eventually(
      () => call<SagaView>(admin, 'GET', `/orders/${orderId}/saga`),
      (r) => r.status === 200 && r.body.status !== 'RUNNING',
      { what: 'the saga to end', timeoutMs: 45_000, intervalMs: 250 },
    );
    // The stock was committed before ConfirmOrder was denied: compensation returns it.
    expect(saga.body.path.slice(0, 7)).toEqual(['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'RefundPayment', 'ReleaseStock', 'CancelOrder']);
    const confirm = saga.body.steps.find((s) => s.name === 'ConfirmOrder');
    expect(confirm).toMatchObject({ status: 'caught' });
    expect(confirm?.errors.every((e) => e === 'Lambda.AWSLambdaException')).toBe(true);
    const confirmArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${physical(ids.confirmOrder)}`;
    expect(log.some((line) => line.startsWith('iam: AccessDeniedException: state machine') && line.includes(`lambda:InvokeFunction on ${confirmArn}`))).toBe(true);

    // Compensated: the charge refunded, the stock back, the order cancelled.
    type Product = { onHand: number; reserved: number; available: number; sold: number };
    const product = await eventually(() => call<Product>(customer, 'GET', `/products/${sku}`), (r) => r.status === 200 && r.body.reserved === 0 && r.body.available === 5, { what: 'the stock given back' });
    expect(product.body).toMatchObject({ onHand: 5, sold: 0 });
    await eventually(() => call(customer, 'GET', `/orders/${orderId}`), (r) => r.body.status === 'cancelled', { what: 'the order cancelled' });
  }, 90_000);
});
