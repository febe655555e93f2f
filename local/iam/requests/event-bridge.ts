import { text, type ResourceNaming, type ServiceAccessMap } from './types';

/** An event bus given by name or ARN (none means the account's `default` bus), as its ARN. */
function busArn(bus: string | undefined, naming: ResourceNaming): string {
  if (bus?.startsWith('arn:')) return bus;
  return `arn:${naming.partition}:events:${naming.region}:${naming.accountId}:event-bus/${bus ?? 'default'}`;
}

/**
 * EventBridge: PutEvents needs `events:PutEvents` on the bus of each entry, with the entry's
 * `events:source` and `events:detail-type`; any other call is its action on the bus or rule it names.
 */
export const eventBridgeAccess: ServiceAccessMap = {
  service: 'events',
  targetPrefixes: ['AWSEvents'],
  accessDeniedType: 'AccessDeniedException',
  contextKeys: ['events:source', 'events:detail-type'],
  requiredAccess(operation, body, naming) {
    if (operation === 'PutEvents') {
      return ((body.Entries ?? []) as Record<string, unknown>[]).map((entry) => ({
        action: 'events:PutEvents',
        resource: busArn(text(entry.EventBusName), naming),
        context: { 'events:source': text(entry.Source), 'events:detail-type': text(entry.DetailType) },
      }));
    }
    if (operation === 'DescribeEventBus') return [{ action: 'events:DescribeEventBus', resource: busArn(text(body.Name), naming) }];
    const rule = text(body.Rule) ?? text(body.Name);
    const resource = rule && /Rule|Targets/.test(operation) ? `arn:${naming.partition}:events:${naming.region}:${naming.accountId}:rule/${rule}` : busArn(text(body.EventBusName), naming);
    return [{ action: `events:${operation}`, resource }];
  },
};
