/**
 * Runs `work` over `items`, at most `limit` at a time, in order of the items (hundreds of calls
 * at once would only test the API's throttle).
 */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return results;
}
