import { existsSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyCurrentAssembly, synthesize } from '../../../local/template/synth';
import { scratchDir } from '../../support/scratch';

/**
 * The local runtime reuses cdk.out only when it made it, with the same context, after the last
 * change to the sources. A project with no CDK CLI stands in for a synth: reusing resolves, and
 * deciding to synthesize fails (no `cdk` to run).
 */
describe('the local runtime’s synth cache', () => {
  function project(): { dir: string; manifest: string } {
    const dir = scratchDir('synth-cache-');
    mkdirSync(join(dir, 'cdk.out'));
    const manifest = join(dir, 'cdk.out', 'manifest.json');
    writeFileSync(manifest, '{}');
    const future = new Date(Date.now() + 60_000);
    utimesSync(manifest, future, future);
    writeFileSync(join(dir, 'cdk.out', 'orderline-local-context.json'), JSON.stringify({ context: JSON.stringify({ stage: 'test' }), manifestMtimeMs: statSync(manifest).mtimeMs }));
    return { dir, manifest };
  }
  const log = () => undefined;

  it('reuses an assembly it made with the same context', async () => {
    const { dir } = project();
    await expect(synthesize(dir, { context: { stage: 'test' }, log })).resolves.toBe(join(dir, 'cdk.out'));
  });

  it('synthesizes again for other context, or after a `cdk synth` by hand rewrote the assembly (other context, same stamp file)', async () => {
    const { dir, manifest } = project();
    await expect(synthesize(dir, { context: { stage: 'other' }, log })).rejects.toThrow();
    const later = new Date(Date.now() + 120_000);
    utimesSync(manifest, later, later);
    await expect(synthesize(dir, { context: { stage: 'test' }, log })).rejects.toThrow();
  });

  describe('copied into a copy of the project (as the live-reload test starts one)', () => {
    /** A copy of the project just made: its one source newer than the original's assembly. */
    function copyOf(): string {
      const dir = scratchDir('synth-copy-');
      mkdirSync(join(dir, 'functions'));
      writeFileSync(join(dir, 'functions', 'handler.ts'), 'export {};\n');
      return dir;
    }

    it('is reused there with the same context, and synthesized again after an edit there', async () => {
      const { dir } = project();
      const copy = copyOf();
      expect(copyCurrentAssembly(dir, copy)).toBe(true);
      await expect(synthesize(copy, { context: { stage: 'test' }, log })).resolves.toBe(join(copy, 'cdk.out'));
      await expect(synthesize(copy, { context: { stage: 'other' }, log })).rejects.toThrow();
      const later = new Date(Date.now() + 120_000);
      writeFileSync(join(copy, 'functions', 'handler.ts'), 'export const edited = true;\n');
      utimesSync(join(copy, 'functions', 'handler.ts'), later, later);
      await expect(synthesize(copy, { context: { stage: 'test' }, log })).rejects.toThrow();
    });

    it('is not copied when it is not current: a source changed after it, or a `cdk synth` by hand rewrote it', () => {
      const { dir } = project();
      mkdirSync(join(dir, 'lib'));
      writeFileSync(join(dir, 'lib', 'stack.ts'), 'export {};\n');
      const later = new Date(Date.now() + 120_000);
      utimesSync(join(dir, 'lib', 'stack.ts'), later, later);
      const copy = copyOf();
      expect(copyCurrentAssembly(dir, copy)).toBe(false);
      expect(existsSync(join(copy, 'cdk.out'))).toBe(false);

      const other = project();
      utimesSync(other.manifest, later, later);
      expect(copyCurrentAssembly(other.dir, copyOf())).toBe(false);
    });
  });
});
