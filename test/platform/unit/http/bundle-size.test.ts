import { build, stop } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every HTTP handler bundled as the stack bundles it (lib/handler-function.ts: minified, names
 * kept, the AWS SDK external) stays under 150 kB. Classic zod, or zod's namespace passed around as
 * a value (`import { z }` instead of `import * as z`), would pull all of zod back in: ~480 kB.
 */
const MAX_BYTES = 150_000;
const functionsDir = join(__dirname, '..', '..', '..', '..', 'functions');
// Every context's command and query handlers, and the platform's queries.
const folders = readdirSync(functionsDir).flatMap((context) => ['commands', 'queries'].map((kind) => `${context}/${kind}`)).filter((folder) => existsSync(join(functionsDir, folder)));
const entries = folders.flatMap((folder) =>
  readdirSync(join(functionsDir, folder))
    .map((file) => `${folder}/${file}`)
    .filter((entry) => entry.endsWith('.ts') && readFileSync(join(functionsDir, entry), 'utf8').includes('export const handler')),
);

describe('HTTP function bundles', () => {
  // esbuild's service process would otherwise outlive this file in the Jest worker (and its sync
  // API, which blocks the event loop, stalled a later file's timers there).
  afterAll(() => stop());

  it.each(entries)('%s bundles under 150 kB', async (entry) => {
    const { outputFiles } = await build({
      entryPoints: [join(functionsDir, entry)],
      bundle: true,
      minify: true,
      keepNames: true,
      platform: 'node',
      format: 'cjs',
      target: 'node24',
      external: ['@aws-sdk/*'],
      write: false,
      logLevel: 'silent',
    });
    expect(outputFiles[0]!.contents.byteLength).toBeLessThanOrEqual(MAX_BYTES);
  });
});
