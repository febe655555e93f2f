import { logger } from '../observability/logger';

/**
 * One log line on a snapshot that was not read or written. A snapshot only saves reading, so its
 * problems are warnings, never a failed command. Only ids go in the line, never the state.
 */
export function logSnapshotProblem(message: string, fields: { streamId: string; version?: number }, error?: unknown): void {
  logger.warn(message, { ...fields, ...(error === undefined ? {} : { error: String(error) }) });
}
