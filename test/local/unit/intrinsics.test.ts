import type { TemplateResource } from '../../../local/template/cloud-assembly';
import { IntrinsicResolver, UnresolvableError, type PhysicalResource } from '../../../local/template/intrinsics';

const resources: Record<string, TemplateResource> = {
  Events: { Type: 'AWS::DynamoDB::Table' },
  Fn: { Type: 'AWS::Lambda::Function' },
  Role: { Type: 'AWS::IAM::Role' },
};
const physical: Record<string, PhysicalResource> = {
  Events: { ref: 'stack-Events', attributes: { Arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/stack-Events', StreamArn: 'arn:stream' } },
  Fn: { ref: 'stack-Fn', attributes: { Arn: 'arn:aws:lambda:us-east-1:000000000000:function:stack-Fn' } },
};
const resolver = new IntrinsicResolver(
  { region: 'us-east-1', accountId: '000000000000', stackName: 'stack', partition: 'aws', urlSuffix: 'amazonaws.com' },
  resources,
  (id) => physical[id],
);

describe('intrinsic functions resolved to local values', () => {
  it('resolves Ref and Fn::GetAtt in both forms', () => {
    expect(resolver.resolve({ Ref: 'Events' })).toBe('stack-Events');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Events', 'StreamArn'] })).toBe('arn:stream');
    expect(resolver.resolve({ 'Fn::GetAtt': 'Fn.Arn' })).toBe(physical.Fn?.attributes.Arn);
  });

  it('resolves pseudo parameters', () => {
    expect(resolver.resolve({ Ref: 'AWS::Region' })).toBe('us-east-1');
    expect(resolver.resolve({ Ref: 'AWS::AccountId' })).toBe('000000000000');
    expect(resolver.resolve({ Ref: 'AWS::Partition' })).toBe('aws');
  });

  it('resolves Fn::Join of nested intrinsics, as in a state machine definition', () => {
    const definition = { 'Fn::Join': ['', ['{"Resource":"', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '","Table":"', { Ref: 'Events' }, '"}']] };
    expect(JSON.parse(resolver.resolveString(definition))).toEqual({ Resource: physical.Fn?.attributes.Arn, Table: 'stack-Events' });
  });

  it('resolves Fn::Sub with resource names, attributes, pseudo parameters and variables', () => {
    expect(resolver.resolve({ 'Fn::Sub': 'cdk-assets-${AWS::AccountId}-${AWS::Region}' })).toBe('cdk-assets-000000000000-us-east-1');
    expect(resolver.resolve({ 'Fn::Sub': ['${Events.Arn}/${Extra}', { Extra: { Ref: 'Fn' } }] })).toBe(`${physical.Events?.attributes.Arn}/stack-Fn`);
  });

  it('resolves Fn::Select and Fn::Split', () => {
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] })).toBe('b');
  });

  it('resolves plain objects and arrays deeply, leaving literals alone', () => {
    expect(resolver.resolve({ Variables: { TABLE: { Ref: 'Events' }, N: 3, List: [{ Ref: 'Fn' }, 'x'] } })).toEqual({
      Variables: { TABLE: 'stack-Events', N: 3, List: ['stack-Fn', 'x'] },
    });
  });

  it('fails with the path for anything it cannot resolve, never guessing', () => {
    expect(() => resolver.resolve({ Env: { X: { 'Fn::GetAZs': '' } } })).toThrow(UnresolvableError);
    expect(() => resolver.resolve({ Env: { X: { 'Fn::GetAZs': '' } } })).toThrow(/\$\.Env\.X\.Fn::GetAZs: .*does not support Fn::GetAZs/);
    expect(() => resolver.resolve({ Env: { X: { 'Fn::ImportValue': 'Other' } } })).toThrow(/\$\.Env\.X\.Fn::ImportValue: Fn::ImportValue of Other: no other stack exports anything here/);
    expect(() => resolver.resolve({ Ref: 'Missing' })).toThrow(/no resource or parameter named Missing/);
    expect(() => resolver.resolve({ Ref: 'Role' })).toThrow(/AWS::IAM::Role Role has no local counterpart/);
    expect(() => resolver.resolve({ 'Fn::GetAtt': ['Fn', 'SnapStartResponse'] })).toThrow(/no local value for attribute SnapStartResponse/);
  });
});

describe('Fn::ImportValue', () => {
  it('reads the export it is given, by its resolved name, and fails with the path when it cannot', () => {
    const exports: Record<string, string> = { 'Orderline-dev-ApiId': 'Orderline-dev-Platform-HttpApi' };
    const importing = new IntrinsicResolver(
      { region: 'us-east-1', accountId: '000000000000', stackName: 'Orderline-dev-Orders', partition: 'aws', urlSuffix: 'amazonaws.com' },
      resources,
      (id) => physical[id],
      (name, path) => exports[name] ?? (() => { throw new UnresolvableError(`no export ${name}`, path); })(),
    );
    expect(importing.resolve({ 'Fn::ImportValue': 'Orderline-dev-ApiId' })).toBe('Orderline-dev-Platform-HttpApi');
    expect(importing.resolve({ 'Fn::Join': ['/', [{ 'Fn::ImportValue': { 'Fn::Join': ['-', ['Orderline', 'dev', 'ApiId']] } }, 'x']] })).toBe('Orderline-dev-Platform-HttpApi/x');
    expect(() => importing.resolve({ Env: { 'Fn::ImportValue': 'Nobody' } })).toThrow('$.Env.Fn::ImportValue: no export Nobody');
  });
});
