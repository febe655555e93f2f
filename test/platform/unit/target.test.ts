import { resolveTarget } from '../../support/target';

const outputs = JSON.stringify({
  'Orderline-dev-Platform': { ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/' },
  'Orderline-dev-Orders': { OrdersEventsTableName: 'events' },
  'Orderline-prod-Platform': { ApiUrl: 'https://prod.example/' },
});
const files = (content: Record<string, string>) => (path: string) => content[path];

describe('where the integration suite runs (TARGET)', () => {
  it('starts the local runtime by default and for TARGET=local', () => {
    expect(resolveTarget({}, files({}))).toEqual({ name: 'local' });
    expect(resolveTarget({ TARGET: 'local' }, files({}))).toEqual({ name: 'local' });
  });

  it("points at a deployed AWS stage through its stacks' outputs, read as one, with the SDK default endpoints", () => {
    const target = resolveTarget({ TARGET: 'aws', AWS_REGION: 'eu-west-1' }, files({ 'cdk-outputs.json': outputs }));
    expect(target).toEqual({
      name: 'aws',
      env: {
        target: 'aws',
        region: 'eu-west-1',
        apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
        edgeUrl: undefined,
        dynamodbEndpoint: undefined,
        outputs: { ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/', OrdersEventsTableName: 'events' },
        faultInjection: false,
      },
    });
  });

  it('sends every AWS call of a LocalStack run to its endpoint', () => {
    const target = resolveTarget({ TARGET: 'localstack', LOCALSTACK_ENDPOINT: 'http://127.0.0.1:4566' }, files({ 'cdk-outputs.json': outputs }));
    expect(target).toMatchObject({ name: 'localstack', env: { edgeUrl: 'http://127.0.0.1:4566', dynamodbEndpoint: 'http://127.0.0.1:4566', region: 'us-east-1', faultInjection: false } });
    expect(resolveTarget({ TARGET: 'localstack' }, files({ 'cdk-outputs.json': outputs }))).toMatchObject({ env: { edgeUrl: 'http://localhost:4566' } });
  });

  it('reads another outputs file and stage when told to', () => {
    const target = resolveTarget({ TARGET: 'aws', ORDERLINE_OUTPUTS: 'out/prod.json', ORDERLINE_STAGE: 'prod' }, files({ 'out/prod.json': outputs }));
    expect(target).toMatchObject({ env: { apiUrl: 'https://prod.example' } });
  });

  it('says what to do when the target is unknown or the stack outputs are missing', () => {
    expect(() => resolveTarget({ TARGET: 'staging' }, files({}))).toThrow(/TARGET=staging is not a target; use one of local, localstack, aws/);
    expect(() => resolveTarget({ TARGET: 'aws' }, files({}))).toThrow(/npx cdk deploy --all --outputs-file cdk-outputs.json/);
    expect(() => resolveTarget({ TARGET: 'localstack' }, files({}))).toThrow(/npx cdklocal deploy --all --outputs-file/);
    expect(() => resolveTarget({ TARGET: 'aws', ORDERLINE_STAGE: 'qa' }, files({ 'cdk-outputs.json': outputs }))).toThrow(/no ApiUrl output of a stack of stage qa/);
  });
});
