import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ContextOperations } from '../lib/platform/operations';

const LIB = join(__dirname, '..', 'lib');

/**
 * Every bounded context of the project, as its `lib/<context>/operations.ts` describes it to the
 * operator tools: found by folder, so the tools name no context (deleting a context's folders
 * leaves them working for the rest).
 */
export async function contextOperations(): Promise<ContextOperations[]> {
  const names = readdirSync(LIB, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'platform' && existsSync(join(LIB, entry.name, 'operations.ts')))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(names.map(async (name) => ((await import(join(LIB, name, 'operations.ts'))) as { operations: ContextOperations }).operations));
}
