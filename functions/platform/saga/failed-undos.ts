import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { failureReason, type CaughtFailure } from './failure-reason';

/** A step of a saga's compensation that still failed after its retries, as its record lists it. */
export type FailedUndo = { step: string; error: string; cause: string; recordedAt: string } & Record<string, unknown>;

/** What a record task of a saga is given (see compensationFailureRecord in lib/platform/saga-tasks.ts). */
export type FailedUndoInput = { step?: string; failure?: CaughtFailure; compensationFailure?: CaughtFailure };

/** The failed undo a record task was given, with `facts` of the moment (where the subject stood). */
export function failedUndoOf(input: FailedUndoInput, recordedAt: string, facts: Record<string, unknown> = {}): FailedUndo {
  return { ...facts, step: input.step ?? 'unknown', error: input.compensationFailure?.Error ?? 'unknown', cause: failureReason(input.compensationFailure), recordedAt };
}

/**
 * Adds a failed undo to its saga's failure record, one row per subject (`key`): `failedSteps`
 * names the steps and `failedUndos` keeps each one's error and facts, both appended, so a second
 * undo that fails never erases the first. The row's `failure` (why the saga was compensating)
 * and `recordedAt` are the first record's; `facts` are set on every call. The same step recorded
 * again (a retried record task) changes nothing. Says whether it added the step.
 */
export async function recordFailedUndo(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  failure: CaughtFailure | undefined,
  undo: FailedUndo,
  facts: Record<string, unknown> = {},
): Promise<boolean> {
  const factNames = Object.keys(facts);
  const setFacts = factNames.map((_, i) => `#fact${i} = :fact${i}`);
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: [
          'SET #recordedAt = if_not_exists(#recordedAt, :at)',
          '#failure = if_not_exists(#failure, :failure)',
          '#failedSteps = list_append(if_not_exists(#failedSteps, :none), :steps)',
          '#failedUndos = list_append(if_not_exists(#failedUndos, :none), :undos)',
          ...setFacts,
        ].join(', '),
        ConditionExpression: 'NOT contains(#failedSteps, :step)',
        // Names throughout: no attribute can collide with a DynamoDB reserved word.
        ExpressionAttributeNames: {
          '#recordedAt': 'recordedAt',
          '#failure': 'failure',
          '#failedSteps': 'failedSteps',
          '#failedUndos': 'failedUndos',
          ...Object.fromEntries(factNames.map((name, i) => [`#fact${i}`, name])),
        },
        ExpressionAttributeValues: {
          ':at': undo.recordedAt,
          ':failure': failure ? failureReason(failure) : 'none',
          ':none': [],
          ':steps': [undo.step],
          ':undos': [undo],
          ':step': undo.step,
          ...Object.fromEntries(factNames.map((name, i) => [`:fact${i}`, facts[name]])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
