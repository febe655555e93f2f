import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CallGuard } from '../edge/call-guard';
import { closeServer, listenOnLoopback } from '../edge/loopback-server';

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
/** AWS bills a transactional read at twice the standard rate; DynamoDB Local reports the standard one. */
const TRANSACTIONS = new Set(['TransactGetItems']);

type TransactWriteItem = Partial<Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', { TableName?: string; Item?: unknown; Key?: unknown; ExpressionAttributeValues?: unknown }>>;

/**
 * The write units AWS bills a TransactWriteItems: 2 per item per started KB. DynamoDB Local
 * reports 2 per table whatever the items (a transaction of three events in one table counts 2),
 * so the units are counted from the request instead: a Put by its item's size, an Update, Delete
 * or ConditionCheck by its key and values (the item it changes is not in the request; ours are
 * small).
 */
export function transactWriteUnits(request: { TransactItems?: TransactWriteItem[] }): { TableName: string; CapacityUnits: number }[] {
  const byTable = new Map<string, number>();
  for (const item of request.TransactItems ?? []) {
    for (const part of Object.values(item)) {
      if (!part) continue;
      const bytes = Buffer.byteLength(JSON.stringify(part.Item ?? [part.Key, part.ExpressionAttributeValues]));
      const table = part.TableName ?? '?';
      byTable.set(table, (byTable.get(table) ?? 0) + 2 * Math.max(1, Math.ceil(bytes / 1024)));
    }
  }
  return [...byTable].map(([TableName, CapacityUnits]) => ({ TableName, CapacityUnits }));
}

type BatchGetRequest = { RequestItems?: Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }> };
type BatchGetAnswer = { Responses?: Record<string, unknown[]>; UnprocessedKeys?: Record<string, { Keys?: unknown[] }>; ConsumedCapacity?: Consumed };

/**
 * The read units AWS bills a BatchGetItem: each key read as a GetItem, one with no item too (1
 * unit strongly consistent, 0.5 eventually). DynamoDB Local reports the units of the items it
 * found only, so each key it processed and found nothing for adds that minimum to its report.
 */
export function batchGetUnits(request: BatchGetRequest, answer: BatchGetAnswer): { TableName: string; CapacityUnits: number }[] {
  const reported = new Map((Array.isArray(answer.ConsumedCapacity) ? answer.ConsumedCapacity : answer.ConsumedCapacity ? [answer.ConsumedCapacity] : []).map((entry) => [entry.TableName ?? '?', entry.CapacityUnits ?? 0]));
  return Object.entries(request.RequestItems ?? {}).map(([TableName, { Keys = [], ConsistentRead }]) => {
    const processed = Keys.length - (answer.UnprocessedKeys?.[TableName]?.Keys?.length ?? 0);
    const missing = Math.max(0, processed - (answer.Responses?.[TableName]?.length ?? 0));
    return { TableName, CapacityUnits: (reported.get(TableName) ?? 0) + missing * (ConsistentRead ? 1 : 0.5) };
  });
}

/** The tables a request names: its TableName, a batch's RequestItems, a transaction's items. */
export function tablesNamed(request: { TableName?: unknown; RequestItems?: Record<string, unknown>; TransactItems?: TransactWriteItem[] }): string[] {
  const named = [request.TableName, ...Object.keys(request.RequestItems ?? {}), ...(request.TransactItems ?? []).flatMap((item) => Object.values(item).map((part) => part?.TableName))];
  return [...new Set(named.filter((table): table is string => typeof table === 'string'))];
}

/** The items a successful write request puts, updates or deletes, by table (a transaction's ConditionChecks write nothing). */
export function itemsWritten(operation: string, request: { TableName?: unknown; RequestItems?: Record<string, unknown[]>; TransactItems?: TransactWriteItem[] }): Record<string, number> {
  const written: Record<string, number> = {};
  const add = (table: unknown, n = 1) => {
    if (typeof table === 'string') written[table] = (written[table] ?? 0) + n;
  };
  if (operation === 'BatchWriteItem') {
    for (const [table, requests] of Object.entries(request.RequestItems ?? {})) add(table, requests.length);
  } else if (operation === 'TransactWriteItems') {
    for (const item of request.TransactItems ?? []) {
      for (const [kind, part] of Object.entries(item)) if (kind !== 'ConditionCheck') add(part?.TableName);
    }
  } else {
    add(request.TableName);
  }
  return written;
}

export type CapacityCounters = {
  readUnits: number;
  writeUnits: number;
  calls: Record<string, number>;
  /** Units, and items written, by table (the table's logical name as the template gives it). */
  byTable: Record<string, { readUnits: number; writeUnits: number; itemWrites?: number }>;
};

/**
 * A test's fault on one call (see LocalFaults): `before` or `after` the call reaches DynamoDB
 * Local, `onFire` runs, then the caller gets `answer` instead of DynamoDB's, or, with none, its
 * connection is dropped (the invocation making it was ended).
 */
export type CallFault = { when: 'before' | 'after'; answer?: { status: number; body: unknown }; onFire?: () => void };
export type CallFaults = (headers: IncomingMessage['headers'], operation: string, body: Record<string, unknown>, url: string | undefined) => CallFault | undefined;

type Consumed = { TableName?: string; CapacityUnits?: number } | { TableName?: string; CapacityUnits?: number }[] | undefined;

/**
 * A pass-through in front of DynamoDB Local that meters what the functions consume: it asks for
 * `ReturnConsumedCapacity: TOTAL` on every item operation and adds up the read and write units
 * DynamoDB Local reports (a transaction's writes counted from its request, as AWS bills them:
 * see {@link transactWriteUnits}; transactional reads doubled). Failed writes (a lost
 * condition) are not counted: DynamoDB Local does not report them. Responses pass unchanged.
 * A guard, when set, sees each call first (as the client sent it) and may answer it instead.
 */
export class DynamoDbMetering {
  private server: Server | undefined;
  private counters: CapacityCounters = { readUnits: 0, writeUnits: 0, calls: {}, byTable: {} };
  private guard: CallGuard | undefined;
  private faults: CallFaults | undefined;
  private readonly writeListeners: ((tables: string[]) => void)[] = [];

  constructor(private readonly target: string) {}

  /** Tells `listener` the tables each successful write changed (the stream pollers wake on it). */
  onWrite(listener: (tables: string[]) => void): void {
    this.writeListeners.push(listener);
  }

  /** Sets what checks each call before it reaches DynamoDB Local (the local IAM). */
  setGuard(guard: CallGuard): void {
    this.guard = guard;
  }

  /** Sets what may fail a call on purpose (a test's dependency faults). */
  setFaults(faults: CallFaults): void {
    this.faults = faults;
  }

  snapshot(): CapacityCounters {
    return structuredClone(this.counters);
  }

  async listen(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      this.forward(target, req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: `the metering proxy could not read the request: ${error.message}` }));
      });
    });
    return listenOnLoopback(this.server, 0);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async forward(target: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const metered = READS.has(operation) || WRITES.has(operation);
    let body = Buffer.concat(chunks);
    const parsed = metered || this.guard || this.faults ? (JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>) : {};
    // Checked before ReturnConsumedCapacity is added: the guard judges the call as it was made.
    const refused = this.guard?.(req.headers, parsed, req.url);
    if (refused) {
      answerWith(res, refused);
      return;
    }
    const fault = this.faults?.(req.headers, operation, parsed, req.url);
    if (fault?.when === 'before') {
      failCall(res, fault);
      return;
    }
    if (metered) {
      parsed.ReturnConsumedCapacity ??= 'TOTAL';
      body = Buffer.from(JSON.stringify(parsed));
      this.counters.calls[operation] = (this.counters.calls[operation] ?? 0) + 1;
    }
    const { 'transfer-encoding': _chunked, ...headers } = req.headers;
    await new Promise<void>((resolve, reject) => {
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...headers, host: target.host, 'content-length': String(body.length) } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('error', reject);
          answer.on('end', () => {
            const payload = Buffer.concat(parts);
            if (metered && answer.statusCode === 200) {
              const answered = JSON.parse(payload.toString('utf8')) as BatchGetAnswer;
              const consumed = operation === 'TransactWriteItems' ? transactWriteUnits(parsed) : operation === 'BatchGetItem' ? batchGetUnits(parsed, answered) : answered.ConsumedCapacity;
              this.add(operation, consumed);
              if (WRITES.has(operation)) {
                for (const [table, items] of Object.entries(itemsWritten(operation, parsed))) {
                  const counted = (this.counters.byTable[table] ??= { readUnits: 0, writeUnits: 0 });
                  counted.itemWrites = (counted.itemWrites ?? 0) + items;
                }
                for (const listener of this.writeListeners) listener(tablesNamed(parsed));
              }
            }
            if (fault) failCall(res, fault);
            else {
              const { 'transfer-encoding': _te, ...answerHeaders } = answer.headers;
              res.writeHead(answer.statusCode ?? 500, { ...answerHeaders, 'content-length': String(payload.length) });
              res.end(payload);
            }
            resolve();
          });
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'InternalFailure', message: `DynamoDB Local did not answer: ${error.message}` }));
        resolve();
      });
      upstream.end(body);
    });
  }

  private add(operation: string, consumed: Consumed): void {
    const factor = TRANSACTIONS.has(operation) ? 2 : 1;
    const kind = READS.has(operation) ? 'readUnits' : 'writeUnits';
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      const units = (entry.CapacityUnits ?? 0) * factor;
      this.counters[kind] += units;
      const table = (this.counters.byTable[entry.TableName ?? '?'] ??= { readUnits: 0, writeUnits: 0 });
      table[kind] += units;
    }
  }
}

function answerWith(res: ServerResponse, answer: { status: number; body: unknown }): void {
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': crypto.randomUUID(), 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

function failCall(res: ServerResponse, fault: CallFault): void {
  fault.onFire?.();
  if (fault.answer) answerWith(res, fault.answer);
  else res.destroy();
}
