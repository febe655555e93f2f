/**
 * Who may do what, in general: a caller is a customer or an admin (a member of the `admin` group,
 * who does everything); a customer sees and acts on what they own only, and what another customer
 * owns does not exist for them. Each context decides its own rules on top of these
 *; handlers ask, never decide.
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

/**
 * Whether the caller may see or act on something `ownerId` owns: an account, or a transfer
 * `ownerId` asked for (a refusal looks like a missing one).
 */
export function mayAccessOwned(caller: Caller, ownerId: string): boolean {
  return caller.admin || caller.id === ownerId;
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
