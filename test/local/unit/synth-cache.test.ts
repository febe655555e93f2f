import { mkdtempSync, mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '../../../local/template/synth';

/**
 * The local runtime reuses cdk.out only when it made it, with the same context, after the last
 * change to the sources. A project with no CDK CLI stands in for a synth: reusing resolves, and
 * deciding to synthesize fails (no `cdk` to run).
 */
describe('the local runtime’s synth cache', () => {
  function project(): { dir: string; manifest: string } {
    const dir = mkdtempSync(join(tmpdir(), 'synth-cache-'));
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
});
