import { runCommand } from '../test/support/project-copy';

/** How long `npm test` took and what it reported. */
export type SuiteFigures = { seconds: number; passed: boolean; summary: string };

/** Runs the README's `npm test` as a developer would, and times it (seconds, wall clock). */
export async function suiteFigures(root: string): Promise<SuiteFigures> {
  const started = performance.now();
  const { code, output } = await runCommand(root, 'npm', ['test']);
  const summary = output.match(/^Tests:.*$/m)?.[0] ?? 'no jest summary (it failed before the tests ran)';
  return { seconds: (performance.now() - started) / 1000, passed: code === 0, summary };
}
