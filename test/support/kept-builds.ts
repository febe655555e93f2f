import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A folder of node_modules/.cache (beside tsc's build info) where the test support keeps what it
 * builds once for many test files: each file named by the hash of what it was built from.
 */
export const keptBuilds = (folder: string): string => join(__dirname, '..', '..', 'node_modules', '.cache', folder);

/**
 * Keeps `text` as `file`, written aside and then renamed: a test file reading beside this one never
 * sees half a file. What the folder kept under names not starting with `current` (built from
 * older sources) is dropped: an edit a minute would otherwise pile up megabytes.
 */
export function keep(file: string, text: string, current: string): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, file);
  for (const name of readdirSync(folder)) if (!name.startsWith(current)) rmSync(join(folder, name), { force: true });
}
