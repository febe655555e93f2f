import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** An execution's whole history, oldest first, page by page; with the states' input and output when `withData`. */
export async function executionHistory(sfn: SFNClient, executionArn: string, withData: boolean): Promise<HistoryEvent[]> {
  const history: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken, includeExecutionData: withData }));
    history.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return history;
}
