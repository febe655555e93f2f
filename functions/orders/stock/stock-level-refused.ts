/**
 * A stock level refused a move: too few units available for a reservation, or no level at all
 * (no such product). Raised inside a reservation and turned there into the business error from
 * a fresh read, or into another try; it never leaves the stock module.
 */
export class StockLevelRefused extends Error {
  constructor(readonly sku: string) {
    super(`the stock level of ${sku} refused the move`);
    this.name = 'StockLevelRefused';
  }
}
