import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnLocalSystem } from '../local/spawn-system';
import { copyProject } from '../test/support/project-copy';
import { percentile } from './stats';

/** From a handler's save to its new code answering through the HTTP API, in milliseconds, `runs` saves. */
export type ReloadFigures = { ms: number[]; median: number };

/**
 * Runs `npm start` (live reload on) in a copy of the project, so the work tree is never edited,
 * then saves `GET /health`'s handler `runs` times, each time with a new answer, and times each
 * save until the API answers with it (polled every 10 ms).
 */
export async function reloadFigures(runs: number, onProgress: (fraction: number) => void): Promise<ReloadFigures> {
  const copy = copyProject();
  const handler = join(copy.dir, 'functions', 'platform', 'queries', 'health.ts');
  const original = readFileSync(handler, 'utf8');
  const system = await spawnLocalSystem({ projectDir: copy.dir, readyFile: join(copy.dir, '.local', 'runtime.json'), logFile: join(copy.dir, '.local', 'system.log'), reload: true, deadlineMs: 240_000 });
  try {
    const health = `${system.ready.apiUrl}/health`;
    const ms: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const answer = `{"status":"ok","save":${run}}`;
      const saved = performance.now();
      // The body's object literal; the handler checks it `satisfies` its schema, which esbuild does not type-check.
      writeFileSync(handler, original.replace(/json\(200, \{[^}]*\}/, `json(200, { status: 'ok', save: ${run} }`));
      const deadline = saved + 30_000;
      while ((await (await fetch(health)).text()) !== answer) {
        if (performance.now() > deadline) throw new Error(`save ${run} of the health handler was not answered within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      ms.push(performance.now() - saved);
      onProgress(run / runs);
    }
    return { ms, median: percentile(ms, 50) };
  } finally {
    await system.stop();
    copy.remove();
  }
}
