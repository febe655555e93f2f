import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCRATCH_ENV, endScratch, scratchDir, startScratch } from '../../support/scratch';

/**
 * A run's temporary files (synths' cloud assemblies, fixture projects) go into one scratch folder
 * that global teardown removes; a run cut short leaves its folder, which the next run removes.
 */
describe("the test run's scratch folder", () => {
  it('holds the folders the test files make (global setup tells them where it is)', () => {
    const run = process.env[SCRATCH_ENV];
    expect(run).toEqual(expect.stringContaining(join(tmpdir(), 'orderline-test-')));
    expect(scratchDir('cdk.out-').startsWith(join(run!, 'cdk.out-'))).toBe(true);
  });

  describe('started and ended', () => {
    const parent = scratchDir('scratch-parent-');
    const folder = (name: string) => {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, 'left.txt'), 'x');
    };

    it("removes the folders of runs whose process is gone, keeps a live run's and anything else, and makes this run's", () => {
      folder('orderline-test-4000001-aaaaaa');
      folder('orderline-test-4000002-bbbbbb');
      folder('cdk.outXYZ');
      const mine = startScratch(parent, (pid) => pid === 4000002);
      expect(readdirSync(parent).sort()).toEqual(['cdk.outXYZ', 'orderline-test-4000002-bbbbbb', mine.slice(parent.length + 1)].sort());
      expect(mine.startsWith(join(parent, `orderline-test-${process.pid}-`))).toBe(true);
    });

    it('ends by removing the folder with everything in it', () => {
      const mine = startScratch(parent, () => true);
      mkdirSync(join(mine, 'cdk.out-1', 'asset.x'), { recursive: true });
      writeFileSync(join(mine, 'cdk.out-1', 'asset.x', 'index.js'), '');
      endScratch(mine);
      expect(existsSync(mine)).toBe(false);
    });
  });
});
