/** The queue a projection function parks the events it cannot apply in (set by lib/read-models.ts). */
export const PARKED_EVENTS_QUEUE_URL = 'PARKED_EVENTS_QUEUE_URL';
