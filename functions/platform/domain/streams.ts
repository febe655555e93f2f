/**
 * A stream id is `<aggregate>#<id>`: the aggregate names the kind of thing (`order`, `account`…),
 * which each context declares for its own deciders; the platform reads only the shape.
 */

/** The prefix of every stream of an aggregate (`order#`…), as stream filters match them. */
export const streamPrefix = (aggregate: string): string => `${aggregate}#`;

/** The aggregate and id of a stream, or undefined for a stream id that is not `<aggregate>#<id>`. */
export function parseStreamId(streamId: string): { aggregate: string; id: string } | undefined {
  const hash = streamId.indexOf('#');
  if (hash < 1 || hash === streamId.length - 1) return undefined;
  const aggregate = streamId.slice(0, hash);
  return /^[a-z][a-z0-9-]*$/.test(aggregate) ? { aggregate, id: streamId.slice(hash + 1) } : undefined;
}
