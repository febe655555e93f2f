/** What the notifications rule hands the function (its input transformer builds this shape). */
export type NotificationRequest = { orderId: string; eventId: string; eventType: string; at: string; reason?: string | null; correlationId?: string };

/** `correlationId` is the one of the request that led to the event, for an operator to follow it back. */
export type Notification = { orderId: string; eventId: string; eventType: string; message: string; at: string; correlationId?: string };

const MESSAGES: Record<string, (request: NotificationRequest) => string> = {
  OrderConfirmed: () => 'Your order is confirmed.',
  OrderRejected: (r) => `We could not take your order: ${r.reason ?? 'no reason given'}.`,
  OrderCancelled: (r) => `Your order was cancelled: ${r.reason ?? 'no reason given'}.`,
  OrderShipped: () => 'Your order is on its way.',
};

/** The message a customer gets for an order event; undefined for events nobody is told about. */
export function notificationFor(request: NotificationRequest): Notification | undefined {
  const message = MESSAGES[request.eventType]?.(request);
  if (!message) return undefined;
  return { orderId: request.orderId, eventId: request.eventId, eventType: request.eventType, message, at: request.at, ...(request.correlationId ? { correlationId: request.correlationId } : {}) };
}
