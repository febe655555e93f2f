import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneBuilds } from '../../../lib/platform/function-bundles';
import { scratchDir } from '../../support/scratch';

/** `.bundles` keeps the builds most recently used (about 40 MB each), not one per edit ever synthesized. */
describe('the kept function bundle builds', () => {
  it('are the most recently used; older ones go, and a build another synth is still making stays', () => {
    const dir = scratchDir('bundles-');
    const build = (name: string, minutesAgo: number) => {
      mkdirSync(join(dir, name, 'orders', 'commands'), { recursive: true });
      writeFileSync(join(dir, name, 'orders', 'commands', 'index.js'), '');
      const at = new Date(Date.now() - minutesAgo * 60_000);
      utimesSync(join(dir, name), at, at);
    };
    build('aaaa', 50);
    build('bbbb', 1);
    build('cccc', 30);
    build('dddd', 5);
    build('eeee', 40);
    build('ffff.4242.partial', 90);
    pruneBuilds(dir, 3);
    expect(readdirSync(dir).sort()).toEqual(['bbbb', 'cccc', 'dddd', 'ffff.4242.partial']);
  });
});
