import { NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag (AwsSolutions) finding this stack accepts, with the reason a reviewer reads. The
 * constructs that cause a finding call {@link acceptFinding} on the exact resource, so an
 * acceptance never silences the same rule anywhere else. Nothing is suppressed stack-wide.
 */
const ACCEPTED = {
  listStreams: {
    id: 'AwsSolutions-IAM5',
    appliesTo: ['Resource::*'],
    reason:
      'A DynamoDB stream consumer needs dynamodb:ListStreams, which has no resource-level permissions; the shard actions (DescribeStream, GetShardIterator, GetRecords) are scoped to the one stream ARN.',
  },
  qualifiedFunctionArns: {
    id: 'AwsSolutions-IAM5',
    appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/' }],
    reason: "A Step Functions task may invoke its own function's versions and aliases (`<function ARN>:*`); the wildcard is confined to the ARN of each step's function.",
  },
  logDeliveryAndTracing: {
    id: 'AwsSolutions-IAM5',
    appliesTo: ['Resource::*'],
    reason:
      'State machine logging uses CloudWatch Logs vended delivery (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and X-Ray (PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets): none of these supports resource-level permissions.',
  },
  functionTracing: {
    id: 'AwsSolutions-IAM5',
    appliesTo: ['Resource::*'],
    reason:
      "Active X-Ray tracing of the functions: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions. They sit in one managed policy of their own (lib/platform/handler-function.ts), so this acceptance covers these two actions and no other grant of any function's role.",
  },
  sagaExecutions: {
    id: 'AwsSolutions-IAM5',
    appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*:\\*$/' }],
    reason: "Saga executions are named by order id at run time; the grant is DescribeExecution and GetExecutionHistory on this one state machine's executions only.",
  },
  sagaListing: {
    id: 'AwsSolutions-IAM5',
    appliesTo: [
      { regex: '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:stateMachine:Orderline-.*-saga-\\*$/' },
      { regex: '/^Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/Orderline-.*-saga-\\*-runs/index/byStatus$/' },
    ],
    reason:
      "GET /sagas lists the executions of any context's saga by its name: the grant is ListExecutions on the state machines named Orderline-<stage>-saga-*, which only sagas are named (lib/platform/saga-names.ts), and Query on the status index of an Express saga's runs table, named after its state machine (lib/platform/saga-state-machine.ts).",
  },
  inboxRetry: {
    id: 'AwsSolutions-IAM5',
    appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:Orderline-.*\\*$/' }],
    reason:
      "POST /inbox/{id}/retry sends a dead letter back to the queue it came from, in any context, without naming a context: SendMessage on the queues named Orderline-<stage>-* (CloudFormation names a queue after its stack). The queue is the one the item recorded when it was taken in, never one a caller names.",
  },
  deadLetterQueue: {
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself the dead-letter queue of a stream consumer or a rule target (cdk-nag only recognises queue-to-queue redrive). A dead-letter queue of a dead-letter queue would only move the problem; its depth is what an alarm watches.',
  },
  publicHealthCheck: {
    id: 'AwsSolutions-APIG4',
    reason: 'GET /health is a liveness check for load balancers and uptime monitors: it reads nothing and answers a constant, so it needs no token. Every other route has the JWT authorizer.',
  },
  publicReadinessCheck: {
    id: 'AwsSolutions-APIG4',
    reason:
      'GET /health/ready is a readiness check for load balancers and operators: without a token it says only ready or not (200 or 503); the function verifies a token itself, as the JWT authorizer would, to show an admin each check.',
  },
  readinessChecks: {
    id: 'AwsSolutions-IAM5',
    appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:(dynamodb|states):<AWS::Region>:<AWS::AccountId>:(table/|stateMachine:)Orderline-.*\\*$/' }],
    reason:
      "GET /health/ready checks every context's tables and sagas without naming a context: DescribeTable on the tables named Orderline-<stage>-* (CloudFormation names a table after its stack) and DescribeStateMachine on the sagas named Orderline-<stage>-saga-*; control-plane reads only, no data.",
  },
  corsPreflight: {
    id: 'AwsSolutions-APIG4',
    reason:
      'OPTIONS /{proxy+} exists only with a CORS configuration: a browser sends a preflight without a token, and API Gateway answers it from the CORS configuration without invoking anything. Every other route but the health checks has the JWT authorizer.',
  },
  publicApiDocument: {
    id: 'AwsSolutions-APIG4',
    reason: 'GET /openapi.json answers the API\'s OpenAPI document, bundled into its function: public by design (a client generator or an API explorer reads it before it has a token), and it reads nothing.',
  },
  cognitoFeaturePlan: {
    id: 'AwsSolutions-COG8',
    reason:
      "Cognito threat protection needs the Plus feature plan, billed per monthly active user. It is a production choice (README: Identity) rather than a default of a reference stack; the pool has a strong password policy, optional TOTP MFA and e-mail-only recovery.",
  },
} as const;

export type AcceptedFinding = keyof typeof ACCEPTED;

/** Accepts one reviewed finding on `construct` and everything under it (its role's policy, say). */
export function acceptFinding(construct: IConstruct, finding: AcceptedFinding): void {
  const { id, reason, ...rest } = ACCEPTED[finding];
  const appliesTo = 'appliesTo' in rest ? [...rest.appliesTo] : undefined;
  NagSuppressions.addResourceSuppressions(construct, [{ id, reason, appliesTo }], true);
}
