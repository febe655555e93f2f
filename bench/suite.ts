import { spawn } from 'node:child_process';

/** How long `npm test` took and what it reported. */
export type SuiteFigures = { seconds: number; passed: boolean; summary: string };

/** Runs the README's `npm test` as a developer would, and times it (seconds, wall clock). */
export async function suiteFigures(root: string): Promise<SuiteFigures> {
  const started = performance.now();
  let output = '';
  const code = await new Promise<number>((resolve) => {
    const child = spawn('npm', ['test'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (exitCode) => resolve(exitCode ?? 1));
  });
  const summary = output.match(/^Tests:.*$/m)?.[0] ?? 'no jest summary (it failed before the tests ran)';
  return { seconds: (performance.now() - started) / 1000, passed: code === 0, summary };
}
