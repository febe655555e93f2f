import { matchesPattern, UnsupportedPatternError, validatePattern } from '../../../local/event-bridge/event-pattern';

/** Cases follow the examples of the AWS EventBridge documentation ("Event patterns", "Content filtering"). */
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated', 'c-count': 5, 'd-count': 12, 'source-ip': '10.0.0.123', nothing: null, empty: '' },
};

const cases: [string, Record<string, unknown>, boolean][] = [
  ['exact string', { source: ['aws.ec2'] }, true],
  ['exact string, no match', { source: ['aws.s3'] }, false],
  ['any of several values', { detail: { state: ['running', 'terminated'] } }, true],
  ['a value inside an event array', { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] }, true],
  ['all fields must match', { source: ['aws.ec2'], detail: { state: ['running'] } }, false],
  ['null matches null', { detail: { nothing: [null] } }, true],
  ['null does not match a missing field', { detail: { absent: [null] } }, false],
  ['empty string', { detail: { empty: [''] } }, true],
  ['number', { detail: { 'c-count': [5] } }, true],
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, true],
  ['prefix, no match', { time: [{ prefix: '2018' }] }, false],
  ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, true],
  ['suffix', { 'detail-type': [{ suffix: 'Notification' }] }, true],
  ['suffix ignoring case', { 'detail-type': [{ suffix: { 'equals-ignore-case': 'NOTIFICATION' } }] }, true],
  ['equals-ignore-case', { source: [{ 'equals-ignore-case': 'AWS.EC2' }] }, true],
  ['anything-but a value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, true],
  ['anything-but the value it has', { detail: { state: [{ 'anything-but': 'terminated' }] } }, false],
  ['anything-but a list', { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, false],
  ['anything-but a prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, true],
  ['anything-but a suffix it has', { detail: { state: [{ 'anything-but': { suffix: 'nated' } }] } }, false],
  ['anything-but does not match a missing field', { detail: { absent: [{ 'anything-but': 'x' }] } }, false],
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, true],
  ['numeric range, no match', { detail: { 'd-count': [{ numeric: ['<', 10] }] } }, false],
  ['numeric equals', { detail: { 'c-count': [{ numeric: ['=', 5] }] } }, true],
  ['numeric on a string never matches', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
  ['exists true', { detail: { 'c-count': [{ exists: true }] } }, true],
  ['exists false on a missing field', { detail: { 'e-count': [{ exists: false }] } }, true],
  ['exists false on a present field', { detail: { 'c-count': [{ exists: false }] } }, false],
  ['wildcard', { resources: [{ wildcard: 'arn:aws:ec2:*:instance/*' }] }, true],
  ['wildcard, no match', { source: [{ wildcard: 'aws.s*' }] }, false],
  ['cidr', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, true],
  ['cidr, no match', { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, false],
  ['$or, one alternative matches', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { 'd-count': [{ numeric: ['>', 10] }] }] } }, true],
  ['$or, none matches', { detail: { $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { state: ['running'] }] } }, false],
  ['a nested object on a missing field', { missing: { deeper: ['x'] } }, false],
];

describe('EventBridge event patterns', () => {
  it.each(cases)('%s', (_name, pattern, expected) => {
    validatePattern(pattern);
    expect(matchesPattern(pattern, ec2Event)).toBe(expected);
  });

  it('matches a DynamoDB stream record as Lambda filter criteria see it', () => {
    const record = { eventName: 'INSERT', dynamodb: { Keys: { streamId: { S: 'order#o-1' } }, NewImage: { type: { S: 'OrderPlaced' } } } };
    expect(matchesPattern({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['OrderPlaced'] } } } }, record)).toBe(true);
    expect(matchesPattern({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['OrderConfirmed'] } } } }, record)).toBe(false);
    expect(matchesPattern({ dynamodb: { Keys: { streamId: { S: [{ prefix: 'order#' }, { prefix: 'product#' }] } } } }, record)).toBe(true);
    expect(matchesPattern({ eventName: ['MODIFY'] }, record)).toBe(false);
  });

  it('refuses what it cannot evaluate instead of guessing', () => {
    expect(() => validatePattern({ a: [{ 'starts-with': 'x' }] })).toThrow(UnsupportedPatternError);
    expect(() => validatePattern({ a: 'x' })).toThrow(/must be a list or an object/);
    expect(() => validatePattern({ a: [{ numeric: ['>'] }] })).toThrow(/pairs/);
  });
});
