import type { CompiledPolicy } from './policy';

/** An IAM role of the template with the identity-based policies attached to it. */
export type RolePolicies = {
  roleName: string;
  roleArn: string;
  /** The role's unique id (`aws:userid` is `<RoleId>:<session name>`). */
  roleId: string;
  policies: CompiledPolicy[];
};

/**
 * Someone acting with a role: a function (the session is named after it, as Lambda names it),
 * a state machine's execution, a rule's target. `label` names it in logs.
 */
export type RoleSession = { role: RolePolicies; sessionName: string; label: string };

/** The session's ARN, as AWS writes it in AccessDenied messages. */
export function sessionArn(session: RoleSession, accountId: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${session.role.roleName}/${session.sessionName}`;
}
