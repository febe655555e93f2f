import { dependencyName, type Dependency } from './dependencies';

/** One dependency checked: reachable and usable, or why not. */
export type CheckResult = { name: string; ok: boolean; detail?: string; ms: number };
export type Readiness = { ready: boolean; checks: CheckResult[] };

/** Asks one dependency one cheap question; resolves if it is usable, throws why not. */
export type Probe = (dependency: Dependency, signal: AbortSignal) => Promise<void>;

class CheckTimedOut extends Error {
  override readonly name = 'CheckTimedOut';
}

/**
 * Checks every dependency at once, each bounded by `timeoutMs` (a check that outlasts it counts
 * as down and is aborted), so the answer comes within about `timeoutMs` however many there are.
 */
export async function checkReadiness(dependencies: readonly Dependency[], probe: Probe, timeoutMs: number): Promise<Readiness> {
  const checks = await Promise.all(
    dependencies.map(async (dependency): Promise<CheckResult> => {
      const started = Date.now();
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new CheckTimedOut(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        await Promise.race([probe(dependency, controller.signal), deadline]);
        return { name: dependencyName(dependency), ok: true, ms: Date.now() - started };
      } catch (error) {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return { name: dependencyName(dependency), ok: false, detail, ms: Date.now() - started };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: checks.every((check) => check.ok), checks };
}
