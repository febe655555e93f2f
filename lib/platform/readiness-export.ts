import { CfnOutput, Lazy, Stack } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Dependency } from '../../functions/platform/health/dependencies';

/** The export of a context stack's readiness dependencies: `<stack name>-Readiness`. */
export const readinessExportName = (stackName: string): string => `${stackName}-Readiness`;

/**
 * Exports what a request to this context may need, for GET /health/ready: every table and every
 * state machine of the stack, found when the stack is synthesized (so a table added later is
 * checked without anyone remembering to list it), as one JSON list under a fixed export name.
 */
export function exportReadiness(stack: Stack): void {
  // Output keys are unique across the app (the local runtime's outputs are one record): `OrdersReadiness`.
  new CfnOutput(stack, `${stack.stackName.split('-').at(-1)}Readiness`, {
    value: Lazy.string({ produce: () => stack.toJsonString(dependenciesOf(stack)) }),
    exportName: readinessExportName(stack.stackName),
  });
}

function dependenciesOf(stack: Stack): Dependency[] {
  const constructs = stack.node.findAll();
  return [
    ...constructs.filter((c): c is Table => c instanceof Table).map((table): Dependency => ({ kind: 'table', name: table.tableName })),
    ...constructs.filter((c): c is StateMachine => c instanceof StateMachine).map((machine): Dependency => ({ kind: 'state-machine', arn: machine.stateMachineArn })),
  ];
}
