import { parkedMessage, type EventParking } from '../../../functions/platform/projections/parking/parked-events';

/**
 * The one fake of these tests, and why: SQS cannot run in unit tests here (the real local SQS is
 * in local/sqs/ and serves the running system). It records the very message the SQS adapter
 * would send for each parked event: the body (the stored event) and the reason.
 */
export function recordingParking(): EventParking & { messages: { body: string; reason: string }[] } {
  const messages: { body: string; reason: string }[] = [];
  return { messages, park: async (parked) => void messages.push(parkedMessage(parked)) };
}
