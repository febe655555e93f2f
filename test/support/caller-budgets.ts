import type { Budgets } from '../../functions/platform/http/caller-budgets';

/** The tier the rate-limit test's customers are in (their tokens' group), with a budget low enough to spend in a test. */
export const LIMITED_TIER = 'limited';
export const LIMITED_BUDGET = 60;

/**
 * The test system's budgets: the suites' callers are far over any real one (hundreds of orders a
 * minute from one customer in the load tests), so the default tier is out of their way; the
 * `limited` tier has the microservices document's 60 requests a minute.
 */
export const TEST_CALLER_BUDGETS: Budgets = {
  default: { commands: 1_000_000, queries: 1_000_000 },
  [LIMITED_TIER]: { commands: LIMITED_BUDGET, queries: LIMITED_BUDGET },
};
