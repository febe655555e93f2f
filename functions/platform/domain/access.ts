/**
 * Who may do what. The one place that decides it: handlers ask, they never decide.
 *
 * - A customer works on their own orders only: another customer's order does not exist for them.
 * - A customer opens accounts for themselves and moves money on their own accounts only; another
 *   customer's account, and a transfer another customer asked for, do not exist for them. Money
 *   may go TO anyone's account: a transfer names its target by id.
 * - An admin (member of the `admin` group) does everything: the catalogue and its stock, shipping
 *   and delivery, any order, listings across customers, figures, saga monitoring, and sees every
 *   account, transaction and transfer.
 */

/** The group whose members are admins. */
export const ADMIN_GROUP = 'admin';

/** Who is calling, as the verified token says: `id` is the token's `sub`. */
export type Caller = { id: string; admin: boolean };

/** What a route asks of its caller: any signed-in caller, or an admin. */
export type RouteAccess = 'signed-in' | 'admin';

/** The caller a token's subject and groups make. */
export function callerOf(subject: string, groups: readonly string[]): Caller {
  return { id: subject, admin: groups.includes(ADMIN_GROUP) };
}

/** Whether the caller may use a route at all (a refusal is a 403). */
export function mayUseRoute(caller: Caller, access: RouteAccess): boolean {
  return access === 'signed-in' || caller.admin;
}

/** Whether the caller may see or act on an order of `ownerId` (a refusal looks like a missing order). */
export function mayAccessOrder(caller: Caller, ownerId: string): boolean {
  return mayAccessOwned(caller, ownerId);
}

/**
 * Whether the caller may see or act on something `ownerId` owns: an account, or a transfer
 * `ownerId` asked for (a refusal looks like a missing one).
 */
export function mayAccessOwned(caller: Caller, ownerId: string): boolean {
  return caller.admin || caller.id === ownerId;
}

/** The filters of an order listing, as asked and as allowed. */
export type OrderListing = { customerId?: string; status?: string };

/**
 * What an order listing may show: a customer sees their own orders (by status too), and asking
 * for another customer's is refused (undefined, a 403); an admin lists anyone's, by status, or all.
 */
export function allowedOrderListing(caller: Caller, asked: OrderListing): OrderListing | undefined {
  const owner = allowedOwner(caller, asked.customerId);
  return owner && { ...asked, customerId: owner.ownerId };
}

/**
 * Whose things a listing (of orders, accounts, transfers) may show: a customer only their own
 * (asking for another's is refused: undefined, a 403); an admin the owner asked for, or everyone's
 * (`ownerId` undefined).
 */
export function allowedOwner(caller: Caller, asked: string | undefined): { ownerId?: string } | undefined {
  if (caller.admin) return { ownerId: asked };
  if (asked !== undefined && asked !== caller.id) return undefined;
  return { ownerId: caller.id };
}
