import type { PolicyDocument } from './policy';

/**
 * The few AWS managed policies a Lambda function's role commonly carries, by name, as AWS
 * publishes them (policy versions of 2024; their text is a fact of AWS, not code from anywhere).
 * Any other AWS managed policy is unknown here: it grants nothing locally, with a warning.
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, PolicyDocument>> = {
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  'service-role/AWSLambdaDynamoDBExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
  'service-role/AWSLambdaSQSQueueExecutionRole': {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
};

/** The managed policy's document if `arn` is one of {@link AWS_MANAGED_POLICIES} (`arn:aws:iam::aws:policy/<name>`). */
export function awsManagedPolicy(arn: string): PolicyDocument | undefined {
  const match = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn);
  return match ? AWS_MANAGED_POLICIES[match[1] as string] : undefined;
}
