import type { LogEntry } from './function-logs';

const COLOURS: Record<string, string> = { DEBUG: '\x1b[90m', INFO: '\x1b[36m', WARN: '\x1b[33m', ERROR: '\x1b[31m', CRITICAL: '\x1b[35m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * One terminal line for a function's log entry: time, level, function, message, then the ids and
 * the other fields as key=value; the level coloured when `colour` (a terminal that wants it).
 */
export function terminalLine(entry: LogEntry, colour: boolean): string {
  const paint = (code: string | undefined, text: string) => (colour && code ? `${code}${text}${RESET}` : text);
  const fields = { ...(entry.correlationId ? { correlationId: entry.correlationId } : {}), ...(entry.orderId ? { orderId: entry.orderId } : {}), ...entry.fields };
  const rest = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return [paint(DIM, entry.timestamp.slice(11, 23)), paint(COLOURS[entry.level], entry.level.padEnd(5)), entry.function, entry.message, rest && paint(DIM, rest)].filter(Boolean).join(' ');
}
