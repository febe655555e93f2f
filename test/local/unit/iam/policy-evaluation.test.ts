import { evaluate, type AccessRequest } from '../../../../local/iam/evaluate';
import { compilePolicy, type PolicyDocument } from '../../../../local/iam/policy';
import { requestContext, type ContextValue } from '../../../../local/iam/request-context';

/**
 * The evaluator against the examples of AWS's IAM documentation (policy evaluation logic, the
 * Action/NotAction/Resource/NotResource elements, condition operators, multivalued keys, and
 * DynamoDB's fine-grained access control): facts taken from the docs, policies written here.
 */
const KNOWN_KEYS = new Set(
  ['aws:PrincipalArn', 'aws:userid', 'aws:CurrentTime', 'aws:SecureTransport', 'aws:SourceArn', 'aws:RequestedRegion', 'dynamodb:LeadingKeys', 'dynamodb:Select', 'dynamodb:Attributes'].map((k) =>
    k.toLowerCase(),
  ),
);
const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/GameScores';

const policy = (...Statement: Record<string, unknown>[]) => compilePolicy('test', { Version: '2012-10-17', Statement } as PolicyDocument, KNOWN_KEYS);
const request = (action: string, resource: string, context: Record<string, ContextValue | undefined> = {}): AccessRequest => ({ action, resource, context: requestContext(context) });
const decide = (statements: Record<string, unknown>[], req: AccessRequest) => evaluate([policy(...statements)], req).effect;

describe('evaluating identity-based policies', () => {
  it('allows what an Allow statement covers, and denies everything else implicitly', () => {
    const statements = [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: TABLE }];
    expect(decide(statements, request('dynamodb:GetItem', TABLE))).toBe('allow');
    expect(decide(statements, request('dynamodb:PutItem', TABLE))).toBe('implicit-deny');
    expect(decide(statements, request('dynamodb:GetItem', `${TABLE}-other`))).toBe('implicit-deny');
    expect(decide([], request('dynamodb:GetItem', TABLE))).toBe('implicit-deny');
  });

  it('lets an explicit Deny win over any Allow, in the same policy or another', () => {
    const allowAll = { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' };
    const denyDelete = { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: TABLE };
    expect(decide([allowAll, denyDelete], request('dynamodb:DeleteItem', TABLE))).toBe('explicit-deny');
    expect(decide([allowAll, denyDelete], request('dynamodb:PutItem', TABLE))).toBe('allow');
    const [first, second] = [policy(allowAll), compilePolicy('other', { Version: '2012-10-17', Statement: denyDelete }, KNOWN_KEYS)];
    const decision = evaluate([first, second], request('dynamodb:DeleteItem', TABLE));
    expect(decision).toMatchObject({ effect: 'explicit-deny', statement: { label: 'other statement #1' } });
  });

  it('matches actions with wildcards and without regard to case', () => {
    const statements = [{ Effect: 'Allow', Action: ['dynamodb:Get*', 'states:Describe?xecution'], Resource: '*' }];
    expect(decide(statements, request('dynamodb:GetItem', TABLE))).toBe('allow');
    expect(decide(statements, request('DYNAMODB:getitem', TABLE))).toBe('allow');
    expect(decide(statements, request('dynamodb:BatchGetItem', TABLE))).toBe('implicit-deny');
    expect(decide(statements, request('states:DescribeExecution', 'arn:aws:states:us-east-1:1:execution:m:e'))).toBe('allow');
  });

  it('matches resources with wildcards, case-sensitively, a mid-segment * never crossing a colon', () => {
    const statements = [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ['arn:aws:sqs:*:111122223333:orders-?', 'arn:aws:sqs:us-east-1:111122223333:dlq-*-dev'] }];
    expect(decide(statements, request('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:orders-1'))).toBe('allow');
    expect(decide(statements, request('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:orders-12'))).toBe('implicit-deny');
    expect(decide(statements, request('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111122223333:Orders-1'))).toBe('implicit-deny');
    expect(decide(statements, request('sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:dlq-a-dev'))).toBe('allow');
    expect(decide(statements, request('sqs:SendMessage', 'arn:aws:sqs:us-east-1:111122223333:dlq-a:b-dev'))).toBe('implicit-deny');
    // A * that ends a segment may run on past colons, so `*` alone covers every resource.
    expect(decide([{ Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:*' }], request('sqs:SendMessage', 'arn:aws:sqs:eu-west-1:1:q'))).toBe('allow');
  });

  it('takes a table grant to cover neither its indexes nor its stream, which need their own ARNs', () => {
    const table = [{ Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:GetRecords'], Resource: TABLE }];
    const index = `${TABLE}/index/byCustomer`;
    const stream = `${TABLE}/stream/2026-11-23T11:47:00.000`;
    expect(decide(table, request('dynamodb:Query', index))).toBe('implicit-deny');
    expect(decide(table, request('dynamodb:GetRecords', stream))).toBe('implicit-deny');
    const withSuffixes = [{ Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:GetRecords'], Resource: [`${TABLE}/index/*`, `${TABLE}/stream/*`] }];
    expect(decide(withSuffixes, request('dynamodb:Query', index))).toBe('allow');
    expect(decide(withSuffixes, request('dynamodb:GetRecords', stream))).toBe('allow');
    expect(decide(withSuffixes, request('dynamodb:Query', TABLE))).toBe('implicit-deny');
  });

  it('covers executions of one state machine with `execution:<name>:*`', () => {
    const statements = [{ Effect: 'Allow', Action: 'states:DescribeExecution', Resource: 'arn:aws:states:us-east-1:111122223333:execution:Saga:*' }];
    expect(decide(statements, request('states:DescribeExecution', 'arn:aws:states:us-east-1:111122223333:execution:Saga:order-1'))).toBe('allow');
    expect(decide(statements, request('states:DescribeExecution', 'arn:aws:states:us-east-1:111122223333:execution:SagaV2:order-1'))).toBe('implicit-deny');
  });

  it('NotAction with Allow: every action but those listed, on the resources given', () => {
    // The documented example: all of S3 on any S3 resource but deleting a bucket.
    const statements = [{ Effect: 'Allow', NotAction: 's3:DeleteBucket', Resource: 'arn:aws:s3:::*' }];
    expect(decide(statements, request('s3:GetObject', 'arn:aws:s3:::bucket/key'))).toBe('allow');
    expect(decide(statements, request('s3:DeleteBucket', 'arn:aws:s3:::bucket'))).toBe('implicit-deny');
    // Other services' actions are not covered, for their resources are not S3's.
    expect(decide(statements, request('dynamodb:GetItem', TABLE))).toBe('implicit-deny');
    // Everything but IAM.
    expect(decide([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], request('iam:CreateUser', 'arn:aws:iam::1:user/bob'))).toBe('implicit-deny');
    expect(decide([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], request('dynamodb:PutItem', TABLE))).toBe('allow');
  });

  it('NotResource with Deny: denies every resource but those listed, and grants nothing by itself', () => {
    // The documented HRPayroll example.
    const deny = { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'] };
    expect(decide([deny], request('s3:GetObject', 'arn:aws:s3:::HRBucket/Payroll/slip.pdf'))).toBe('implicit-deny');
    expect(decide([deny], request('s3:GetObject', 'arn:aws:s3:::HRBucket/Other/x'))).toBe('explicit-deny');
    const allow = { Effect: 'Allow', Action: 's3:*', Resource: '*' };
    expect(decide([deny, allow], request('s3:GetObject', 'arn:aws:s3:::HRBucket/Payroll/slip.pdf'))).toBe('allow');
    expect(decide([deny, allow], request('s3:GetObject', 'arn:aws:s3:::HRBucket/Other/x'))).toBe('explicit-deny');
  });
});

describe('conditions', () => {
  const onlyOwnItems = (operator: string) => [
    { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'], Resource: TABLE, Condition: { [operator]: { 'dynamodb:LeadingKeys': ['${aws:userid}'] } } },
  ];
  const caller = { 'aws:userid': 'AROAEXAMPLE:c-1' };

  it('ForAllValues with dynamodb:LeadingKeys: every partition key the request touches must be the caller\'s', () => {
    const statements = onlyOwnItems('ForAllValues:StringEquals');
    expect(decide(statements, request('dynamodb:GetItem', TABLE, { ...caller, 'dynamodb:LeadingKeys': ['AROAEXAMPLE:c-1'] }))).toBe('allow');
    expect(decide(statements, request('dynamodb:BatchGetItem', TABLE, { ...caller, 'dynamodb:LeadingKeys': ['AROAEXAMPLE:c-1', 'AROAEXAMPLE:c-2'] }))).toBe('implicit-deny');
    // ForAllValues is true of a missing key: a Scan carries no LeadingKeys, so this lets it read every item.
    expect(decide(statements, request('dynamodb:Scan', TABLE, caller))).toBe('allow');
  });

  it('ForAnyValue needs the key: a request without it does not match', () => {
    const statements = onlyOwnItems('ForAnyValue:StringEquals');
    expect(decide(statements, request('dynamodb:BatchGetItem', TABLE, { ...caller, 'dynamodb:LeadingKeys': ['AROAEXAMPLE:c-2', 'AROAEXAMPLE:c-1'] }))).toBe('allow');
    expect(decide(statements, request('dynamodb:Scan', TABLE, caller))).toBe('implicit-deny');
  });

  it('…IfExists passes a request without the key and checks one with it', () => {
    // DynamoDB's documented pairing: only specific attributes, if the request says what it selects.
    const statements = [
      {
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: TABLE,
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'score'] }, StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' } },
      },
    ];
    expect(decide(statements, request('dynamodb:Query', TABLE, { 'dynamodb:Attributes': ['pk'] }))).toBe('allow');
    expect(decide(statements, request('dynamodb:Query', TABLE, { 'dynamodb:Attributes': ['pk'], 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' }))).toBe('allow');
    expect(decide(statements, request('dynamodb:Query', TABLE, { 'dynamodb:Select': 'ALL_ATTRIBUTES' }))).toBe('implicit-deny');
    expect(decide(statements, request('dynamodb:Query', TABLE, { 'dynamodb:Attributes': ['pk', 'secret'] }))).toBe('implicit-deny');
  });

  it('a missing key fails a positive operator and passes a negated one; Null tests for it', () => {
    const allowIf = (Condition: Record<string, unknown>) => [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition }];
    const invoke = (context: Record<string, string> = {}) => request('lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:1:function:f', context);
    expect(decide(allowIf({ StringEquals: { 'aws:SourceArn': 'arn:x' } }), invoke())).toBe('implicit-deny');
    expect(decide(allowIf({ StringNotEquals: { 'aws:SourceArn': 'arn:x' } }), invoke())).toBe('allow');
    expect(decide(allowIf({ StringNotEquals: { 'aws:SourceArn': ['arn:x', 'arn:y'] } }), invoke({ 'aws:SourceArn': 'arn:y' }))).toBe('implicit-deny');
    expect(decide(allowIf({ Null: { 'aws:SourceArn': 'true' } }), invoke())).toBe('allow');
    expect(decide(allowIf({ Null: { 'aws:SourceArn': 'false' } }), invoke())).toBe('implicit-deny');
    expect(decide(allowIf({ Null: { 'aws:SourceArn': 'false' } }), invoke({ 'aws:SourceArn': 'arn:x' }))).toBe('allow');
  });

  it('ANDs operators and keys, ORs the values of one key; compares ARNs, booleans, numbers and dates', () => {
    const at = (time: string, extra: Record<string, string> = {}) => request('s3:GetObject', 'arn:aws:s3:::b/k', { 'aws:CurrentTime': time, 'aws:SecureTransport': 'true', ...extra });
    const statements = [
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: {
          DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
          DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' },
          Bool: { 'aws:SecureTransport': 'true' },
          StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] },
        },
      },
    ];
    expect(decide(statements, at('2026-06-01T00:00:00Z', { 'aws:RequestedRegion': 'us-east-1' }))).toBe('allow');
    expect(decide(statements, at('2027-06-01T00:00:00Z', { 'aws:RequestedRegion': 'us-east-1' }))).toBe('implicit-deny');
    expect(decide(statements, at('2026-06-01T00:00:00Z', { 'aws:RequestedRegion': 'ap-south-1' }))).toBe('implicit-deny');
    expect(decide(statements, at('2026-06-01T00:00:00Z', { 'aws:RequestedRegion': 'us-east-1', 'aws:SecureTransport': 'false' }))).toBe('implicit-deny');

    const fromRule = [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:execute-api:us-east-1:1:api/*/*/orders/{id}' } } }];
    const invokeFor = (source: string) => request('lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:1:function:f', { 'aws:SourceArn': source });
    expect(decide(fromRule, invokeFor('arn:aws:execute-api:us-east-1:1:api/$default/GET/orders/{id}'))).toBe('allow');
    expect(decide(fromRule, invokeFor('arn:aws:execute-api:us-east-1:1:api/$default/GET/orders'))).toBe('implicit-deny');
    expect(decide(fromRule, invokeFor('arn:aws:execute-api:eu-west-1:1:api/$default/GET/orders/{id}'))).toBe('implicit-deny');
  });
});

describe('the fail-closed rule for what the runtime cannot evaluate', () => {
  it('an Allow statement with an unknown key or operator grants nothing', () => {
    const unknownKey = policy({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'orders' } } });
    const unknownOperator = policy({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    expect(unknownKey.statements[0]?.unevaluable).toBe('the condition key aws:ResourceTag/team');
    expect(unknownOperator.statements[0]?.unevaluable).toBe('the condition operator IpAddress');
    expect(evaluate([unknownKey, unknownOperator], request('dynamodb:GetItem', TABLE)).effect).toBe('implicit-deny');
  });

  it('a Deny statement with one denies whatever it covers, whatever the condition', () => {
    const allowAll = { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' };
    const deny = { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/role': 'admin' } } };
    expect(decide([allowAll, deny], request('dynamodb:DeleteItem', TABLE))).toBe('explicit-deny');
    expect(decide([allowAll, deny], request('dynamodb:GetItem', TABLE))).toBe('allow');
  });

  it('a policy variable of an unknown key makes the statement unevaluable too', () => {
    const compiled = policy({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE, Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': '${cognito-identity.amazonaws.com:sub}' } } });
    expect(compiled.statements[0]?.unevaluable).toBe('the policy variable ${cognito-identity.amazonaws.com:sub}');
  });
});
