import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { HttpError } from '../http/problem';

export type ViewRow = Record<string, unknown> & { version: number };

/**
 * Reads one view row by key, or answers 404 with what was asked for. A row the caller may not
 * see (`visible` says no) gets the very same 404, so its existence does not leak.
 */
export async function readView(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  what: string,
  visible: (row: ViewRow) => boolean = () => true,
): Promise<ViewRow> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key }));
  const row = Item as ViewRow | undefined;
  if (!row || !visible(row)) throw new HttpError(404, 'Not Found', `${what} does not exist (or its view has not caught up yet)`);
  return row;
}
