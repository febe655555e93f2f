import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where global setup tells the test files (and what they start) the run's scratch folder is. */
export const SCRATCH_ENV = 'ORDERLINE_TEST_SCRATCH';
const PREFIX = 'orderline-test-';

/**
 * A new folder for a test's temporary files (a synth's cloud assembly, a fixture project), inside
 * the run's scratch folder, which global teardown removes with all in it. Each CDK App without an
 * outdir makes a `cdk.out*` folder in the machine's temporary directory and never removes it: with
 * the function bundles staged, about 40 MB a synth, 150 MB a run. Outside a run (no global setup),
 * the machine's temporary directory.
 */
export function scratchDir(prefix: string): string {
  const run = process.env[SCRATCH_ENV];
  if (run) mkdirSync(run, { recursive: true });
  return mkdtempSync(join(run ?? tmpdir(), prefix));
}

/**
 * Makes the run's scratch folder, named by this process, and removes those of runs that ended
 * without their teardown (their process is gone: a run cut short by Ctrl-C).
 */
export function startScratch(parent = tmpdir(), alive = isAlive): string {
  for (const name of readdirSync(parent)) {
    const pid = Number(name.startsWith(PREFIX) ? name.slice(PREFIX.length).split('-')[0] : NaN);
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
    } catch {
      // Another user's, on a shared machine: theirs to remove.
    }
  }
  return mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
}

/** Removes the run's scratch folder and everything the tests left in it. */
export function endScratch(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
