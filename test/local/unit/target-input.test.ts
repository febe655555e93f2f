import { checkTargetInput, targetInput, UnsupportedInputPathError } from '../../../local/event-bridge/target-input';

/** Cases follow the AWS EventBridge documentation, "Amazon EventBridge input transformation". */
const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  time: '2015-11-11T21:29:54Z',
  detail: { 'instance-id': 'i-abcd1111', state: 'pending', count: 3, tags: { env: 'prod' } },
};

describe('rule target input', () => {
  it('delivers the whole event by default', () => {
    expect(targetInput({}, event)).toEqual(event);
  });

  it('delivers a constant Input as its JSON', () => {
    expect(targetInput({ Input: '{"fixed":true}' }, event)).toEqual({ fixed: true });
  });

  it('delivers the part at InputPath', () => {
    expect(targetInput({ InputPath: '$.detail' }, event)).toEqual(event.detail);
    expect(targetInput({ InputPath: '$.detail.tags' }, event)).toEqual({ env: 'prod' });
  });

  it('fills a template: unquoted placeholders take JSON values, quoted ones the raw text', () => {
    const spec = {
      InputTransformer: {
        InputPathsMap: { instance: '$.detail.instance-id', state: '$.detail.state', count: '$.detail.count', tags: '$.detail.tags' },
        InputTemplate: '{"instance": <instance>, "message": "instance <instance> is now <state>", "count": <count>, "tags": <tags>}',
      },
    };
    expect(targetInput(spec, event)).toEqual({ instance: 'i-abcd1111', message: 'instance i-abcd1111 is now pending', count: 3, tags: { env: 'prod' } });
  });

  it('puts null where a path is missing', () => {
    const spec = { InputTransformer: { InputPathsMap: { reason: '$.detail.reason' }, InputTemplate: '{"reason": <reason>}' } };
    expect(targetInput(spec, event)).toEqual({ reason: null });
  });

  it('hands over a template that is not JSON as text', () => {
    const spec = { InputTransformer: { InputPathsMap: { state: '$.detail.state' }, InputTemplate: '"state is <state>"' } };
    expect(targetInput(spec, event)).toBe('state is pending');
  });

  it('refuses paths it cannot read instead of delivering the wrong thing', () => {
    expect(() => checkTargetInput({ InputPath: '$.detail.tags[0]' })).toThrow(UnsupportedInputPathError);
    expect(() => checkTargetInput({ InputTransformer: { InputPathsMap: { a: '$..x' }, InputTemplate: '<a>' } })).toThrow(UnsupportedInputPathError);
    expect(() => checkTargetInput({ InputTransformer: { InputPathsMap: { a: '$.detail.state' }, InputTemplate: '<a>' } })).not.toThrow();
  });
});
