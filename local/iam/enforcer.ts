import type { IncomingHttpHeaders } from 'node:http';
import { accessDeniedAnswer, accessDeniedMessage, type AwsAnswer } from './denial';
import { evaluate } from './evaluate';
import { requestContext, type ContextValue } from './request-context';
import { accessMapFor, UnmappableRequest, type RequiredAccess, type ResourceNaming } from './requests';
import { sessionArn, type RoleSession } from './role';
import { sigV4Credential } from './sigv4';

/** A refused access: who, what, and why, with AWS's message for it. */
export type AccessDenial = { session: RoleSession; action: string; resource: string; message: string; reason: string };

export type EnforcerOptions = {
  naming: ResourceNaming;
  log: (line: string) => void;
  now?: () => Date;
};

/** Checks made and time spent in them, for the cost figures. */
export type EnforcerStats = { checks: number; denials: number; totalMs: number };

/**
 * Decides every call a role makes against the role's identity-based policies, and answers the
 * denied ones as the service would. Callers are known by the access key their call is signed
 * with (each function's worker has its own, see `access-keys.ts`). A key that belongs to no
 * function — the tests', `npm run rebuild`'s, the runtime's own (`local`) — is the account
 * owner's, and allowed, as an administrator's credentials would be in AWS.
 */
export class IamEnforcer {
  private readonly sessions = new Map<string, RoleSession>();
  private readonly counted: EnforcerStats = { checks: 0, denials: 0, totalMs: 0 };

  constructor(private readonly options: EnforcerOptions) {}

  /** Calls signed with `accessKeyId` are made in this session from now on. */
  addCaller(accessKeyId: string, session: RoleSession): void {
    this.sessions.set(accessKeyId, session);
  }

  stats(): EnforcerStats {
    return { ...this.counted };
  }

  /**
   * Checks a call in the AWS JSON protocol (routed by `X-Amz-Target`) from its signature, target
   * and body. Returns the service's AccessDenied answer, or undefined to let the call through
   * (allowed, the account owner's, or a service the runtime does not authorize).
   */
  guardCall(headers: IncomingHttpHeaders, body: unknown, url?: string): AwsAnswer | undefined {
    const [prefix = '', operation = ''] = String(headers['x-amz-target'] ?? '').split('.');
    const map = accessMapFor(prefix);
    const credential = sigV4Credential(headers, url);
    const session = credential && this.sessions.get(credential.accessKeyId);
    if (!map || !session) return undefined;
    let accesses: RequiredAccess[];
    try {
      accesses = map.requiredAccess(operation, (body ?? {}) as Record<string, unknown>, this.options.naming);
    } catch (error) {
      if (!(error instanceof UnmappableRequest)) throw error;
      const denial = this.deny(session, `${map.service}:${operation}`, '*', `refused: ${error.message}`, false, map.messageAction);
      return accessDeniedAnswer(map.accessDeniedType, denial.message);
    }
    const denial = this.check(session, accesses, { region: credential.region, messageAction: map.messageAction });
    return denial && accessDeniedAnswer(map.accessDeniedType, denial.message);
  }

  /**
   * Checks every access in order and returns the first refused one (logged), or undefined when
   * the policies allow them all. `extraContext` adds keys such as `aws:SourceArn`.
   */
  check(
    session: RoleSession,
    accesses: readonly RequiredAccess[],
    options: { region?: string; extraContext?: Record<string, ContextValue | undefined>; messageAction?: (action: string) => string } = {},
  ): AccessDenial | undefined {
    const started = performance.now();
    try {
      const base = this.sessionContext(session, options.region);
      for (const access of accesses) {
        this.counted.checks += 1;
        const context = requestContext({ ...base, ...options.extraContext, ...access.context });
        const decision = evaluate(session.role.policies, { action: access.action, resource: access.resource, context });
        if (decision.effect === 'allow') continue;
        const reason =
          decision.effect === 'implicit-deny'
            ? 'no identity-based policy allows it'
            : `explicitly denied by ${decision.statement.label}${decision.statement.unevaluable ? ` (unevaluable here: ${decision.statement.unevaluable}; a Deny fails closed)` : ''}`;
        return this.deny(session, access.action, access.resource, reason, decision.effect === 'explicit-deny', options.messageAction);
      }
      return undefined;
    } finally {
      this.counted.totalMs += performance.now() - started;
    }
  }

  private sessionContext(session: RoleSession, region?: string): Record<string, ContextValue | undefined> {
    const now = (this.options.now ?? (() => new Date()))();
    const { accountId } = this.options.naming;
    return {
      'aws:PrincipalArn': session.role.roleArn,
      'aws:PrincipalAccount': accountId,
      'aws:PrincipalType': 'AssumedRole',
      'aws:userid': `${session.role.roleId}:${session.sessionName}`,
      'aws:RequestedRegion': region ?? this.options.naming.region,
      'aws:CurrentTime': now.toISOString(),
      'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
      // Local calls are plain HTTP, but the same code reaches AWS over TLS: answer as AWS would.
      'aws:SecureTransport': 'true',
    };
  }

  private deny(session: RoleSession, action: string, resource: string, reason: string, explicit: boolean, messageAction = (a: string) => a): AccessDenial {
    this.counted.denials += 1;
    const message = accessDeniedMessage(sessionArn(session, this.options.naming.accountId), messageAction(action), resource, explicit);
    this.options.log(`iam: AccessDeniedException: ${session.label} (role ${session.role.roleName}) may not ${action} on ${resource}: ${reason}`);
    return { session, action, resource, message, reason };
  }
}
