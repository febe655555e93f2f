import { buildArgv } from 'jest';
import { ALLOWED_PAGE_ORIGIN } from './browser-origins';
import { TEST_CALLER_BUDGETS } from './caller-budgets';

/**
 * What the suites' local system is synthesized with (test/global-setup.ts), the same every run so
 * that cdk.out stays current: a system of a project copy started with it too runs the same assembly.
 */
export const suitesSystemContext = () => ({
  // One page origin that may call the API (the CORS tests).
  corsOrigins: [ALLOWED_PAGE_ORIGIN],
  // The suites' callers make thousands of requests a minute; the rate-limit test's are in the `limited` tier.
  callerBudgets: TEST_CALLER_BUDGETS,
  // ORDERLINE_SAGA_TYPE=express runs the suites against Express sagas (npm run test:express).
  ...(process.env.ORDERLINE_SAGA_TYPE ? { sagaType: process.env.ORDERLINE_SAGA_TYPE } : {}),
});

/**
 * Whether Jest run with these arguments runs the quick projects only (`npm test`: unit and
 * integration), read as Jest's command line reads them (its global config has no --selectProjects).
 * Without a selection (`npx jest <path>`) a load test may run.
 */
export async function quickSuitesOnly(args: string[] = process.argv.slice(2)): Promise<boolean> {
  const { selectProjects } = await buildArgv(args);
  return selectProjects !== undefined && !selectProjects.includes('load');
}
