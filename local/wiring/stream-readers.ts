/** DynamoDB Streams' limit: at most two processes read one shard at a time. */
export const MAX_READERS_PER_STREAM = 2;

/**
 * Refuses an assembly with more than two event source mappings on one DynamoDB stream, naming
 * them. AWS creates such mappings, then throttles their reads (`LimitExceededException`: "More
 * than 2 processes are reading from the same streams shard at the same time") and the consumers
 * fall behind under load; the local runtime stops the start instead, so it is seen before a deploy.
 */
export function assertReadersPerStream(mappings: readonly { id: string; streamArn: string }[]): void {
  const readers = new Map<string, string[]>();
  for (const { id, streamArn } of mappings) readers.set(streamArn, [...(readers.get(streamArn) ?? []), id]);
  const over = [...readers].filter(([, ids]) => ids.length > MAX_READERS_PER_STREAM);
  if (!over.length) return;
  throw new Error(
    `DynamoDB Streams lets at most ${MAX_READERS_PER_STREAM} processes read a stream's shard at a time (more are throttled with LimitExceededException); ` +
      over.map(([arn, ids]) => `${ids.length} event source mappings read ${arn}: ${ids.join(', ')}`).join('; '),
  );
}
