import { statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleDirOf, handlerEntries } from '../../../../lib/platform/function-bundles';

/**
 * Every HTTP handler's bundle, as the stacks deploy it (lib/platform/function-bundles.ts: minified,
 * names kept, the AWS SDK external), stays under 150 kB. Classic zod, or zod's namespace passed
 * around as a value (`import { z }` instead of `import * as z`), would pull all of zod back in: ~480 kB.
 */
const MAX_BYTES = 150_000;
const entries = handlerEntries().filter((entry) => /^[^/]+\/(commands|queries)\//.test(entry));

describe('HTTP function bundles', () => {
  it('are every command and query handler of every context', () => {
    expect(entries.length).toBeGreaterThan(25);
  });

  it.each(entries)('%s bundles under 150 kB', (entry) => {
    expect(statSync(join(bundleDirOf(entry), 'index.js')).size).toBeLessThanOrEqual(MAX_BYTES);
  });
});
