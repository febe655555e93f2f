import { text, type ServiceAccessMap } from './types';

/**
 * Step Functions: each call is its own action (`states:StartExecution`…) on the resource it names:
 * the execution (DescribeExecution, GetExecutionHistory, StopExecution), else the state machine
 * (StartExecution, ListExecutions, DescribeStateMachine…), else `*`.
 */
export const stepFunctionsAccess: ServiceAccessMap = {
  service: 'states',
  targetPrefixes: ['AWSStepFunctions'],
  accessDeniedType: 'com.amazon.coral.service#AccessDeniedException',
  contextKeys: [],
  requiredAccess(operation, body) {
    const resource = text(body.executionArn) ?? text(body.stateMachineArn) ?? text(body.mapRunArn) ?? text(body.activityArn) ?? '*';
    return [{ action: `states:${operation}`, resource }];
  },
};
