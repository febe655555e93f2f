import type { StackResource } from '../template/stack-resource';
import { awsManagedPolicy } from './aws-managed-policies';
import { compilePolicy, type CompiledPolicy, type PolicyDocument } from './policy';
import type { RolePolicies } from './role';

/** What reading the assembly's IAM needs: every stack's resources (each resolved in its own stack). */
export type TemplateIamInput = {
  resources: readonly StackResource[];
  /** The condition keys the runtime supplies, in lower case. */
  knownKeys: ReadonlySet<string>;
};

/** The assembly's roles with their policies, what was loaded, and the startup warnings. */
export type TemplateIam = {
  /** By role ARN. */
  roles: Map<string, RolePolicies>;
  policies: number;
  statements: number;
  warnings: string[];
};

/**
 * Reads every identity-based policy of every stack and attaches it to its roles, whichever stack
 * each role is in: `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` (their `Roles`), a role's
 * inline `Policies` and its `ManagedPolicyArns` (the assembly's own managed policies, and the
 * few AWS managed ones in `aws-managed-policies.ts`; any other grants nothing, with a warning).
 * Each statement is resolved on its own, so one the runtime cannot resolve is unevaluable (fail
 * closed) rather than a failed start.
 */
export function readTemplateIam(input: TemplateIamInput): TemplateIam {
  const { resources } = input;
  const warnings: string[] = [];
  const compiled: CompiledPolicy[] = [];
  const ofType = (type: string) => resources.filter((r) => r.resource.Type === type);
  const compile = (name: string, document: unknown, r: StackResource, path: string) => {
    const policy = compileResolved(name, document, r, path, input.knownKeys);
    compiled.push(policy);
    for (const s of policy.statements) {
      if (s.unevaluable) warnings.push(`${s.label} uses ${s.unevaluable}, which the local runtime cannot evaluate: as ${s.effect === 'Allow' ? 'an Allow it grants nothing' : 'a Deny it denies whatever it covers'} here`);
    }
    return policy;
  };

  const roles = new Map<string, RolePolicies>();
  const roleByName = new Map<string, RolePolicies>();
  for (const { physical: p } of ofType('AWS::IAM::Role')) {
    if (!p?.attributes.Arn) continue;
    const role: RolePolicies = { roleName: p.ref, roleArn: p.attributes.Arn, roleId: p.attributes.RoleId ?? p.ref, policies: [] };
    roles.set(role.roleArn, role);
    roleByName.set(role.roleName, role);
  }
  const attach = (policy: CompiledPolicy, r: StackResource) => {
    for (const name of listOf(r.resolve(r.resource.Properties?.Roles ?? [], `${r.key}.Roles`))) {
      const role = roleByName.get(name) ?? [...roles.values()].find((candidate) => candidate.roleArn === name);
      if (role) role.policies.push(policy);
      else warnings.push(`${policy.name} is attached to role ${name}, which is not a role of any stack of the assembly: ignored`);
    }
  };

  const managed = new Map<string, CompiledPolicy>();
  for (const r of ofType('AWS::IAM::ManagedPolicy')) {
    const policy = compile(r.label, r.resource.Properties?.PolicyDocument, r, `${r.key}.PolicyDocument`);
    const arn = r.physical?.ref;
    if (arn) managed.set(arn, policy);
    attach(policy, r);
  }
  for (const r of ofType('AWS::IAM::Policy')) attach(compile(r.label, r.resource.Properties?.PolicyDocument, r, `${r.key}.PolicyDocument`), r);
  for (const r of ofType('AWS::IAM::Role')) {
    const role = roles.get(r.physical?.attributes.Arn ?? '');
    if (!role) continue;
    const inline = (r.resource.Properties?.Policies ?? []) as { PolicyName?: unknown; PolicyDocument?: unknown }[];
    inline.forEach((p, i) => role.policies.push(compile(`${r.label}/${String(p.PolicyName ?? i)}`, p.PolicyDocument, r, `${r.key}.Policies[${i}].PolicyDocument`)));
    for (const arn of listOf(r.resolve(r.resource.Properties?.ManagedPolicyArns ?? [], `${r.key}.ManagedPolicyArns`))) {
      const known = managed.get(arn) ?? (awsManagedPolicy(arn) && compile(arn, awsManagedPolicy(arn), r, arn));
      if (known) role.policies.push(known);
      else warnings.push(`role ${r.label} has managed policy ${arn}, whose content is not in the assembly: it grants nothing locally`);
    }
  }
  return { roles, policies: compiled.length, statements: compiled.reduce((n, p) => n + p.statements.length, 0), warnings };
}

/** Resolves a policy document statement by statement; one that cannot be resolved becomes unevaluable. */
function compileResolved(name: string, raw: unknown, r: StackResource, path: string, knownKeys: ReadonlySet<string>): CompiledPolicy {
  const document = (raw ?? {}) as { Version?: unknown; Statement?: unknown };
  const statements = document.Statement === undefined ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const unresolvable: Record<number, string> = {};
  const resolved = statements.map((statement, i) => {
    try {
      return r.resolve(statement, `${path}.Statement[${i}]`);
    } catch (error) {
      unresolvable[i] = `a value the local runtime cannot resolve (${(error as Error).message})`;
      // Keep what says what the statement covers, so a Deny still denies those actions.
      const { Resource: _r, NotResource: _n, Condition: _c, ...rest } = statement as Record<string, unknown>;
      return { ...rest, Resource: '*' };
    }
  });
  const resolvedDocument: PolicyDocument = { Statement: resolved, ...(typeof document.Version === 'string' ? { Version: document.Version } : {}) };
  return compilePolicy(name, resolvedDocument, knownKeys, unresolvable);
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.flat(Infinity) : value === undefined ? [] : [value]).map(String);
