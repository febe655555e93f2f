import * as z from './zod';

/** What a budget counts: requests that change something, and requests that read. */
export type RouteGroup = 'commands' | 'queries';

/**
 * Requests per caller per minute, by tier and route group: `default` for every caller, and a
 * tier per token group (`{"default":{"commands":300,"queries":1200},"free":{"commands":60}}`); a
 * caller in a group with a budget of its own gets that one. Anonymous callers have `default`.
 */
export type Budgets = Record<string, Partial<Record<RouteGroup, number>>>;

const perMinute = z.optional(z.number().check(z.int(), z.minimum(1)));
const budgetsSchema = z.record(z.string(), z.strictObject({ commands: perMinute, queries: perMinute }));

/** The budgets as the stack writes them into a function's environment; a malformed value is a deployment bug. */
export function parseBudgets(json: string): Budgets {
  return budgetsSchema.parse(JSON.parse(json));
}

/** GET (and HEAD) read; everything else is a command. */
export const routeGroupOf = (method: string): RouteGroup => (method === 'GET' || method === 'HEAD' ? 'queries' : 'commands');

/** A caller's budget for a route group: its first group's with one, else the default; none means unlimited. */
export function budgetOf(budgets: Budgets, groups: readonly string[], group: RouteGroup): number | undefined {
  for (const tier of groups) {
    const budget = budgets[tier]?.[group];
    if (budget !== undefined) return budget;
  }
  return budgets.default?.[group];
}

/** The one-minute window a moment falls in, and the seconds until the next one. */
export function windowOf(nowMs: number): { window: number; secondsLeft: number } {
  const window = Math.floor(nowMs / 60_000);
  return { window, secondsLeft: Math.max(1, Math.ceil(((window + 1) * 60_000 - nowMs) / 1000)) };
}
