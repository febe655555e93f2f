import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * A state machine's DynamoDB optimized integration (`arn:aws:states:::dynamodb:putItem` and its
 * siblings) made against DynamoDB Local: the Task's parameters are the API's own request (attribute
 * values typed, `{ "S": … }`), and its answer is the API's response without the SDK's metadata.
 */
export async function dynamoDbItemCall(client: DynamoDBClient, operation: string, parameters: Record<string, unknown>): Promise<Record<string, unknown>> {
  const input = parameters as never;
  const command =
    operation === 'PutItem' ? new PutItemCommand(input)
    : operation === 'UpdateItem' ? new UpdateItemCommand(input)
    : operation === 'GetItem' ? new GetItemCommand(input)
    : operation === 'DeleteItem' ? new DeleteItemCommand(input)
    : undefined;
  if (!command) throw new Error(`the local Step Functions has no DynamoDB integration ${operation}`);
  const { $metadata: _metadata, ...answer } = (await client.send(command as never)) as unknown as Record<string, unknown>;
  return answer;
}
