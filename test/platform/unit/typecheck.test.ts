import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bin } from '../../support/project-copy';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The whole project type-checks under its strict tsconfig (jest compiles each file alone and
 * would not notice a type error). Run as a test, it overlaps the others instead of delaying them;
 * the incremental build info in node_modules/.cache makes a rerun with few changes quick.
 */
describe('the project', () => {
  it('type-checks (tsc --noEmit, strict)', async () => {
    const { code, output } = await promisify(execFile)(bin('tsc'), ['--noEmit', '--incremental', '--tsBuildInfoFile', join(ROOT, 'node_modules', '.cache', 'tsc.tsbuildinfo'), '-p', ROOT], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );
    expect({ code, output }).toEqual({ code: 0, output: '' });
  }, 120_000);
});
