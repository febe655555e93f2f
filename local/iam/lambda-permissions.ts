import { evaluate } from './evaluate';
import { compilePolicy, type CompiledPolicy } from './policy';
import { requestContext } from './request-context';

/** A service invoking a function for one of its resources: API Gateway for a route, EventBridge for a rule. */
export type ServiceInvocation = { principal: string; functionArn: string; sourceArn: string };

/** One `AWS::Lambda::Permission`, its properties resolved. */
export type LambdaPermissionProps = { Action?: unknown; FunctionName?: unknown; Principal?: unknown; SourceArn?: unknown; SourceAccount?: unknown };

type Permission = { principal: string; policy: CompiledPolicy };

/**
 * The functions' resource-based policies, from the template's `AWS::Lambda::Permission`s: each is
 * a statement allowing its principal the action on the function, under `ArnLike aws:SourceArn`
 * and `StringEquals aws:SourceAccount` when it sets them. A service may invoke a function only
 * if one of them allows it, as in AWS.
 */
export class LambdaPermissions {
  private readonly permissions: Permission[];

  constructor(
    permissions: { id: string; props: LambdaPermissionProps }[],
    private readonly account: { partition: string; region: string; accountId: string },
  ) {
    this.permissions = permissions.map(({ id, props }) => ({
      principal: String(props.Principal ?? ''),
      policy: compilePolicy(
        id,
        {
          Version: '2012-10-17',
          Statement: {
            Effect: 'Allow',
            Action: String(props.Action ?? ''),
            Resource: this.functionArn(String(props.FunctionName ?? '')),
            ...condition(props),
          },
        },
        new Set(['aws:sourcearn', 'aws:sourceaccount']),
      ),
    }));
  }

  /** How many permissions the template has. */
  get size(): number {
    return this.permissions.length;
  }

  /** Whether the function's resource-based policy lets the service invoke it for that source. */
  allows(invocation: ServiceInvocation): boolean {
    const policies = this.permissions.filter((p) => p.principal === invocation.principal || p.principal === '*').map((p) => p.policy);
    const context = requestContext({ 'aws:SourceArn': invocation.sourceArn, 'aws:SourceAccount': this.account.accountId });
    return evaluate(policies, { action: 'lambda:InvokeFunction', resource: invocation.functionArn, context }).effect === 'allow';
  }

  /** A function named by name, partial or full ARN, as its full ARN (a qualifier kept). */
  private functionArn(name: string): string {
    if (name.startsWith('arn:')) return name;
    const { partition, region, accountId } = this.account;
    return `arn:${partition}:lambda:${region}:${accountId}:function:${name}`;
  }
}

function condition(props: LambdaPermissionProps): { Condition?: Record<string, Record<string, string>> } {
  const clauses: Record<string, Record<string, string>> = {};
  if (props.SourceArn !== undefined) clauses.ArnLike = { 'aws:SourceArn': String(props.SourceArn) };
  if (props.SourceAccount !== undefined) clauses.StringEquals = { 'aws:SourceAccount': String(props.SourceAccount) };
  return Object.keys(clauses).length ? { Condition: clauses } : {};
}
