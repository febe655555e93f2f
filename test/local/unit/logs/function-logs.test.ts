import { emitBusinessMetric } from '../../../../functions/platform/observability/business-metrics';
import { EmfMetrics } from '../../../../local/logs/emf-metrics';
import { FunctionLogs, type LogEntry } from '../../../../local/logs/function-logs';
import { terminalLine } from '../../../../local/logs/terminal-line';
import { writtenLines } from '../../../support/written-lines';

describe('the local runtime reads what the functions write', () => {
  it('counts the EMF lines Powertools writes as CloudWatch would: by name and whole set of dimension values', async () => {
    const metrics = new EmfMetrics();
    const shown: LogEntry[] = [];
    const logs = new FunctionLogs(metrics, (entry) => shown.push(entry));
    const lines = await writtenLines(() => {
      emitBusinessMetric('OrdersRejected', { reason: 'InsufficientStock' });
      emitBusinessMetric('OrdersRejected', { reason: 'InsufficientStock' });
      emitBusinessMetric('OrdersRejected', { reason: 'PaymentDeclined' });
      emitBusinessMetric('ProjectionLag', { projection: 'orders' }, 120);
      emitBusinessMetric('ProjectionLag', { projection: 'orders' }, 30);
    });
    expect(lines).toHaveLength(5);
    for (const line of lines) logs.receive('Fn', JSON.stringify(line));

    expect(shown).toEqual([]);
    expect(metrics.snapshot()).toEqual([
      { namespace: 'Orderline', name: 'OrdersRejected', unit: 'Count', dimensions: { service: 'orderline', reason: 'InsufficientStock' }, count: 2, sum: 2, min: 1, max: 1 },
      { namespace: 'Orderline', name: 'OrdersRejected', unit: 'Count', dimensions: { service: 'orderline', reason: 'PaymentDeclined' }, count: 1, sum: 1, min: 1, max: 1 },
      { namespace: 'Orderline', name: 'ProjectionLag', unit: 'Milliseconds', dimensions: { service: 'orderline', projection: 'orders' }, count: 2, sum: 150, min: 30, max: 120 },
    ]);
  });

  it('keeps structured and plain lines, and finds them by correlation id or order id', () => {
    const logs = new FunctionLogs(new EmfMetrics(), () => undefined);
    logs.receive('ReserveStock', JSON.stringify({ level: 'INFO', message: 'saga step done', timestamp: '2026-11-23T10:00:00.000Z', correlationId: 'c-1', orderId: 'o-1', step: 'ReserveStock', cold_start: true }));
    logs.receive('ReserveStock', JSON.stringify({ level: 'WARN', message: 'saga step failed', timestamp: '2026-11-23T10:00:01.000Z', correlationId: 'c-2', orderId: 'o-2' }));
    logs.receive('Legacy', 'plain text, an Error in it');

    expect(logs.query({ correlationId: 'c-1' })).toEqual([
      { function: 'ReserveStock', level: 'INFO', message: 'saga step done', timestamp: '2026-11-23T10:00:00.000Z', correlationId: 'c-1', orderId: 'o-1', fields: { step: 'ReserveStock' } },
    ]);
    expect(logs.query({ orderId: 'o-2' }).map((e) => e.level)).toEqual(['WARN']);
    expect(logs.query({ correlationId: 'c-1', orderId: 'o-2' })).toEqual([]);
    expect(logs.query({}).map((e) => [e.function, e.level])).toEqual([
      ['ReserveStock', 'INFO'],
      ['ReserveStock', 'WARN'],
      ['Legacy', 'ERROR'],
    ]);
  });

  it('prints one terminal line per entry, coloured by level only when asked', () => {
    const entry: LogEntry = { function: 'ChargePayment', level: 'ERROR', message: 'charge failed', timestamp: '2026-11-23T10:00:00.123Z', correlationId: 'c-1', orderId: 'o-1', fields: { attempt: 2 } };
    expect(terminalLine(entry, false)).toBe('10:00:00.123 ERROR ChargePayment charge failed correlationId=c-1 orderId=o-1 attempt=2');
    expect(terminalLine(entry, true)).toContain('\x1b[31mERROR');
    expect(terminalLine(entry, true)).not.toContain('\n');
  });
});
