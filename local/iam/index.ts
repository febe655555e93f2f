import type { IncomingHttpHeaders } from 'node:http';
import type { LocalAccount } from '../template/intrinsics';
import type { StackResource } from '../template/stack-resource';
import { accessKeyIdFor, serviceSessionName } from './access-keys';
import { GLOBAL_CONTEXT_KEYS } from './context-keys';
import type { AwsAnswer } from './denial';
import { IamEnforcer, type EnforcerStats } from './enforcer';
import { eventSourceMappingAccess } from './event-source-access';
import { LambdaPermissions, type LambdaPermissionProps } from './lambda-permissions';
import { dynamoDbAccess, invokeFunctionAccess, SERVICE_ACCESS_MAPS, type ResourceNaming, type TableKeys } from './requests';
import type { RolePolicies, RoleSession } from './role';
import { readTemplateIam } from './template-policies';

export { accessKeyIdFor } from './access-keys';

/** What the local IAM needs from the running system: every stack's resources (each resolved in its stack), and where to log. */
export type LocalIamOptions = {
  resources: readonly StackResource[];
  account: LocalAccount;
  tableKeys: (tableName: string) => TableKeys | undefined;
  log: (line: string) => void;
};

/** What was loaded from the assembly, for the startup line and the ready file. */
export type IamSummary = { roles: number; policies: number; statements: number; lambdaPermissions: number; warnings: string[] };

/**
 * A Task's function could not be invoked with the state machine's role: Step Functions fails the
 * Task with this error name and AWS's message as the Cause.
 */
export class TaskAccessDenied extends Error {
  constructor(message: string) {
    super(`${message} (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: ${crypto.randomUUID()}; Proxy: null)`);
    this.name = 'Lambda.AWSLambdaException';
  }
}

/** What a Task's AWS SDK or optimized integration fails with when the role may not make the call: `DynamoDB.AmazonDynamoDBException`. */
export class TaskServiceAccessDenied extends Error {
  constructor(service: 'dynamodb', message: string) {
    super(`${message} (Service: ${service === 'dynamodb' ? 'AmazonDynamoDBv2' : service}; Status Code: 400; Error Code: AccessDeniedException)`);
    this.name = 'DynamoDB.AmazonDynamoDBException';
  }
}

/**
 * The assembly's IAM, enforced on this machine as AWS enforces it, whichever stacks the roles,
 * policies, permissions and resources are in: each function's calls against its role's
 * identity-based policies (see {@link IamEnforcer}), a state machine's Tasks against
 * its role, rule targets against their role or the function's resource-based policy, API routes
 * against the function's `AWS::Lambda::Permission`s, and each event source mapping's needs
 * against the function's role at startup.
 */
export class LocalIam {
  readonly summary: IamSummary;
  private readonly enforcer: IamEnforcer;
  private readonly roles: Map<string, RolePolicies>;
  private readonly permissions: LambdaPermissions;
  private readonly naming: ResourceNaming;
  private readonly functions = new Map<string, { arn: string; session: RoleSession }>();
  private readonly stateMachineRoles = new Map<string, RolePolicies>();

  constructor(private readonly options: LocalIamOptions) {
    const { resources, account } = options;
    this.naming = { partition: account.partition, region: account.region, accountId: account.accountId, tableKeys: options.tableKeys };
    const knownKeys = new Set([...GLOBAL_CONTEXT_KEYS, ...SERVICE_ACCESS_MAPS.flatMap((m) => m.contextKeys)].map((k) => k.toLowerCase()));
    const iam = readTemplateIam({ resources, knownKeys });
    this.roles = iam.roles;
    const permissions = resources
      .filter((r) => r.resource.Type === 'AWS::Lambda::Permission')
      .map((r) => ({ id: r.label, props: r.resolve(r.resource.Properties ?? {}, r.key) as LambdaPermissionProps }));
    this.permissions = new LambdaPermissions(permissions, this.naming);
    this.enforcer = new IamEnforcer({ naming: this.naming, log: options.log });
    this.summary = { roles: iam.roles.size, policies: iam.policies, statements: iam.statements, lambdaPermissions: this.permissions.size, warnings: iam.warnings };
    options.log(`iam: enforcing ${iam.policies} policies (${iam.statements} statements) on ${iam.roles.size} roles, and ${this.permissions.size} Lambda permissions`);
    for (const warning of iam.warnings) options.log(`iam: warning: ${warning}`);
  }

  /** Registers a function's role; returns the access key id its worker must sign with. */
  addFunction(fn: { name: string; arn: string; roleArn: string | undefined }): string {
    const role = this.role(fn.roleArn, `function ${fn.name}`);
    const session: RoleSession = { role, sessionName: fn.name, label: fn.name };
    const accessKeyId = accessKeyIdFor(fn.name);
    this.enforcer.addCaller(accessKeyId, session);
    this.functions.set(fn.name, { arn: fn.arn, session });
    return accessKeyId;
  }

  /** Registers the role a state machine runs its Tasks with. */
  addStateMachine(stateMachineArn: string, roleArn: string | undefined): void {
    this.stateMachineRoles.set(stateMachineArn, this.role(roleArn, `state machine ${stateMachineArn}`));
  }

  /** Checks a call arriving at a local AWS endpoint; see {@link IamEnforcer.guardCall}. */
  guardCall(headers: IncomingHttpHeaders, body: unknown, url?: string): AwsAnswer | undefined {
    return this.enforcer.guardCall(headers, body, url);
  }

  /** Throws {@link TaskAccessDenied} if the state machine's role may not invoke the Task's function. */
  assertTaskMayInvoke(task: { stateMachineArn: string; executionArn: string }, functionArn: string): void {
    const role = this.stateMachineRoles.get(task.stateMachineArn);
    if (!role) return;
    const session: RoleSession = { role, sessionName: serviceSessionName(task.executionArn), label: `state machine ${task.stateMachineArn.split(':').at(-1)}` };
    const denial = this.enforcer.check(session, [invokeFunctionAccess(functionArn)]);
    if (denial) throw new TaskAccessDenied(denial.message);
  }

  /**
   * Throws {@link TaskServiceAccessDenied} if the state machine's role may not make a Task's
   * service call (a DynamoDB integration's `operation` with its parameters).
   */
  assertTaskMayCall(task: { stateMachineArn: string; executionArn: string }, service: 'dynamodb', operation: string, parameters: Record<string, unknown>): void {
    const role = this.stateMachineRoles.get(task.stateMachineArn);
    if (!role) return;
    const session: RoleSession = { role, sessionName: serviceSessionName(task.executionArn), label: `state machine ${task.stateMachineArn.split(':').at(-1)}` };
    const denial = this.enforcer.check(session, dynamoDbAccess.requiredAccess(operation, parameters, this.naming));
    if (denial) throw new TaskServiceAccessDenied(service, denial.message);
  }

  /**
   * Why EventBridge may not deliver to this target, or undefined if it may: a function target
   * needs a resource-based permission for the rule; a state machine target's role needs
   * `states:StartExecution` on it.
   */
  ruleTargetRefusal(rule: { arn: string; name: string }, target: { Arn: string; RoleArn?: string }, eventId: string): string | undefined {
    const service = target.Arn.split(':')[2];
    if (service === 'lambda') {
      return this.serviceInvocationRefusal({ principal: 'events.amazonaws.com', functionArn: target.Arn, sourceArn: rule.arn }, `rule ${rule.name}`);
    }
    if (service === 'states' && target.RoleArn) {
      const session: RoleSession = { role: this.role(target.RoleArn, `rule ${rule.name}`), sessionName: serviceSessionName(eventId), label: `rule ${rule.name}` };
      return this.enforcer.check(session, [{ action: 'states:StartExecution', resource: target.Arn }], { extraContext: { 'aws:SourceArn': rule.arn } })?.message;
    }
    return undefined;
  }

  /**
   * Startup checks of a rule's targets that AWS makes when they are put: a state machine target
   * needs a RoleArn. `rule.id` names it in errors; `rule.arn` is what a Lambda permission must name.
   */
  assertRuleTargets(rule: { id: string; arn?: string }, targets: readonly { Id: string; Arn: string; RoleArn?: string }[]): void {
    for (const target of targets) {
      if (target.Arn.split(':')[2] === 'states' && !target.RoleArn) {
        throw new Error(`${rule.id}: target ${target.Id} starts state machine ${target.Arn} without a RoleArn; AWS refuses such a target`);
      }
    }
    for (const target of targets.filter((t) => t.Arn.split(':')[2] === 'lambda')) {
      if (rule.arn && !this.permissions.allows({ principal: 'events.amazonaws.com', functionArn: target.Arn, sourceArn: rule.arn })) {
        this.options.log(`iam: warning: rule ${rule.id} targets ${target.Arn}, which no AWS::Lambda::Permission lets EventBridge invoke for it: every delivery will fail, as in AWS`);
      }
    }
  }

  /** Why API Gateway may not invoke the route's function, or undefined if a Lambda permission lets it. */
  apiRouteRefusal(route: { routeKey: string; functionName: string; sourceArn?: string }): string | undefined {
    const fn = this.functions.get(route.functionName);
    if (!fn || !route.sourceArn) return undefined;
    return this.serviceInvocationRefusal({ principal: 'apigateway.amazonaws.com', functionArn: fn.arn, sourceArn: route.sourceArn }, `route ${route.routeKey}`);
  }

  /**
   * Throws, naming the mapping, the role and the missing actions, if the function's role lacks
   * what Lambda needs to run the event source mapping: AWS refuses to create such a mapping.
   */
  assertEventSourceMapping(mapping: { id: string; functionName: string; eventSourceArn: string; onFailureDestinationArn?: string }): void {
    const fn = this.functions.get(mapping.functionName);
    if (!fn) return;
    const missing: string[] = [];
    for (const access of eventSourceMappingAccess(mapping)) {
      if (this.enforcer.check(fn.session, [access])) missing.push(`${access.action} on ${access.resource}`);
    }
    if (missing.length) {
      throw new Error(`${mapping.id}: AWS refuses this event source mapping: the role ${fn.session.role.roleName} of ${mapping.functionName} lacks ${missing.join(', ')}`);
    }
  }

  stats(): EnforcerStats {
    return this.enforcer.stats();
  }

  private serviceInvocationRefusal(invocation: { principal: string; functionArn: string; sourceArn: string }, what: string): string | undefined {
    if (this.permissions.allows(invocation)) return undefined;
    const reason = `no resource-based policy (AWS::Lambda::Permission) of ${invocation.functionArn} allows ${invocation.principal} to invoke it for ${invocation.sourceArn}`;
    this.options.log(`iam: AccessDeniedException: ${invocation.principal} (${what}) may not lambda:InvokeFunction on ${invocation.functionArn}: ${reason}`);
    return reason;
  }

  /** A role of the assembly; one no stack defines is known to grant nothing (with a warning). */
  private role(roleArn: string | undefined, user: string): RolePolicies {
    const role = roleArn ? this.roles.get(roleArn) : undefined;
    if (role) return role;
    this.options.log(`iam: warning: ${user} uses role ${roleArn ?? '(none)'}, which is not a role of any stack of the assembly: nothing grants it anything locally`);
    const name = roleArn?.split('/').at(-1) ?? 'unknown';
    return { roleName: name, roleArn: roleArn ?? '', roleId: name, policies: [] };
  }
}
