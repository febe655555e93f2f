import type { CompiledPolicy, CompiledStatement } from './policy';
import type { RequestContext } from './request-context';

/** One thing a request asks to do: an IAM action on a resource, with the request's context keys. */
export type AccessRequest = { action: string; resource: string; context: RequestContext };

/** What the identity-based policies say of one access request, and which statement decided it. */
export type Decision =
  | { effect: 'allow'; statement: CompiledStatement }
  | { effect: 'explicit-deny'; statement: CompiledStatement }
  | { effect: 'implicit-deny' };

/**
 * IAM's evaluation for identity-based policies within one account: a Deny statement that applies
 * wins over everything; otherwise an Allow statement that applies grants; otherwise the request
 * is denied implicitly. A statement applies when it covers the action and the resource and its
 * condition holds. Unevaluable statements fail closed: an Allow never applies, a Deny applies to
 * whatever it covers. (No SCPs, permissions boundaries or session policies: the template has none.)
 *
 * Written for this project rather than taken from npm: the one maintained simulator there,
 * @cloud-copilot/iam-simulate, is AGPL-3.0, and Orderline is MIT.
 */
export function evaluate(policies: readonly CompiledPolicy[], request: AccessRequest): Decision {
  let allowedBy: CompiledStatement | undefined;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!statement.covers(request.action, request.resource, request.context)) continue;
      if (statement.effect === 'Deny') {
        if (statement.unevaluable || statement.condition(request.context)) return { effect: 'explicit-deny', statement };
      } else if (!allowedBy && !statement.unevaluable && statement.condition(request.context)) {
        allowedBy = statement;
      }
    }
  }
  return allowedBy ? { effect: 'allow', statement: allowedBy } : { effect: 'implicit-deny' };
}
