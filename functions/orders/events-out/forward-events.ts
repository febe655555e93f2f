import { forwardEventsHandler } from '../../platform/events-out/forward-events';
import { eventSchemas } from '../domain';

/** The orders context's events, from its events table's stream to the bus (the table is the outbox). */
export const handler = forwardEventsHandler(eventSchemas);
