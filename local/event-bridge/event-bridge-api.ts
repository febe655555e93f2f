import type { LocalEventBridge, PutEventsEntry } from './event-bridge';

/** Answers an EventBridge API call (`X-Amz-Target: AWSEvents.<action>`); only PutEvents is emulated. */
export async function handleEventBridgeCall(bus: LocalEventBridge, action: string, body: unknown): Promise<{ status: number; body: unknown }> {
  if (action !== 'PutEvents') {
    return { status: 400, body: { __type: 'UnknownOperationException', message: `the local EventBridge does not implement ${action}` } };
  }
  const entries = ((body as { Entries?: PutEventsEntry[] }).Entries ?? []) as PutEventsEntry[];
  if (entries.length < 1 || entries.length > 10) {
    return { status: 400, body: { __type: 'ValidationException', message: `PutEvents takes 1 to 10 entries, got ${entries.length}` } };
  }
  return { status: 200, body: bus.putEvents(entries) };
}
