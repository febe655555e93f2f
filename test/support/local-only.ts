import { testEnv } from './test-env';

/**
 * A describe for tests that need the local runtime (its fault hooks, its dead-letter files, or
 * writing into the store directly). On LocalStack or AWS they are skipped, and the run says why.
 */
export function describeLocal(name: string, why: string, body: () => void): void {
  const env = testEnv();
  if (env.target === 'local') {
    describe(name, body);
    return;
  }
  console.log(`skipped on TARGET=${env.target}: "${name}" ${why}`);
  describe.skip(name, body);
}
