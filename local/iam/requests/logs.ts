import { text, type ServiceAccessMap } from './types';

/** CloudWatch Logs: a call on a log group needs its action on the group's ARN (`…:log-group:<name>:*`). */
export const logsAccess: ServiceAccessMap = {
  service: 'logs',
  targetPrefixes: ['Logs_20140328'],
  accessDeniedType: 'AccessDeniedException',
  contextKeys: [],
  requiredAccess(operation, body, naming) {
    const group = text(body.logGroupName) ?? '*';
    return [{ action: `logs:${operation}`, resource: `arn:${naming.partition}:logs:${naming.region}:${naming.accountId}:log-group:${group}:*` }];
  },
};
