import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { HttpError } from '../http/problem';

/** Reads one view row by key, or answers 404 with what was asked for. */
export async function readView(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  what: string,
): Promise<Record<string, unknown> & { version: number }> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
  if (!Item) throw new HttpError(404, 'Not Found', `${what} does not exist (or its view has not caught up yet)`);
  return Item as Record<string, unknown> & { version: number };
}
