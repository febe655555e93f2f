import type { ChildProcess } from 'node:child_process';

/** Stops the local system the run started (which stops DynamoDB Local with it). */
export default async function globalTeardown(): Promise<void> {
  const child = (globalThis as { orderline?: ChildProcess }).orderline;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}
