import type { Budgets } from '../../functions/platform/http/caller-budgets';

/** The tier the rate-limit test's customers are in (their tokens' group), with a budget low enough to spend in a test. */
export const LIMITED_TIER = 'limited';
export const LIMITED_BUDGET = 60;

/**
 * The test system's budgets: the suites' callers are far over any real one (hundreds of orders a
 * minute from one customer in the load tests), so there is no default budget and they are not
 * counted (counting every request of the suites, a DynamoDB Local write each, doubled the input
 * property tests' time); the `limited` tier has the microservices document's 60 requests a minute.
 */
export const TEST_CALLER_BUDGETS: Budgets = {
  [LIMITED_TIER]: { commands: LIMITED_BUDGET, queries: LIMITED_BUDGET },
};
