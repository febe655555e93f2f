import { join } from 'node:path';
import { bin, runCommand } from '../../support/project-copy';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The whole project type-checks under its strict tsconfig (jest compiles each file alone and
 * would not notice a type error). Run as a test, it overlaps the others instead of delaying them;
 * the incremental build info in node_modules/.cache makes a rerun with few changes quick.
 */
describe('the project', () => {
  it('type-checks (tsc --noEmit, strict)', async () => {
    const { code, output } = await runCommand(ROOT, bin('tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', join(ROOT, 'node_modules', '.cache', 'tsc.tsbuildinfo'), '-p', ROOT]);
    expect({ code, output }).toEqual({ code: 0, output: '' });
  }, 120_000);
});
