import type { LocalEventBridge, PutEventsEntry } from './event-bridge';

/** Answers an EventBridge API call (`X-Amz-Target: AWSEvents.<action>`): PutEvents and DescribeEventBus are emulated. */
export async function handleEventBridgeCall(bus: LocalEventBridge, action: string, body: unknown): Promise<{ status: number; body: unknown }> {
  if (action === 'DescribeEventBus') {
    const name = (body as { Name?: string }).Name ?? 'default';
    const described = bus.describeEventBus(name);
    return described ? { status: 200, body: described } : { status: 400, body: { __type: 'ResourceNotFoundException', message: `Event bus ${name} does not exist.` } };
  }
  if (action !== 'PutEvents') {
    return { status: 400, body: { __type: 'UnknownOperationException', message: `the local EventBridge does not implement ${action}` } };
  }
  const entries = ((body as { Entries?: PutEventsEntry[] }).Entries ?? []) as PutEventsEntry[];
  if (entries.length < 1 || entries.length > 10) {
    return { status: 400, body: { __type: 'ValidationException', message: `PutEvents takes 1 to 10 entries, got ${entries.length}` } };
  }
  // AWS counts an entry's Detail, DetailType, Source, Resources and Time; their sum may not pass 1 MB.
  const size = entries.reduce((sum, entry) => sum + Buffer.byteLength(JSON.stringify([entry.Detail, entry.DetailType, entry.Source, (entry as { Resources?: unknown }).Resources, (entry as { Time?: unknown }).Time])), 0);
  if (size > MAX_PUT_EVENTS_BYTES) {
    return { status: 400, body: { __type: 'ValidationException', message: `Total size of the entries in the request is over the limit (${size} bytes of ${MAX_PUT_EVENTS_BYTES})` } };
  }
  return { status: 200, body: bus.putEvents(entries) };
}

/** EventBridge's quota on one PutEvents request: 1 MB of entries. */
export const MAX_PUT_EVENTS_BYTES = 1_048_576;
