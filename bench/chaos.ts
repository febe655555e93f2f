import { runCommand } from '../test/support/project-copy';

/** What the seeded chaos run (test/system/integration/chaos.load.test.ts) did, as it reports it. */
export type ChaosFigures = { passed: boolean; seconds: number; summary?: Record<string, unknown>; failure?: string };

/**
 * Runs the chaos test as `npm run test:load` runs it (its own local system, one file), and reads
 * the counts it prints: its seed, the faults drawn by kind, how the sagas, orders and transfers
 * ended, and what the reconciler repaired.
 */
export async function chaosFigures(root: string): Promise<ChaosFigures> {
  const started = performance.now();
  const { code, output } = await runCommand(root, 'npx', ['jest', '--selectProjects', 'load', '--runInBand', 'test/system/integration/chaos.load.test.ts']);
  const seconds = (performance.now() - started) / 1000;
  const line = output.split('\n').find((l) => l.trim().startsWith('{"seed":'));
  const summary = line ? (JSON.parse(line.trim()) as Record<string, unknown>) : undefined;
  return { passed: code === 0, seconds, ...(summary ? { summary } : {}), ...(code === 0 ? {} : { failure: output.match(/^\s*● .*$/m)?.[0]?.trim() ?? 'see npm run test:load' }) };
}
