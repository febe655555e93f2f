import { join } from 'node:path';
import { runCommand, tsc } from '../../support/project-copy';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The whole project type-checks under its strict tsconfig (jest compiles each file alone and
 * would not notice a type error), with TypeScript 7 as `npm run build` does. Run as a test, it
 * overlaps the others instead of delaying them; on one thread, for the CPU the others share.
 */
describe('the project', () => {
  it('type-checks (tsc --noEmit, strict)', async () => {
    const { code, output } = await runCommand(ROOT, ...tsc(['--noEmit', '--singleThreaded', '-p', ROOT]));
    expect({ code, output }).toEqual({ code: 0, output: '' });
  }, 120_000);
});
