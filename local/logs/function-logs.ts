import type { EmfMetrics } from './emf-metrics';

/** One line a function wrote, as the runtime keeps it: structured (Powertools' JSON) or plain text. */
export type LogEntry = {
  /** The function's name without the stack's prefix. */
  function: string;
  level: string;
  message: string;
  timestamp: string;
  correlationId?: string;
  orderId?: string;
  /** Every other field of a structured line. */
  fields: Record<string, unknown>;
};

/** Which entries to show or return: those of one correlation id and/or one order. */
export type LogFilter = { correlationId?: string; orderId?: string };

/** The fields a structured line carries that the entry names itself, or that say nothing in a terminal. */
const OWN_FIELDS = new Set(['cold_start', 'function_request_id', 'level', 'message', 'timestamp', 'correlationId', 'orderId', 'service', 'function_name', 'function_arn', 'function_memory_size', 'sampling_rate', 'xray_trace_id']);

/** Lines kept for `<edge>/_local/logs` (up to a tenth more between trims); the oldest go first. */
const KEPT = 50_000;

/**
 * What the functions write, line by line: EMF documents are counted as metrics (not logged, as
 * CloudWatch does with them), every other line is kept (the last {@link KEPT}) to be asked for by
 * correlation id or order id, and handed on to be shown.
 */
export class FunctionLogs {
  private readonly entries: LogEntry[] = [];

  constructor(
    private readonly metrics: EmfMetrics,
    private readonly show: (entry: LogEntry) => void,
  ) {}

  receive(functionName: string, line: string): void {
    const parsed = parseJson(line);
    if (parsed && this.metrics.record(parsed)) return;
    const entry = parsed ? structured(functionName, parsed) : { function: functionName, level: /error/i.test(line) ? 'ERROR' : 'INFO', message: line, timestamp: new Date().toISOString(), fields: {} };
    this.entries.push(entry);
    // Trimmed a tenth at a time: one splice per few thousand lines, not a shift of every line kept.
    if (this.entries.length > KEPT * 1.1) this.entries.splice(0, this.entries.length - KEPT);
    this.show(entry);
  }

  /** The kept entries that match the filter, oldest first. */
  query(filter: LogFilter): LogEntry[] {
    return this.entries.filter((entry) => matches(entry, filter));
  }
}

/** Whether an entry is one the filter asks for; an empty filter asks for all. */
export function matches(entry: LogEntry, filter: LogFilter): boolean {
  return (filter.correlationId === undefined || entry.correlationId === filter.correlationId) && (filter.orderId === undefined || entry.orderId === filter.orderId);
}

function structured(functionName: string, line: Record<string, unknown>): LogEntry {
  const text = (key: string) => (typeof line[key] === 'string' ? (line[key] as string) : undefined);
  return {
    function: functionName,
    level: (text('level') ?? 'INFO').toUpperCase(),
    message: text('message') ?? '',
    timestamp: text('timestamp') ?? new Date().toISOString(),
    correlationId: text('correlationId'),
    orderId: text('orderId'),
    fields: Object.fromEntries(Object.entries(line).filter(([key]) => !OWN_FIELDS.has(key))),
  };
}

function parseJson(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
