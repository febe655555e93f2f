import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { api, asAdmin, type ApiResponse } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { runTool } from '../../support/local-tools';
import { injectFault, sagaEnded } from '../../support/saga';
import { clientConfig, testEnv } from '../../support/test-env';

type Summary = { itemId: string; state: string; kind: string; source: string; concerns?: { type: string; id: string }; error: string; cause: string; retryable: boolean };
type Item = Summary & { message: any; history: { type: string; at: string; by?: string; note?: string; error?: string }[] };

/** Waits for the open item of `kind` about `id`, and returns it whole. */
async function itemAbout(kind: string, id: string): Promise<Item> {
  const page = await eventually(
    () => asAdmin<{ items: Summary[] }>('GET', `/inbox?kind=${kind}&limit=100`),
    (r) => r.status === 200 && r.body.items.some((item) => item.concerns?.id === id),
    { what: `a ${kind} item about ${id} in the inbox`, timeoutMs: 45_000 },
  );
  const { itemId } = page.body.items.find((item) => item.concerns?.id === id)!;
  return (await asAdmin<Item>('GET', `/inbox/${itemId}`)).body;
}

/** An order placed and confirmed, with a copy of its OrderPlaced left in StartSaga's dead-letter queue as one that outlived every retry would be. */
async function deadLetteredStart(): Promise<{ orderId: string; eventId: string }> {
  const sku = await addProduct(5);
  const orderId = await createOrder([{ sku, quantity: 1 }]);
  await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
  expect((await sagaEnded(orderId)).status).toBe('SUCCEEDED');
  const placed = (await history(orderId)).find((e) => e.type === 'OrderPlaced')!;
  const eventId = `inbox-test-${randomUUID()}`;
  const event = { version: '0', id: eventId, 'detail-type': 'OrderPlaced', source: 'orderline.order', detail: { eventId, streamId: `order#${orderId}`, version: placed.version, at: new Date().toISOString(), data: placed.data, correlationId: `inbox-${orderId}` } };
  await new SQSClient(clientConfig('edge')).send(new SendMessageCommand({ QueueUrl: testEnv().outputs!.StartSagaDeadLetterQueueUrl, MessageBody: JSON.stringify(event) }));
  return { orderId, eventId };
}

/** The StartSaga invocations that took the event `eventId` (its "effect done" log lines, from the local runtime's logs of the order). */
async function startsOf(orderId: string, eventId: string): Promise<number> {
  const lines = (await (await fetch(`${testEnv().edgeUrl}/_local/logs?orderId=${orderId}`)).json()) as { message: string; fields?: Record<string, unknown> }[];
  return lines.filter((line) => line.message === 'effect done' && line.fields?.eventId === eventId).length;
}

const retry = (itemId: string): Promise<ApiResponse<Item>> => asAdmin<Item>('POST', `/inbox/${itemId}/retry`);

describeLocal("the operator's inbox", 'injects faults and dead letters through the local runtime', () => {
  it('holds one of each kind — a failed compensation, a parked projection event, a dead-lettered effect — with what a person needs to act', async () => {
    // A compensation failure: the payment is declined and the stock cannot be released.
    const sku = await addProduct(10);
    const failed = await createOrder([{ sku, quantity: 1 }]);
    await injectFault({ kind: 'function', function: 'ReleaseStockFunction', orderId: failed, error: { name: 'Error', message: 'the stock service is down' }, times: 99 });
    await api('POST', `/orders/${failed}/place`, { paymentMethod: 'tok_declined' });
    // A parked event: a line priced in another currency, which the orders view cannot total (as a poison event would be).
    const poisoned = await createOrder([{ sku, quantity: 1 }]);
    const at = new Date().toISOString();
    const poison = { streamId: `order#${poisoned}`, version: 2, type: 'ItemAdded', at, data: { orderId: poisoned, line: { sku: 'ODD-1', quantity: 1, unitPrice: { amount: 5, currency: 'USD' } }, addedAt: at }, meta: { eventId: randomUUID(), correlationId: 'inbox-test', schemaVersion: 1 } };
    await DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb'))).send(new PutCommand({ TableName: testEnv().outputs?.OrdersEventsTableName, Item: poison }));
    // A dead-lettered effect.
    const { orderId: started, eventId } = await deadLetteredStart();

    const compensation = await itemAbout('compensation', failed);
    expect(compensation).toMatchObject({ state: 'open', source: 'order saga', concerns: { type: 'order', id: failed }, error: 'Error', retryable: true, history: [{ type: 'Opened' }] });
    expect(compensation.cause).toMatch(/ReleaseStock failed past its retries while the saga was compensating for: .*declined/);
    expect(compensation.message.failedUndo).toMatchObject({ step: 'ReleaseStock' });

    const parked = await itemAbout('parked-event', poisoned);
    expect(parked).toMatchObject({ source: 'ProjectOrders', error: 'Parked', retryable: true, message: { streamId: `order#${poisoned}`, version: 2, type: 'ItemAdded' } });

    const effect = await itemAbout('effect', started);
    expect(effect).toMatchObject({ source: 'StartSaga', error: 'RetriesExhausted', retryable: true, message: { 'detail-type': 'OrderPlaced', detail: { eventId } } });
    // Personal data and payment tokens never reach the inbox.
    expect(JSON.stringify(effect.message)).not.toContain('tok_visa');

    // Retrying the effect sends its message back to StartSaga, which takes it once; the saga is not started twice.
    const retried = await retry(effect.itemId);
    expect([retried.status, retried.body.state, retried.body.history.map((r) => r.type)]).toEqual([200, 'done', ['Opened', 'Retried']]);
    expect(retried.body.history[1]!.by).toBe('admin:admin-1');
    await eventually(() => startsOf(started, eventId), (n) => n === 1, { what: 'StartSaga to take the retried message' });
    const again = await retry(effect.itemId);
    expect([again.status, again.body.history.length]).toEqual([200, 2]);
    expect((await history(started)).filter((e) => e.type === 'OrderConfirmed')).toHaveLength(1);

    // Resolving the compensation failure records who, when and why; it leaves the open list and stays readable.
    const resolved = await asAdmin<Item>('POST', `/inbox/${compensation.itemId}/resolve`, { note: 'released the held unit by hand' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'done' });
    expect(resolved.body.history.at(-1)).toMatchObject({ type: 'Resolved', by: 'admin:admin-1', note: 'released the held unit by hand', at: expect.any(String) });
    const open = await asAdmin<{ items: Summary[] }>('GET', '/inbox?kind=compensation&limit=100');
    expect(open.body.items.map((item) => item.itemId)).not.toContain(compensation.itemId);
    const done = await asAdmin<{ items: Summary[] }>('GET', '/inbox?state=done&kind=compensation&limit=100');
    expect(done.body.items.map((item) => item.itemId)).toContain(compensation.itemId);
    expect((await asAdmin<Item>('GET', `/inbox/${compensation.itemId}`)).body.state).toBe('done');
    // Resolving again changes nothing.
    expect((await asAdmin<Item>('POST', `/inbox/${compensation.itemId}/resolve`, { note: 'again' })).body.history).toHaveLength(resolved.body.history.length);

    // A customer is refused every inbox route.
    for (const [method, path, body] of [
      ['GET', '/inbox'],
      ['GET', `/inbox/${parked.itemId}`],
      ['POST', `/inbox/${parked.itemId}/retry`],
      ['POST', `/inbox/${parked.itemId}/resolve`, { note: 'not mine' }],
    ] as const) {
      const res = await api(method, path, body);
      expect([method, path, res.status, res.headers.get('content-type')]).toEqual([method, path, 403, 'application/problem+json']);
    }
    expect((await asAdmin<Item>('GET', `/inbox/${parked.itemId}`)).body).toMatchObject({ state: 'open', history: [{ type: 'Opened' }] });
  }, 120_000);

  it('retries an item twice, and four times at once: the work happens once', async () => {
    const { orderId, eventId } = await deadLetteredStart();
    const item = await itemAbout('effect', orderId);
    // Warm the retry function's environments first, so that the retries below meet in it, not in cold starts.
    await Promise.all(Array.from({ length: 4 }, () => retry(`dl-${randomUUID()}`)));
    const answers = await Promise.all(Array.from({ length: 4 }, () => retry(item.itemId)));
    // One retry does it; the other finds it under way (409) or already done (200, unchanged).
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const after = await retry(item.itemId);
    expect([after.status, after.body.state]).toEqual([200, 'done']);
    expect(after.body.history.filter((r) => r.type === 'Retried')).toHaveLength(1);
    // One claim, one send: StartSaga takes the message once.
    await eventually(() => startsOf(orderId, eventId), (n) => n >= 1, { what: 'StartSaga to take the retried message' });
    expect(await startsOf(orderId, eventId)).toBe(1);
  });

  it("retries a failed compensation through its context's reconciler, which finishes the saga's work and records the outcome", async () => {
    const sku = await addProduct(10);
    const orderId = await createOrder([{ sku, quantity: 2 }]);
    await injectFault({ kind: 'function', function: 'ReleaseStockFunction', orderId, error: { name: 'Error', message: 'the stock service is down' }, times: 99 });
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_declined' });
    const item = await itemAbout('compensation', orderId);
    // The item opens while the saga still compensates; a retry before it ends would only say so (RetryFailed).
    expect((await sagaEnded(orderId)).error).toBe('CompensationFailed');
    // The products view is a projection: it may not have the product yet (functions start on first use).
    await eventually(() => api('GET', `/products/${sku}`), (r) => r.status === 200 && r.body.reserved === 2, { what: 'the held stock in the products view' });
    // The reconciler finds an ended order's held stock through the orders view: the retry comes once the view has it ended.
    await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'rejected', { what: 'the rejected order in the orders view' });

    const asked = await retry(item.itemId);
    expect([asked.status, asked.body.state, asked.body.history.at(-1)?.type]).toEqual([202, 'open', 'RetryRequested']);
    // While the reconciler works, a second retry waits for it.
    const meanwhile = await retry(item.itemId);
    expect([200, 409]).toContain(meanwhile.status);
    const settled = await eventually(() => asAdmin<Item>('GET', `/inbox/${item.itemId}`), (r) => r.body.state === 'done', { what: 'the reconciler to settle the retry', timeoutMs: 45_000 });
    expect(settled.body.history.map((r) => r.type)).toEqual(['Opened', 'RetryRequested', 'RetrySucceeded']);
    expect(settled.body.history.at(-1)!.by).toBe('admin:admin-1');
    // The reconciler released the held stock (its own code, not the faulty step) and ended the order.
    await eventually(() => api('GET', `/products/${sku}`), (r) => r.body.reserved === 0, { what: 'the held stock released' });
  }, 90_000);

  it('lists and shows from the command line, as an admin', async () => {
    const { orderId } = await deadLetteredStart();
    const item = await itemAbout('effect', orderId);
    const lines = (await runTool('inbox', ['list', '--kind', 'effect', '--limit', '100'])).trim().split('\n').map((line) => JSON.parse(line) as Summary);
    expect(lines.map((line) => line.itemId)).toContain(item.itemId);
    expect(JSON.parse(await runTool('inbox', ['show', item.itemId]))).toMatchObject({ itemId: item.itemId, kind: 'effect' });
    const resolved = JSON.parse(await runTool('inbox', ['resolve', item.itemId, '--note', 'seen from the terminal'])) as Item;
    expect(resolved.history.at(-1)).toMatchObject({ type: 'Resolved', by: 'admin:operator', note: 'seen from the terminal' });
  });
});
