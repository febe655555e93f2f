import { LocalFaults } from '../../../local/faults';
import { FailedMessages, LambdaError } from '../../../local/lambda';

describe('test-only faults of the local runtime', () => {
  const fault = { kind: 'function' as const, function: 'ReserveStockFunction', error: { name: 'Lambda.TooManyRequestsException', message: 'slow down' } };

  it('fails the next n invocations of the matching function for the given order, then lets it run', () => {
    const faults = new LocalFaults();
    faults.add({ ...fault, orderId: 'o-1', times: 2 });
    const fn = 'Orderline-dev-OrderSagaReserveStockFunctionAADBADB4';
    expect(faults.takeFunctionFault(fn, { orderId: 'o-2' })).toBeUndefined();
    expect(faults.takeFunctionFault('Orderline-dev-OrderSagaCommitStockFunction5B7', { orderId: 'o-1' })).toBeUndefined();
    expect(faults.takeFunctionFault(fn, { orderId: 'o-1' })).toMatchObject({ errorType: 'Lambda.TooManyRequestsException', errorMessage: 'slow down' });
    expect(faults.takeFunctionFault(fn, { orderId: 'o-1' })).toBeDefined();
    expect(faults.takeFunctionFault(fn, { orderId: 'o-1' })).toBeUndefined();
  });

  it('can match the request an invocation serves, by the correlation id its saga carries', () => {
    const faults = new LocalFaults();
    faults.add({ ...fault, function: 'DebitSourceFunction', correlationId: 'req-1', times: 1 });
    const fn = 'Orderline-dev-Bank-TransferSagaDebitSourceFunction12AB';
    expect(faults.takeFunctionFault(fn, { transferId: 't-1', correlationId: 'req-2' })).toBeUndefined();
    expect(faults.takeFunctionFault(fn, { transferId: 't-1', correlationId: 'req-1' })).toBeDefined();
    expect(faults.takeFunctionFault(fn, { transferId: 't-1', correlationId: 'req-1' })).toBeUndefined();
  });

  it("fails only its own messages of an SQS batch that carries another's too, and the whole invocation when they are all its own", () => {
    const faults = new LocalFaults();
    faults.add({ ...fault, function: 'StartTransferHandler', transferId: 't-1', times: 3 });
    const fn = 'Orderline-dev-Bank-StartTransferHandler12AB';
    const message = (messageId: string, transferId: string) => ({ messageId, body: JSON.stringify({ detail: { data: { transferId } } }) });
    const mixed = faults.takeFunctionFault(fn, { Records: [message('m-1', 't-1'), message('m-2', 't-2')] });
    expect(mixed).toBeInstanceOf(FailedMessages);
    expect([...(mixed as FailedMessages).messageIds]).toEqual(['m-1']);
    expect(faults.takeFunctionFault(fn, { Records: [message('m-3', 't-2')] })).toBeUndefined();
    expect(faults.takeFunctionFault(fn, { Records: [message('m-4', 't-1')] })).toBeInstanceOf(LambdaError);
    // After the handler, the whole invocation's answer is lost, as before.
    faults.add({ ...fault, function: 'StartTransferHandler', transferId: 't-1', when: 'after', times: 1 });
    expect(faults.takeFunctionFault(fn, { Records: [message('m-5', 't-1'), message('m-6', 't-2')] }, 'after')).toBeInstanceOf(LambdaError);
  });

  it('fails an invocation after its handler ran when asked: a fault for after is not taken before, nor one for before after', () => {
    const faults = new LocalFaults();
    faults.add({ ...fault, orderId: 'o-1', when: 'after', error: { name: 'Sandbox.Timedout', message: 'Task timed out' }, times: 1 });
    const fn = 'Orderline-dev-OrderSagaReserveStockFunctionAADBADB4';
    expect(faults.takeFunctionFault(fn, { orderId: 'o-1' }, 'before')).toBeUndefined();
    expect(faults.takeFunctionFault(fn, { orderId: 'o-1' }, 'after')).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(faults.takeFunctionFault(fn, { orderId: 'o-1' }, 'after')).toBeUndefined();
  });

  it('matches a dependency call by function, table, operation, id and text, and says whether it times the invocation out', () => {
    const faults = new LocalFaults();
    faults.add({ kind: 'dependency', dependency: 'dynamodb', function: 'ChargePayment', table: 'Events', operation: 'PutItem', orderId: 'o-1', requestContains: 'PaymentCharged', error: { name: 'Sandbox.Timedout', message: 't' }, times: 1 });
    const call = { functionName: 'x-ChargePaymentFunction', dependency: 'dynamodb' as const, operation: 'PutItem', tables: ['Orderline-dev-Events1'], request: '{"streamId":"payment#o-1","type":"PaymentCharged"}' };
    expect(faults.takeDependencyFault({ ...call, functionName: 'x-RefundPaymentFunction' })).toBeUndefined();
    expect(faults.takeDependencyFault({ ...call, tables: ['Ledger'] })).toBeUndefined();
    expect(faults.takeDependencyFault({ ...call, operation: 'GetItem' })).toBeUndefined();
    expect(faults.takeDependencyFault({ ...call, request: '{"streamId":"payment#o-2","type":"PaymentCharged"}' })).toBeUndefined();
    expect(faults.takeDependencyFault({ ...call, request: '{"streamId":"payment#o-1","type":"PaymentAttempted"}' })).toBeUndefined();
    expect(faults.takeDependencyFault(call)).toMatchObject({ when: 'before', timesOut: true, scope: { orderId: 'o-1' } });
    expect(faults.takeDependencyFault(call)).toBeUndefined();
  });

  it('refuses entries to the bus n times, and clears on demand', () => {
    const faults = new LocalFaults();
    faults.add({ kind: 'put-events', times: 1 });
    expect([faults.takePutEventsFault(), faults.takePutEventsFault()]).toEqual([true, false]);
    faults.add({ ...fault, times: 5 });
    faults.clear();
    expect(faults.takeFunctionFault('xReserveStockFunctionx', {})).toBeUndefined();
  });

  it('refuses a fault it cannot honour', () => {
    const faults = new LocalFaults();
    expect(() => faults.add({ kind: 'crash' } as never)).toThrow(/kind/);
    expect(() => faults.add({ ...fault, times: 0 })).toThrow(/times/);
    expect(() => faults.add({ kind: 'function', function: '', error: { name: '', message: '' }, times: 1 })).toThrow(/function and error.name/);
    expect(() => faults.add({ ...fault, when: 'during' as never, times: 1 })).toThrow(/before" or "after/);
    expect(() => faults.add({ kind: 'dependency', dependency: 'sqs' as never, function: 'x', error: { name: 'E', message: '' }, times: 1 })).toThrow(/dynamodb/);
  });
});
