import type { LoadedStream } from '../eventstore';

/** A stream's events as the history routes answer them: oldest first, each with its id and the correlation id of the request it came from. */
export function historyOf(stream: LoadedStream) {
  return stream.events.map(({ version, type, data, at, meta }) => ({ version, type, at, data, eventId: meta.eventId, correlationId: meta.correlationId }));
}
