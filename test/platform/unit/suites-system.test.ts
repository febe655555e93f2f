import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quickSuitesOnly } from '../../support/suites-system';

const scripts = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** The arguments an npm script gives Jest (the scripts named here have no quoted arguments). */
const jestArgs = (script: string): string[] => scripts[script]!.replace(/^.*?\bjest\b/, '').trim().split(/\s+/);

/**
 * The quick suites' system starts each function on first use and retries in milliseconds; a run
 * that may hold a load test starts every function first and keeps the definitions' retry waits.
 * Which run is which is read from Jest's command line as Jest reads it.
 */
describe('the system a test run starts (test/support/suites-system.ts)', () => {
  it.each([
    { run: 'npm test', args: jestArgs('test'), quick: true },
    { run: 'npm run test:integration', args: jestArgs('test:integration'), quick: true },
    { run: 'npm run test:unit', args: jestArgs('test:unit'), quick: true },
    { run: 'npm run test:load', args: jestArgs('test:load'), quick: false },
    { run: 'npx jest <one load file>', args: ['test/orders/integration/saga-contention.load.test.ts'], quick: false },
    { run: 'npx jest', args: [], quick: false },
  ])('$run: the quick suites only, $quick', async ({ args, quick }) => {
    expect(await quickSuitesOnly(args)).toBe(quick);
  });
});
