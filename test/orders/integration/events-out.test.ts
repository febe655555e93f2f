import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { api, asAdmin } from '../../support/api';
import { describeLocal } from '../../support/local-only';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { injectFault, sagaEnded } from '../../support/saga';
import { clientConfig, testEnv } from '../../support/test-env';

type Notification = { eventId: string; eventType: string; message: string };

const notifications = (orderId: string, count: number) =>
  eventually(
    () => api<{ notifications: Notification[] }>('GET', `/orders/${orderId}/notifications`),
    (r) => r.status === 200 && r.body.notifications.length >= count,
    { what: `${count} notification(s) for order ${orderId}` },
  ).then((r) => r.body.notifications);

async function placedOrder(paymentMethod: string): Promise<string> {
  const sku = await addProduct(5);
  const orderId = await createOrder([{ sku, quantity: 1 }]);
  await api('POST', `/orders/${orderId}/place`, { paymentMethod });
  await sagaEnded(orderId);
  return orderId;
}

describe('domain events out through the EventBridge bus', () => {
  it('tells the customer of a confirmation and a shipment, one notification per event', async () => {
    const orderId = await placedOrder('tok_visa');
    expect((await asAdmin('POST', `/orders/${orderId}/ship`, { trackingNumber: 'TRACK-42' })).status).toBe(200);
    const sent = await notifications(orderId, 2);
    expect(sent.map((n) => n.eventType)).toEqual(['OrderConfirmed', 'OrderShipped']);
    const events = await history(orderId);
    const ids = events.filter((e) => ['OrderConfirmed', 'OrderShipped'].includes(e.type)).map((e: any) => e.eventId);
    expect(sent.map((n) => n.eventId)).toEqual(ids);
  });

  it('tells the customer why an order was rejected', async () => {
    const orderId = await placedOrder('tok_declined');
    const [sent] = await notifications(orderId, 1);
    expect(sent).toMatchObject({ eventType: 'OrderRejected', message: expect.stringContaining('the card was declined') });
  });

  it('keeps one notification per event when the bus delivers an event twice', async () => {
    const orderId = await placedOrder('tok_visa');
    const [first] = await notifications(orderId, 1);
    const confirmed = (await history(orderId)).find((e) => e.type === 'OrderConfirmed') as any;
    const { outputs } = testEnv();
    const bus = new EventBridgeClient(clientConfig('edge'));
    const duplicate = {
      EventBusName: outputs?.EventBusName,
      Source: 'orderline.order',
      DetailType: 'OrderConfirmed',
      Detail: JSON.stringify({ eventId: confirmed.eventId, streamId: `order#${orderId}`, version: confirmed.version, at: confirmed.at, data: confirmed.data }),
    };
    const result = await bus.send(new PutEventsCommand({ Entries: [duplicate, duplicate] }));
    expect(result.FailedEntryCount).toBe(0);
    // A later event proves the duplicates were delivered before it was read back.
    await asAdmin('POST', `/orders/${orderId}/ship`, { trackingNumber: 'TRACK-43' });
    const sent = await notifications(orderId, 2);
    expect(sent.filter((n) => n.eventId === first?.eventId)).toHaveLength(1);
    expect(sent).toHaveLength(2);
  });
});

describeLocal('events out when the bus refuses entries', 'injects failures through the local runtime\'s test hooks', () => {
  it('resends the entries the bus refused, so no event is lost', async () => {
    await injectFault({ kind: 'put-events', times: 3 });
    const orderId = await placedOrder('tok_visa');
    const sent = await notifications(orderId, 1);
    expect(sent.map((n) => n.eventType)).toEqual(['OrderConfirmed']);
  });
});
