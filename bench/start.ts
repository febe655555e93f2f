import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnLocalSystem } from '../local/spawn-system';
import { percentile } from './stats';

/** How long `npm start` takes to serve: from a fresh clone (no cdk.out, no bundles) and warm (nothing changed), in seconds. */
export type StartFigures = { fresh: number[]; warm: number[]; freshMedian: number; warmMedian: number };


/**
 * Starts the local system as `npm start` does, `runs` times from a fresh clone's state (the cloud
 * assembly and the function bundles deleted, so it synthesizes and bundles) and `runs` times warm
 * (both there and up to date), each until its ready file appears, then stops it.
 */
export async function startFigures(root: string, runs: number, onProgress: (fraction: number) => void): Promise<StartFigures> {
  const once = async (fresh: boolean): Promise<number> => {
    if (fresh) for (const dir of ['cdk.out', '.bundles']) rmSync(join(root, dir), { recursive: true, force: true });
    const started = performance.now();
    const system = await spawnLocalSystem({ projectDir: root, readyFile: join(root, '.local', 'bench-start.json'), logFile: join(root, '.local', 'bench-start.log'), reload: true });
    const seconds = (performance.now() - started) / 1000;
    await system.stop();
    return seconds;
  };
  const fresh: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    fresh.push(await once(true));
    onProgress((2 * i + 1) / (2 * runs));
    warm.push(await once(false));
    onProgress((2 * i + 2) / (2 * runs));
  }
  return { fresh, warm, freshMedian: percentile(fresh, 50), warmMedian: percentile(warm, 50) };
}
