import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandlerBundle } from './handler-build';

/**
 * Writes a bundle's files into its folder, each written aside and then renamed over the old one,
 * so a cold start reads the old file or the new one, never half of one. The map goes first: the
 * code that names it is then never there before it.
 */
export async function writeBundle(dir: string, bundle: HandlerBundle): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = [...bundle.files].sort((a, b) => Number(b.name.endsWith('.map')) - Number(a.name.endsWith('.map')));
  for (const { name, contents } of files) {
    const partial = join(dir, `.${name}.partial`);
    await writeFile(partial, contents);
    await rename(partial, join(dir, name));
  }
}
